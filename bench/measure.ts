/**
 * Latency and throughput measurement for `npm run bench`: figures, never assertions.
 */
export interface Figure {
  name: string;
  unit: 'ms' | 'leads/s' | 'rows/s' | 'MB' | 's';
  p50?: number;
  p95?: number;
  p99?: number;
  value?: number;
  /** The budget from architecture.md, in the same unit. */
  budget: number;
  /** 'max' when lower is better (latency, memory), 'min' when higher is better (throughput). */
  kind: 'max' | 'min';
  /** Which percentile the budget is about. */
  on?: 'p95' | 'p99' | 'value';
  floor?: number;
  naive?: number;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Runs `fn` for warm-up then `iterations` times, timing each call; returns ms percentiles. */
export function latency(fn: (i: number) => unknown, iterations: number, warmup = Math.min(200, iterations)): { p50: number; p95: number; p99: number } {
  for (let i = 0; i < warmup; i++) fn(i);
  const times = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    times[i] = Number(process.hrtime.bigint() - start) / 1e6;
  }
  const sorted = Array.from(times).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
}

export function ok(figure: Figure): boolean {
  const value = figure.on === 'value' ? figure.value : figure.on === 'p95' ? figure.p95 : (figure.p99 ?? figure.value);
  if (value === undefined || Number.isNaN(value)) return false;
  return figure.kind === 'max' ? value <= figure.budget : value >= figure.budget;
}

/** How far inside (>1) or outside (<1) the budget a figure is. */
export function ratio(figure: Figure): number {
  const value = figure.on === 'value' ? figure.value : figure.on === 'p95' ? figure.p95 : (figure.p99 ?? figure.value);
  if (!value) return Number.NaN;
  return figure.kind === 'max' ? figure.budget / value : value / figure.budget;
}

const fmt = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? '—' : n >= 1000 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(4);

export function table(figures: readonly Figure[]): string {
  const header = ['figure', 'p50', 'p95', 'p99 / value', 'unit', 'budget', 'ratio', 'ok', 'floor (SELECT 1)', 'naive'];
  const rows = figures.map((f) => [
    f.name,
    fmt(f.p50),
    fmt(f.p95),
    fmt(f.p99 ?? f.value),
    f.unit,
    `${f.kind === 'max' ? '≤' : '≥'} ${f.budget}${f.on && f.on !== 'value' ? ` (${f.on})` : ''}`,
    `${fmt(ratio(f))}×`,
    ok(f) ? 'yes' : 'NO',
    fmt(f.floor),
    f.naive === undefined ? '—' : `${fmt(f.naive)}${f.note ? ` (${f.note})` : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function json(figure: Figure): string {
  return JSON.stringify({
    name: figure.name,
    unit: figure.unit,
    ...(figure.p50 !== undefined ? { p50: figure.p50, p95: figure.p95, p99: figure.p99 } : { value: figure.value }),
    budget: figure.budget,
    ok: ok(figure),
    ...(figure.floor !== undefined ? { floor: figure.floor } : {}),
    ...(figure.naive !== undefined ? { naive: figure.naive } : {}),
  });
}
