import type { ContactRecord } from '../../../shared/ipc/dto';
import { concerns, isFollowUp } from '../../../shared/rules';
import type { Verdict } from '../../../shared/rules/scenario';

export interface RuleWindow {
  /** Which window of the procedures: a 3-minute text reply, a 3-hour callback, a 72-hour no-show. */
  kind: '3min' | '3h' | '72h';
  until: string;
}

const HOUR = 3600_000;

/**
 * The time window a verdict depends on, to show as a live countdown: SMS-3a's reservation,
 * the 3 h after a colleague's follow-up (CB-1, CB-3), the 72 h after a no-show follow-up (NS-1).
 * Null when no window applies or it has already closed.
 */
export function ruleWindow(verdict: Verdict, record: ContactRecord | null, now: Date): RuleWindow | null {
  const rule = verdict.rules[0];
  const open = (kind: RuleWindow['kind'], until: number): RuleWindow | null =>
    until > now.getTime() ? { kind, until: new Date(until).toISOString() } : null;
  if (rule === 'SMS-3a' && verdict.reservedUntil) return open('3min', Date.parse(verdict.reservedUntil));
  if (!record) return null;
  if (rule === 'CB-1' || rule === 'CB-3') {
    // As CB-1 reads it: the latest follow-up on the OPP, or on the client's record without an
    // OPP, by someone other than its manager.
    const manager = record.opportunities.find((o) => o.id === verdict.opportunityId)?.managerId ?? null;
    const followUp = record.activities.find((a) => isFollowUp(a) && concerns(a, verdict.opportunityId) && a.agentId !== manager);
    return followUp ? open('3h', Date.parse(followUp.at) + 3 * HOUR) : null;
  }
  if (rule === 'NS-1') {
    // As NS-1 reads it: the booker's (the verdict's owner's) latest activity on the no-show, or
    // their latest follow-up on its OPP or on the client's record (activities come newest first).
    const noShows = new Set(record.meetings.filter((m) => m.status === 'no_show').map((m) => m.id));
    const followUp = record.activities.find(
      (a) =>
        a.agentId === verdict.owner &&
        ((a.meetingId !== null && noShows.has(a.meetingId)) || (isFollowUp(a) && concerns(a, verdict.opportunityId))),
    );
    return followUp ? open('72h', Date.parse(followUp.at) + 72 * HOUR) : null;
  }
  return null;
}

/** "2:59:07", "2:41", the way a countdown reads. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
