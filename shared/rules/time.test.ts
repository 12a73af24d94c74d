/** Calendar helpers, answered in the centre's time zone (DST included). */
import { describe, expect, it } from 'vitest';
import { clockEn, clockFr, isEarlierMonth, isWithinShifts, toLocalIso, whenEn, whenFr } from './time';

const TZ = 'America/Toronto';
const ms = (iso: string): number => Date.parse(iso);

describe('time helpers', () => {
  it('formats clock times as the record does: Québec « 14 h 05 », English 24 h « 14:05 »', () => {
    expect(clockFr(ms('2026-03-10T14:05:00-04:00'), TZ)).toBe('14 h 05');
    expect(clockEn(ms('2026-03-10T14:05:00-04:00'), TZ)).toBe('14:05');
    expect(clockEn(ms('2026-03-10T00:30:00-04:00'), TZ)).toBe('00:30');
    expect(clockEn(ms('2026-03-10T09:00:00-04:00'), TZ)).toBe('09:00');
  });

  it('adds the day only when it is not today, in the record’s « 2026-03-09 » style', () => {
    const now = ms('2026-03-10T14:05:00-04:00');
    expect(whenFr(ms('2026-03-10T09:00:00-04:00'), now, TZ)).toBe('à 9 h 00');
    expect(whenFr(ms('2026-03-01T09:00:00-05:00'), now, TZ)).toBe('le 2026-03-01 à 9 h 00');
    expect(whenEn(ms('2026-03-09T17:00:00-04:00'), now, TZ)).toBe('on 2026-03-09 at 17:00');
    // 22 h 30 on March 9 in Toronto is already March 10 in UTC: the day is the centre's.
    expect(whenFr(ms('2026-03-09T22:30:00-04:00'), now, TZ)).toBe('le 2026-03-09 à 22 h 30');
  });

  it('answers "earlier month" in the time zone, not in UTC', () => {
    // 22 h 30 on March 31 in Toronto is already April 1 in UTC.
    const created = ms('2026-03-31T22:30:00-04:00');
    expect(isEarlierMonth(created, ms('2026-04-15T10:00:00-04:00'), TZ)).toBe(true);
    expect(isEarlierMonth(created, ms('2026-04-15T10:00:00-04:00'), 'UTC')).toBe(false);
    expect(isEarlierMonth(ms('2025-12-31T12:00:00-05:00'), ms('2026-01-01T00:00:00-05:00'), TZ)).toBe(true);
    expect(isEarlierMonth(ms('2026-03-01T00:00:00-05:00'), ms('2026-03-31T23:59:00-04:00'), TZ)).toBe(false);
  });

  it('computes daily shifts on the wall clock across the DST changes', () => {
    const day = [{ start: '08:00', end: '17:00' }];
    expect(isWithinShifts(day, ms('2026-03-08T12:30:00Z'), TZ)).toBe(true); // 8 h 30 EDT
    expect(isWithinShifts(day, ms('2026-03-07T12:30:00Z'), TZ)).toBe(false); // 7 h 30 EST
    expect(isWithinShifts(day, ms('2026-11-01T12:30:00Z'), TZ)).toBe(false); // 7 h 30 EST
    expect(isWithinShifts(day, ms('2026-10-31T12:30:00Z'), TZ)).toBe(true); // 8 h 30 EDT
  });

  it('treats the start as inclusive and the end as exclusive', () => {
    const day = [{ start: '08:00', end: '17:00' }];
    expect(isWithinShifts(day, ms('2026-03-10T08:00:00-04:00'), TZ)).toBe(true);
    expect(isWithinShifts(day, ms('2026-03-10T17:00:00-04:00'), TZ)).toBe(false);
    expect(isWithinShifts(day, ms('2026-03-10T16:59:59-04:00'), TZ)).toBe(true);
  });

  it('handles overnight daily shifts, instants and local date-times', () => {
    const night = [{ start: '22:00', end: '06:00' }];
    expect(isWithinShifts(night, ms('2026-03-10T23:00:00-04:00'), TZ)).toBe(true);
    expect(isWithinShifts(night, ms('2026-03-10T05:59:00-04:00'), TZ)).toBe(true);
    expect(isWithinShifts(night, ms('2026-03-10T12:00:00-04:00'), TZ)).toBe(false);
    const instants = [{ start: '2026-03-10T08:00:00-04:00', end: '2026-03-10T16:00:00Z' }];
    expect(isWithinShifts(instants, ms('2026-03-10T07:59:00-04:00'), TZ)).toBe(false);
    expect(isWithinShifts(instants, ms('2026-03-10T15:59:00Z'), TZ)).toBe(true);
    const local = [{ start: '2026-03-08T01:00', end: '2026-03-08T05:00' }];
    expect(isWithinShifts(local, ms('2026-03-08T08:30:00Z'), TZ)).toBe(true); // 4 h 30 EDT
    expect(isWithinShifts(local, ms('2026-03-08T09:10:00Z'), TZ)).toBe(false); // 5 h 10 EDT
    expect(isWithinShifts([], ms('2026-03-08T09:10:00Z'), TZ)).toBe(false);
  });

  it('writes ISO instants with the zone offset of that instant', () => {
    expect(toLocalIso(ms('2026-03-10T18:06:00Z'), TZ)).toBe('2026-03-10T14:06:00-04:00');
    expect(toLocalIso(ms('2026-01-10T18:06:00Z'), TZ)).toBe('2026-01-10T13:06:00-05:00');
    expect(toLocalIso(ms('2026-01-10T18:06:00Z'), 'Asia/Kolkata')).toBe('2026-01-10T23:36:00+05:30');
  });
});
