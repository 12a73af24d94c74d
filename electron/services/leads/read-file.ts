import { offsetMinutes } from '../../../shared/rules/time';
import { readAdfBytes, readAdfText, type AdfReadOptions, type AdfReadResult } from './adf';
import { extractAdfFromEml, looksLikeEml } from './eml';

/** What reading a lead file needs to know: the clock and the centre's zone (plain data, so it crosses to a worker). */
export interface LeadFileContext {
  nowMs: number;
  timeZone: string;
}

/** An ADF/XML file, or an e-mail carrying one, told apart by name or content. */
export function leadFileSource(fileName: string, bytes: Uint8Array): 'adf' | 'eml' {
  return /\.eml$/i.test(fileName) || looksLikeEml(bytes) ? 'eml' : 'adf';
}

/**
 * A lead file's bytes → its leads, without touching the cache. Throws ImportError,
 * DecodeError or EmlError on a file that cannot be read, as importLeads expects. The same
 * function runs on the host's thread and on the reader's worker (read-worker.ts).
 */
export function readLeadFile(fileName: string, bytes: Uint8Array, context: LeadFileContext): AdfReadResult {
  const options = leadReadOptions(context);
  return leadFileSource(fileName, bytes) === 'eml'
    ? readAdfText(extractAdfFromEml(bytes), options)
    : readAdfBytes(bytes, options);
}

/** The readers' options (ADF and CSV) for a clock and a zone. */
export function leadReadOptions(context: LeadFileContext): AdfReadOptions {
  return {
    now: new Date(context.nowMs),
    zoneOffsetMinutes: (ms: number) => offsetMinutes(ms, context.timeZone),
    // A: a lead that does not say its language is French (a Québec centre).
    defaultLanguage: 'fr',
  };
}
