import { describe, expect, it } from 'vitest';
import { zonedParts, zonedToInstant } from './zoned';

describe('wall-clock time in Montréal', () => {
  it('reads the local day and hour of an instant', () => {
    const p = zonedParts(new Date('2026-04-01T02:30:00Z'), 'America/Toronto');
    expect(p).toMatchObject({ year: 2026, month: 3, day: 31, hour: 22, minute: 30, weekday: 2 });
  });

  it('finds 8 h 00 on either side of the spring-forward weekend', () => {
    expect(zonedToInstant(2026, 3, 7, 8, 0, 'America/Toronto').toISOString()).toBe('2026-03-07T13:00:00.000Z');
    expect(zonedToInstant(2026, 3, 9, 8, 0, 'America/Toronto').toISOString()).toBe('2026-03-09T12:00:00.000Z');
  });

  it('finds 17 h 00 on the fall-back Sunday', () => {
    expect(zonedToInstant(2026, 11, 1, 17, 0, 'America/Toronto').toISOString()).toBe('2026-11-01T22:00:00.000Z');
  });

  it('moves a time inside the spring gap forward', () => {
    expect(zonedToInstant(2026, 3, 8, 2, 30, 'America/Toronto').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });
});
