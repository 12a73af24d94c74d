/** The slice of a fixed-row list to render: rows `[start, end)`. */
export interface VisibleRange {
  start: number;
  end: number;
  /** Space above the first rendered row (px). */
  offsetTop: number;
  /** Height of the whole list (px): the scroll container's content height. */
  totalHeight: number;
}

/**
 * Windowing for the history (zone 8): with a fixed row height, the rows that intersect
 * the viewport plus `overscan` rows on each side. Pure, so it is tested without a DOM.
 * Out-of-range inputs (negative scroll from elastic scrolling, a scroll position past the
 * end after the list shrank, a zero viewport before layout) are clamped.
 */
export function visibleRange(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 0,
): VisibleRange {
  const rows = Math.max(0, Math.floor(count));
  if (rows === 0 || !(rowHeight > 0)) return { start: 0, end: 0, offsetTop: 0, totalHeight: 0 };
  const totalHeight = rows * rowHeight;
  const viewport = Math.max(0, Number.isFinite(viewportHeight) ? viewportHeight : 0);
  const maxScroll = Math.max(0, totalHeight - viewport);
  const top = Math.min(Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0), maxScroll);
  const extra = Math.max(0, Math.floor(overscan));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + viewport) / rowHeight);
  const start = Math.max(0, first - extra);
  const end = Math.min(rows, Math.max(last, first + 1) + extra);
  return { start, end, offsetTop: start * rowHeight, totalHeight };
}
