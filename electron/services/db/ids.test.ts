import { describe, expect, it } from 'vitest';
import { newId } from './ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newId', () => {
  it('is a version 7 UUID whose first 48 bits are the Unix milliseconds', () => {
    const ms = Date.parse('2026-11-23T15:00:00.000Z');
    const id = newId(ms + 10_000_000);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(ms + 10_000_000);
  });

  it('sorts in the order ids were made, even thousands within one millisecond', () => {
    const ms = Date.parse('2030-01-01T00:00:00.000Z');
    const ids = Array.from({ length: 10_000 }, () => newId(ms));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(UUID_V7);
  });

  it('never goes backwards when the clock does', () => {
    const a = newId(Date.parse('2031-01-01T00:00:00.000Z'));
    const b = newId(Date.parse('2020-01-01T00:00:00.000Z'));
    expect(b > a).toBe(true);
  });
});
