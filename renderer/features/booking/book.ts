import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { PosteClient } from '../../app/client';

export type BookOutcome =
  | {
      ok: true;
      booked: ResponseOf<'work:book'>;
      /** Set when the meeting was saved but the result that opened the booking was not. */
      resultError: string | null;
    }
  | { ok: false; message: string };

/**
 * Books the meeting, then, if the booking was opened by a result (« Rejoint — RDV pris »),
 * records that result on the same OPP: the result exists only once its meeting does. A
 * refused booking writes nothing.
 */
export async function bookWithResult(
  client: Pick<PosteClient, 'tryCall'>,
  request: RequestOf<'work:book'>,
  resultChoiceId: string | null,
): Promise<BookOutcome> {
  const booked = await client.tryCall('work:book', request);
  if (!booked.ok) return { ok: false, message: booked.error.message };
  if (!resultChoiceId) return { ok: true, booked: booked.value, resultError: null };
  const result = await client.tryCall('work:result', {
    clientId: request.clientId,
    opportunityId: booked.value.opportunityId,
    choiceId: resultChoiceId,
  });
  return { ok: true, booked: booked.value, resultError: result.ok ? null : result.error.message };
}
