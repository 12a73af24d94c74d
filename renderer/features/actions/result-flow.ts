import type { RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { PosteClient } from '../../app/client';

export type ResultOutcome =
  | { kind: 'saved'; value: ResponseOf<'work:result'> }
  /** The choice opens the booking dialog: nothing is written until the meeting is booked. */
  | { kind: 'booking'; choiceId: string }
  | { kind: 'error'; message: string };

/**
 * Résultat's « Enregistrer ». A result that opens the booking (« Rejoint — RDV pris ») is not
 * written here: it would claim a meeting that does not exist yet, stay if the agent closed
 * the booking, and be written again each time the dialog was reopened. The booking dialog
 * records it once the meeting is saved ({@link bookWithResult}).
 */
export async function saveResult(
  client: Pick<PosteClient, 'tryCall'>,
  choice: { id: string; opens: 'booking' | 'schedule_call' | null },
  request: Omit<RequestOf<'work:result'>, 'choiceId'>,
): Promise<ResultOutcome> {
  if (choice.opens === 'booking') return { kind: 'booking', choiceId: choice.id };
  const r = await client.tryCall('work:result', { ...request, choiceId: choice.id });
  return r.ok ? { kind: 'saved', value: r.value } : { kind: 'error', message: r.error.message };
}
