import type { z } from 'zod';
import { isChannel, requests, type Channel, type ParsedRequestOf, type ResponseOf } from './contract';
import { ServiceError, type ContractError, type Result } from './result';
import { schemaIssueText } from '../schema-texts';
import { errorMessage } from '../error-message';

/** One handler per channel; the hosts never call a service any other way. */
export type Handlers = {
  [C in Channel]: (input: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** The handlers of one area's fragment of the contract (e.g. `typeof leadsRequests`). */
export type HandlersFor<R> = {
  [C in keyof R & Channel]: (input: ParsedRequestOf<C>) => ResponseOf<C> | Promise<ResponseOf<C>>;
};

/** Where a call came from, for the log; hosts check the sender before dispatching. */
export interface DispatchLogger {
  error(message: string, detail?: Record<string, unknown>): void;
}

/**
 * A request's first problem: in English with its field for the log and API callers, and by
 * key for the console (shared/schema-texts.ts).
 */
export function schemaRefusal(error: z.ZodError): ContractError {
  const issue = error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  const { key, params } = schemaIssueText(issue);
  return {
    code: 'invalid_input',
    message: issue ? `${path || 'input'}: ${issue.message}` : 'invalid input',
    path,
    text: { key: `errors:${key}`, params },
  };
}

/**
 * Parses a raw call (channel name and input from outside), runs its handler, and returns
 * a Result. Bad input changes nothing: it is refused before any handler runs.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  logger?: DispatchLogger,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `unknown channel: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}` } };
  }
  const parsed = requests[channel].input.safeParse(input ?? {});
  if (!parsed.success) return { ok: false, error: schemaRefusal(parsed.error) };
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ServiceError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, ...(error.path ? { path: error.path } : {}), ...(error.text ? { text: error.text } : {}) },
      };
    }
    logger?.error('handler failed', { channel, error: errorMessage(error) });
    return { ok: false, error: { code: 'internal', message: 'internal error; see the log' } };
  }
}
