import { describe, expect, it } from 'vitest';
import { followUps, fullName, historyNewestFirst, otherOpenFiles, primaryOpportunity, remarks } from './model';
import { makeActivity, makeOpportunity, makeRecord } from './record-fixture';

describe('record selectors', () => {
  it('the primary OPP is the one the record names, or none', () => {
    const record = makeRecord({
      primaryOpportunityId: 'o2',
      opportunities: [makeOpportunity(), makeOpportunity({ id: 'o2', type: 'phone_up' })],
    });
    expect(primaryOpportunity(record)?.type).toBe('phone_up');
    expect(primaryOpportunity(makeRecord({ primaryOpportunityId: null }))).toBeNull();
    expect(primaryOpportunity(makeRecord({ primaryOpportunityId: 'gone' }))).toBeNull();
  });

  it('full name', () => {
    expect(fullName(makeRecord())).toBe('Marie Gagnon');
  });

  it('history is newest first by instant (not by string), without touching the record', () => {
    const activities = [
      makeActivity({ id: 'a', at: '2026-03-09T10:00:00-04:00' }),
      makeActivity({ id: 'b', at: '2026-03-10T10:00:00-04:00' }),
      makeActivity({ id: 'c', at: '2026-03-10T13:00:00Z' }),
    ];
    // 13:00Z is 9:00 in Montréal: before b although its string sorts after.
    expect(historyNewestFirst(activities).map((a) => a.id)).toEqual(['b', 'c', 'a']);
    expect(activities.map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('remarks are notes and follow-ups with text (NT-1, FU-2), newest first', () => {
    const activities = [
      makeActivity({ id: 'n1', kind: 'note', note: 'Rappeler après 17 h', at: '2026-03-09T10:00:00-04:00' }),
      makeActivity({ id: 'f1', kind: 'follow_up', note: 'PDR J1 R1', at: '2026-03-10T10:00:00-04:00' }),
      makeActivity({ id: 'f2', kind: 'follow_up', note: '  ', at: '2026-03-11T10:00:00-04:00' }),
      makeActivity({ id: 'c1', kind: 'call', note: 'not a remark' }),
      makeActivity({ id: 'm1', kind: 'note', note: 'Fiches fusionnées / Records merged: 3', data: { action: 'merge', merged: ['x', 'y'] } }),
    ];
    expect(remarks(activities).map((a) => a.id)).toEqual(['f1', 'n1']);
    expect(followUps(activities)).toMatchObject({ count: 2, latest: { id: 'f2' } });
    expect(followUps([])).toEqual({ count: 0, latest: null });
  });

  it('OPEN-1: the other open files, any department, never the primary nor a closed or invalid one', () => {
    const record = makeRecord({
      opportunities: [
        makeOpportunity(),
        makeOpportunity({ id: 'fin', type: 'financing', department: 'financing', status: 'in_progress' }),
        makeOpportunity({ id: 'svc', department: 'service', status: 'appointment_booked' }),
        makeOpportunity({ id: 'inv', status: 'invalid_bdc' }),
        makeOpportunity({ id: 'lost', status: 'lost_bdc' }),
        makeOpportunity({ id: 'old', status: 'delivered' }),
      ],
    });
    expect(otherOpenFiles(record).map((o) => o.id)).toEqual(['fin', 'svc']);
  });
});
