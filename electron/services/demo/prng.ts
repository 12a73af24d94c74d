/**
 * A small seeded pseudo-random generator for the demo data (mulberry32): the same seed
 * always yields the same database, and it is fast enough for millions of rows. Not for
 * anything secret.
 */

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight hex digits of a 32-bit unsigned integer. */
function hex32(n: number): string {
  return (
    (HEX[(n >>> 24) & 0xff] as string) +
    (HEX[(n >>> 16) & 0xff] as string) +
    (HEX[(n >>> 8) & 0xff] as string) +
    (HEX[n & 0xff] as string)
  );
}

export class Prng {
  private state: number;
  /** Monotonic part of the ids (see {@link Prng.uuid}). */
  private idCounter: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
    this.idCounter = 0;
    // The id prefix starts at a seed-dependent place so two demos do not share ids.
    this.idCounter = this.u32();
  }

  /** Next 32-bit unsigned integer (mulberry32). */
  u32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** An integer in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /**
   * One element of a non-empty list by weight; `cumulative` is the running sum of the
   * weights (see {@link cumulative}).
   */
  weighted<T>(items: readonly T[], cumulative: readonly number[]): T {
    const total = cumulative[cumulative.length - 1] as number;
    const r = this.next() * total;
    for (let i = 0; i < cumulative.length; i++) if (r < (cumulative[i] as number)) return items[i] as T;
    return items[items.length - 1] as T;
  }

  /**
   * A UUID-shaped id (version nibble 4, RFC 4122 variant). The first 32 bits are a counter
   * rather than random: ids then arrive in increasing order, so SQLite appends to the
   * primary-key indexes instead of splitting random pages (several times faster at a
   * million rows). The other 90 bits are random; the counter alone makes ids unique.
   */
  uuid(): string {
    const a = (this.idCounter = (this.idCounter + 1) >>> 0);
    const b = this.u32();
    const c = this.u32();
    const d = this.u32();
    const bh = hex32(b);
    const ch = hex32(((c & 0x3fffffff) | 0x80000000) >>> 0);
    return `${hex32(a)}-${bh.slice(0, 4)}-4${bh.slice(5, 8)}-${ch.slice(0, 4)}-${ch.slice(4)}${hex32(d)}`;
  }
}

/** Running sums of weights, for {@link Prng.weighted}. */
export function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += w));
}
