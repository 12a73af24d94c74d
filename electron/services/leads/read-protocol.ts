import type { ImportProblemCode, ImportProblemParams } from '../../../shared/domain/import-problems';
import type { AdfReadResult } from './adf';
import { DecodeError } from './decode';
import { EmlError } from './eml';
import { ImportError, type ImportProblem } from './lead-input';
import type { LeadFileContext } from './read-file';
import { errorMessage } from '../../../shared/error-message';

/** A file for the reader's worker. */
export interface ReadRequest {
  id: number;
  fileName: string;
  bytes: Uint8Array;
  context: LeadFileContext;
}

/** Why a file could not be read, as plain data: the error classes do not survive a thread boundary. */
export type ReadFailure =
  | { kind: 'import'; problems: ImportProblem[] }
  | { kind: 'decode'; code: ImportProblemCode; params: ImportProblemParams; line: number }
  | { kind: 'eml'; code: ImportProblemCode; params: ImportProblemParams }
  | { kind: 'other'; message: string };

export type ReadReply =
  ({ ok: true } & AdfReadResult & { id: number }) | { id: number; ok: false; failure: ReadFailure };

export function encodeReadFailure(error: unknown): ReadFailure {
  if (error instanceof ImportError) return { kind: 'import', problems: error.problems };
  if (error instanceof DecodeError) return { kind: 'decode', code: error.code, params: error.params, line: error.line };
  if (error instanceof EmlError) return { kind: 'eml', code: error.code, params: error.params };
  return { kind: 'other', message: errorMessage(error) };
}

/** The error the host's own reading would have thrown, so importLeads reports it the same way. */
export function decodeReadFailure(failure: ReadFailure): Error {
  switch (failure.kind) {
    case 'import':
      return new ImportError(failure.problems);
    case 'decode':
      return new DecodeError(failure.code, failure.params, failure.line);
    case 'eml':
      return new EmlError(failure.code, failure.params);
    case 'other':
      return new Error(failure.message);
  }
}
