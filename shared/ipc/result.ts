/** What every contract call returns: never a raw exception across the boundary. */
export type ErrorCode = 'invalid_input' | 'unknown_channel' | 'not_found' | 'conflict' | 'forbidden' | 'internal';

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** For invalid_input: where in the input, e.g. "query" or "patch.sip.server". */
  path?: string;
  /** The message as a translation key and its values, for the console to word it in the agent's language. */
  text?: ErrorText;
}

/** A translation key with its namespace (`errors:folder_missing`) and the values it takes. */
export interface ErrorText {
  key: string;
  params?: Readonly<Record<string, string | number>>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };

/** An expected failure a service reports on purpose (the message is shown to the user). */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly path?: string,
    readonly text?: ErrorText,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
