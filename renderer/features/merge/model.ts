import type { DuplicateDto, ImportReportDto } from '../../../shared/ipc/contract-leads';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { ErrorCode } from '../../../shared/ipc/result';
import { formatPhone } from '../../../shared/phone/phone';

/**
 * The pure parts of merging client records: which records may be picked, what the merge
 * will leave on the kept record, how a proposal or an error is shown. No I/O here.
 */

/** The service merges three records at most (merge.ts `MAX_MERGE`): the kept one and two others. */
export const MAX_OTHERS = 2;
export const MAX_RECORDS = MAX_OTHERS + 1;

/** A record the agent may merge into the open one. */
export interface MergeCandidate extends DuplicateDto {
  /** Brought by an import's merge proposal rather than found by `clients:duplicates`. */
  proposed: boolean;
}

export interface RecordCounts {
  opportunities: number;
  activities: number;
  texts: number;
  meetings: number;
  calls: number;
}

export const COUNT_KEYS = [
  'opportunities',
  'activities',
  'texts',
  'meetings',
  'calls',
] as const satisfies readonly (keyof RecordCounts)[];

export interface SummaryRecord {
  clientId: string;
  name: string;
  counts: RecordCounts;
}

/** What the kept record will hold once the others are merged into it. */
export interface MergeSummary {
  keep: SummaryRecord;
  merged: SummaryRecord[];
  /** Sums over the three records: nothing is dropped by a merge. */
  total: RecordCounts;
  /** E.164, the kept record's first; a number two records share is kept once. */
  phones: string[];
  emails: string[];
  /** The credit file the kept record ends with: the service copies a merged record's CRE over. */
  cre: string | null;
}

export function recordName(record: ContactRecord): string {
  return `${record.client.firstName} ${record.client.lastName}`.trim();
}

/**
 * Ticks or unticks a record. A third pick is refused (the selection is returned as it was)
 * rather than silently dropping an earlier one: the agent unticks on purpose.
 */
export function toggleSelection(selected: readonly string[], id: string, max: number = MAX_OTHERS): string[] {
  if (selected.includes(id)) return selected.filter((s) => s !== id);
  if (selected.length >= max) return [...selected];
  return [...selected, id];
}

/** A record that is not (or no longer) among the duplicates found, shown as a candidate anyway. */
export function candidateFromRecord(record: ContactRecord): MergeCandidate {
  return {
    clientId: record.client.id,
    name: recordName(record),
    phones: record.phones.map((p) => p.e164),
    emails: record.emails.map((e) => e.email),
    opportunities: record.opportunities.length,
    matchedOn: [],
    proposed: true,
  };
}

/** The duplicates found, then the proposed records they do not already include; never the kept one. */
export function mergeCandidates(
  keepId: string,
  duplicates: readonly DuplicateDto[],
  proposed: readonly ContactRecord[] = [],
): MergeCandidate[] {
  const out: MergeCandidate[] = [];
  const seen = new Set<string>([keepId]);
  for (const d of duplicates) {
    if (seen.has(d.clientId)) continue;
    seen.add(d.clientId);
    out.push({ ...d, proposed: false });
  }
  for (const r of proposed) {
    if (seen.has(r.client.id)) continue;
    seen.add(r.client.id);
    out.push(candidateFromRecord(r));
  }
  return out;
}

/** The records to tick when the dialog opens: those wanted that are candidates, two at most. */
export function preselection(
  candidates: readonly MergeCandidate[],
  wanted: readonly string[],
  max: number = MAX_OTHERS,
): string[] {
  const ids = new Set(candidates.map((c) => c.clientId));
  return [...new Set(wanted)].filter((id) => ids.has(id)).slice(0, max);
}

export function countsOf(record: ContactRecord): RecordCounts {
  return {
    opportunities: record.opportunities.length,
    activities: record.activities.length,
    texts: record.texts.length,
    meetings: record.meetings.length,
    calls: record.calls.length,
  };
}

/** Mirrors the service (merge.ts): every row is re-pointed, shared numbers and e-mails kept once. */
export function summarizeMerge(keep: ContactRecord, others: readonly ContactRecord[]): MergeSummary {
  const all = [keep, ...others];
  const total: RecordCounts = { opportunities: 0, activities: 0, texts: 0, meetings: 0, calls: 0 };
  for (const r of all) {
    const c = countsOf(r);
    for (const key of COUNT_KEYS) total[key] += c[key];
  }
  const phones = [...new Set(all.flatMap((r) => r.phones.map((p) => p.e164)))];
  const emails = [...new Set(all.flatMap((r) => r.emails.map((e) => e.email.toLowerCase())))];
  let cre = keep.client.cre;
  for (const r of others) if (r.client.cre) cre = r.client.cre;
  const summary = (r: ContactRecord): SummaryRecord => ({
    clientId: r.client.id,
    name: recordName(r),
    counts: countsOf(r),
  });
  return { keep: summary(keep), merged: others.map(summary), total, phones, emails, cre };
}

/** A matched value as the agent reads it: a phone in local format, an e-mail as is. */
export function formatMatch(value: string): string {
  return value.startsWith('+') ? formatPhone(value) : value;
}

export type MergeErrorKind = 'not_found' | 'invalid_input' | 'conflict' | 'forbidden' | 'other';

/** Which explanation the dialog gives for a refused merge. */
export function mergeErrorKind(code: ErrorCode | 'network'): MergeErrorKind {
  switch (code) {
    case 'not_found':
    case 'invalid_input':
    case 'conflict':
    case 'forbidden':
      return code;
    default:
      return 'other';
  }
}

/**
 * The import reports' merge proposals, each once (several leads of a batch may match the
 * same records), in the order they were made. A proposal names the records one lead
 * matched; the first is the one the dialog keeps.
 */
export function uniqueProposals(reports: readonly Pick<ImportReportDto, 'mergeProposals'>[]): string[][] {
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const report of reports) {
    for (const proposal of report.mergeProposals) {
      const ids = [...new Set(proposal)];
      if (ids.length < 2) continue;
      const key = [...ids].sort().join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ids);
    }
  }
  return out;
}

/**
 * How a proposal reads: the records one merge can take (the first three) and how many more
 * the lead matched, which the agent merges in a second pass (the dialog lists them unticked).
 */
export function proposalShape(ids: readonly string[]): { records: number; more: number } {
  const records = Math.min(ids.length, MAX_RECORDS);
  return { records, more: ids.length - records };
}
