import { describe, expect, it } from 'vitest';
import { visibleRange } from './windowing';

describe('visibleRange (zone 8 windowing)', () => {
  it('at the top, renders the rows in view plus the overscan below', () => {
    expect(visibleRange(0, 280, 28, 5000, 5)).toEqual({ start: 0, end: 15, offsetTop: 0, totalHeight: 140_000 });
  });

  it('in the middle, adds the overscan on both sides', () => {
    // 2,800 px down = row 100; 10 rows in view.
    expect(visibleRange(2800, 280, 28, 5000, 5)).toEqual({
      start: 95,
      end: 115,
      offsetTop: 95 * 28,
      totalHeight: 140_000,
    });
  });

  it('counts a partly visible row at either edge', () => {
    const r = visibleRange(14, 280, 28, 5000, 0);
    expect(r.start).toBe(0);
    expect(r.end).toBe(11);
  });

  it('at the bottom, stops at the last row', () => {
    const r = visibleRange(140_000 - 280, 280, 28, 5000, 5);
    expect(r.end).toBe(5000);
    expect(r.start).toBe(4985);
  });

  it('clamps a scroll position past the end (the list shrank)', () => {
    const r = visibleRange(1_000_000, 280, 28, 20, 2);
    expect(r).toEqual({ start: 8, end: 20, offsetTop: 8 * 28, totalHeight: 560 });
  });

  it('clamps a negative scroll position (elastic scrolling)', () => {
    expect(visibleRange(-50, 280, 28, 100, 0)).toMatchObject({ start: 0, end: 10 });
  });

  it('renders everything when the list is shorter than the viewport', () => {
    expect(visibleRange(0, 392, 28, 3, 8)).toEqual({ start: 0, end: 3, offsetTop: 0, totalHeight: 84 });
  });

  it('renders nothing for an empty list or a nonsense row height', () => {
    expect(visibleRange(0, 280, 28, 0, 5)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
    expect(visibleRange(0, 280, 0, 10, 5)).toEqual({ start: 0, end: 0, offsetTop: 0, totalHeight: 0 });
  });

  it('still renders the first row before layout (zero viewport)', () => {
    expect(visibleRange(0, 0, 28, 100, 0)).toMatchObject({ start: 0, end: 1 });
  });

  it('never renders more than the viewport plus twice the overscan, whatever the list length', () => {
    for (let top = 0; top < 140_000; top += 977) {
      const r = visibleRange(top, 392, 28, 5000, 8);
      expect(r.end - r.start).toBeLessThanOrEqual(392 / 28 + 1 + 16);
      expect(r.start).toBeLessThanOrEqual(Math.floor(top / 28));
      expect(r.end).toBeGreaterThanOrEqual(Math.min(5000, Math.ceil((top + 392) / 28)));
    }
  });
});
