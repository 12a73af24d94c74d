import { describe, it, expect } from 'vitest';
import { backoffDelay, backoffSchedule } from './backoff';

describe('re-registration back-off', () => {
  it('starts at 1 s and doubles until it reaches 30 s, then stays there', () => {
    expect(backoffSchedule(8)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('treats nonsense attempts as the first one', () => {
    expect(backoffDelay(-1)).toBe(1000);
    expect(backoffDelay(Number.NaN)).toBe(1000);
  });

  it('never exceeds the cap even after thousands of attempts', () => {
    expect(backoffDelay(5000)).toBe(30_000);
  });

  it('follows a custom policy', () => {
    expect(backoffSchedule(4, { initialMs: 500, maxMs: 3000, factor: 3 })).toEqual([500, 1500, 3000, 3000]);
  });
});
