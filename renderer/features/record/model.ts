import { isOpenStatus } from '../../../shared/domain/model';
import type { ActivityDto, ContactRecord, MeetingDto, OpportunityDto } from '../../../shared/ipc/dto';

/** Pure selectors over a {@link ContactRecord}: what each zone shows, computed once. */

/** The OPP the record is about (`primaryOpportunityId`), or null. */
export function primaryOpportunity(record: ContactRecord): OpportunityDto | null {
  if (!record.primaryOpportunityId) return null;
  return record.opportunities.find((o) => o.id === record.primaryOpportunityId) ?? null;
}

export function fullName(record: ContactRecord): string {
  return `${record.client.firstName} ${record.client.lastName}`.trim();
}

function byTimeDesc<T extends { at: string; id: string }>(a: T, b: T): number {
  const diff = Date.parse(b.at) - Date.parse(a.at);
  if (diff !== 0 && !Number.isNaN(diff)) return diff;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every activity, newest first (zone 8). Does not mutate the record. */
export function historyNewestFirst(activities: readonly ActivityDto[]): ActivityDto[] {
  return [...activities].sort(byTimeDesc);
}

/** Meetings newest first (zone 7). */
export function meetingsNewestFirst(meetings: readonly MeetingDto[]): MeetingDto[] {
  return [...meetings].sort(byTimeDesc);
}

/** NT-1 notes and FU-2 follow-up notes for zone 12, newest first. */
export function remarks(activities: readonly ActivityDto[]): ActivityDto[] {
  return historyNewestFirst(
    // A merge's line (merge.ts) is no agent's remark; older ones carried a note all the same.
    activities.filter((a) => (a.kind === 'note' || a.kind === 'follow_up') && (a.note ?? '').trim() !== '' && a.data?.action !== 'merge'),
  );
}

/** FU-1/FU-2 tracker: how many follow-ups and the latest one. */
export function followUps(activities: readonly ActivityDto[]): { count: number; latest: ActivityDto | null } {
  const list = historyNewestFirst(activities.filter((a) => a.kind === 'follow_up'));
  return { count: list.length, latest: list[0] ?? null };
}

/**
 * OPEN-1: the client's other open files, in any department: every open OPP except the
 * primary one. Invalide BDC is closed, so INV-0 is honoured by `isOpenStatus`.
 */
export function otherOpenFiles(record: ContactRecord): OpportunityDto[] {
  return record.opportunities.filter((o) => o.id !== record.primaryOpportunityId && isOpenStatus(o.status));
}
