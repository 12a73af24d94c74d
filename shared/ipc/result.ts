/** What every contract call returns: never a raw exception across the boundary. */
export type ErrorCode = 'invalid_input' | 'unknown_channel' | 'not_found' | 'conflict' | 'forbidden' | 'internal';

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** For invalid_input: where in the input, e.g. "query" or "patch.sip.server". */
  path?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** An expected failure a service reports on purpose (the message is shown to the user). */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
