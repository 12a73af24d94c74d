import { describe, expect, it } from 'vitest';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { Verdict } from '../../../shared/rules/scenario';
import { formatCountdown, ruleWindow } from './window';

const verdict = (rules: Verdict['rules'], extra: Partial<Verdict> = {}): Verdict => ({
  decision: 'transfer',
  transferTo: 'luc',
  owner: 'luc',
  opportunityId: 'o1',
  reservedUntil: null,
  actions: [],
  otherOpenFiles: [],
  rules,
  explanation: { fr: 'x', en: 'x' },
  ...extra,
});

const record = (activities: Partial<ContactRecord['activities'][number]>[], meetings: Partial<ContactRecord['meetings'][number]>[] = []) =>
  ({ activities, meetings, opportunities: [{ id: 'o1', managerId: 'julie' }] }) as unknown as ContactRecord;

describe('the countdown of a rule’s window', () => {
  const now = new Date('2026-03-10T18:00:00Z');

  it('counts the 3 minutes of a text reservation (SMS-3a)', () => {
    expect(ruleWindow(verdict(['SMS-3a'], { reservedUntil: '2026-03-10T18:02:30Z' }), null, now)).toEqual({ kind: '3min', until: '2026-03-10T18:02:30.000Z' });
  });

  it('counts 3 h from the colleague’s follow-up on the OPP (CB-1)', () => {
    const r = record([{ kind: 'follow_up', opportunityId: 'o1', at: '2026-03-10T16:00:00Z', meetingId: null }]);
    expect(ruleWindow(verdict(['CB-1']), r, now)).toEqual({ kind: '3h', until: '2026-03-10T19:00:00.000Z' });
  });

  it('counts from a « PDR » note as the rules do, and not from a plain call (CB-1)', () => {
    const noted = record([
      { kind: 'call', opportunityId: 'o1', at: '2026-03-10T17:30:00Z', meetingId: null, note: null },
      { kind: 'note', opportunityId: 'o1', at: '2026-03-10T16:30:00Z', meetingId: null, note: 'PDR J2 R1 + TEXTO' },
    ]);
    expect(ruleWindow(verdict(['CB-1']), noted, now)).toEqual({ kind: '3h', until: '2026-03-10T19:30:00.000Z' });
  });

  it('leaves out the manager’s own follow-up, as CB-1 does', () => {
    const r = record([
      { kind: 'note', opportunityId: 'o1', at: '2026-03-10T17:30:00Z', meetingId: null, note: 'PDR J1 R2', agentId: 'julie' },
      { kind: 'follow_up', opportunityId: 'o1', at: '2026-03-10T16:00:00Z', meetingId: null, agentId: 'luc' },
    ]);
    expect(ruleWindow(verdict(['CB-1']), r, now)).toEqual({ kind: '3h', until: '2026-03-10T19:00:00.000Z' });
  });

  it('counts from a follow-up on the client’s record (no OPP) or a call noted « PDR », not from another OPP’s (CB-1, NS-1)', () => {
    const r = record([
      { kind: 'follow_up', opportunityId: 'o0', at: '2026-03-10T17:45:00Z', meetingId: null, agentId: 'luc' },
      { kind: 'call', opportunityId: null, at: '2026-03-10T16:15:00Z', meetingId: null, agentId: 'luc', note: 'PDR J2 R1' },
    ]);
    expect(ruleWindow(verdict(['CB-1']), r, now)).toEqual({ kind: '3h', until: '2026-03-10T19:15:00.000Z' });
    const ns = record([{ kind: 'follow_up', opportunityId: null, at: '2026-03-09T10:00:00Z', meetingId: null, agentId: 'luc' }], [{ id: 'm1', status: 'no_show' }]);
    expect(ruleWindow(verdict(['NS-1']), ns, now)).toEqual({ kind: '72h', until: '2026-03-12T10:00:00.000Z' });
  });

  it('counts 72 h from the no-show follow-up (NS-1)', () => {
    const r = record([{ kind: 'follow_up', opportunityId: 'o1', at: '2026-03-09T12:00:00Z', meetingId: 'm1', agentId: 'luc' }], [{ id: 'm1', status: 'no_show' }]);
    expect(ruleWindow(verdict(['NS-1']), r, now)).toEqual({ kind: '72h', until: '2026-03-12T12:00:00.000Z' });
    // The booker's latest: a call on the no-show counts, a colleague's later follow-up does not.
    const later = record(
      [
        { kind: 'follow_up', opportunityId: 'o1', at: '2026-03-10T09:00:00Z', meetingId: 'm1', agentId: 'marc' },
        { kind: 'call', opportunityId: 'o1', at: '2026-03-09T20:00:00Z', meetingId: 'm1', agentId: 'luc' },
        { kind: 'follow_up', opportunityId: 'o1', at: '2026-03-09T12:00:00Z', meetingId: 'm1', agentId: 'luc' },
      ],
      [{ id: 'm1', status: 'no_show' }],
    );
    expect(ruleWindow(verdict(['NS-1']), later, now)).toEqual({ kind: '72h', until: '2026-03-12T20:00:00.000Z' });
  });

  it('shows nothing once the window has closed or for rules without one', () => {
    const r = record([{ kind: 'follow_up', opportunityId: 'o1', at: '2026-03-10T14:00:00Z', meetingId: null }]);
    expect(ruleWindow(verdict(['CB-1']), r, now)).toBeNull();
    expect(ruleWindow(verdict(['PU-1b']), r, now)).toBeNull();
  });

  it('reads like a countdown', () => {
    expect(formatCountdown(2 * 3600_000 + 59 * 60_000 + 7_000)).toBe('2:59:07');
    expect(formatCountdown(161_000)).toBe('2:41');
    expect(formatCountdown(-5)).toBe('0:00');
  });
});
