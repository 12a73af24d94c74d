/**
 * Unique, plausible Québec phone numbers for the demo, without a set of used numbers in
 * memory: the k-th number handed out is a bijection of k, so numbers never repeat.
 *
 * - The first {@link FICTIONAL_SIZE} numbers use the 555 exchange, lines 0200–9999, in the
 *   five area codes (514, 438, 450, 418, 819): a small demo only has 555 numbers.
 * - Lines 555-0100…0199 are kept for the scenario clients (`scenarios.ts`), never handed out.
 * - Beyond that (large demos) other exchanges are used; these are ordinary-looking numbers.
 */

export const AREA_CODES = ['514', '438', '450', '418', '819'] as const;

const FICTIONAL_LINES = 9800; // 0200–9999
export const FICTIONAL_SIZE = AREA_CODES.length * FICTIONAL_LINES;

/** Exchanges for large demos: NXX, no N11, no 555, no 950/958/959/976 service codes. */
const EXCHANGES: readonly string[] = (() => {
  const out: string[] = [];
  for (let n = 220; out.length < 120 && n < 1000; n += 6) {
    const s = String(n);
    if (s[1] === '1' && s[2] === '1') continue;
    if (['555', '950', '958', '959', '976'].includes(s)) continue;
    out.push(s);
  }
  return out;
})();
const LARGE_SIZE = AREA_CODES.length * EXCHANGES.length * 10000;

/** How many distinct numbers the space holds. */
export const PHONE_SPACE_SIZE = FICTIONAL_SIZE + LARGE_SIZE;

/** Multipliers coprime with the sizes: they scatter consecutive k over the space. */
const FICTIONAL_STEP = 7919; // prime, does not divide 49 000
const LARGE_STEP = 1_000_003; // prime, does not divide 6 000 000

const pad4 = (n: number): string => (n < 10 ? '000' : n < 100 ? '00' : n < 1000 ? '0' : '') + n;

/** The k-th demo number (0-based), E.164 (`+1NXXNXXXXXX`). */
export function demoPhone(k: number): string {
  if (k < 0 || k >= PHONE_SPACE_SIZE) throw new RangeError(`phone index ${k} outside the demo number space`);
  if (k < FICTIONAL_SIZE) {
    const x = (k * FICTIONAL_STEP) % FICTIONAL_SIZE;
    const area = AREA_CODES[x % AREA_CODES.length] as string;
    const line = 200 + Math.floor(x / AREA_CODES.length);
    return `+1${area}555${pad4(line)}`;
  }
  // Exact in doubles: (6e6 × 1e6) < 2^53.
  const x = ((k - FICTIONAL_SIZE) * LARGE_STEP) % LARGE_SIZE;
  const area = AREA_CODES[x % AREA_CODES.length] as string;
  const y = Math.floor(x / AREA_CODES.length);
  const exchange = EXCHANGES[y % EXCHANGES.length] as string;
  const line = Math.floor(y / EXCHANGES.length);
  return `+1${area}${exchange}${pad4(line)}`;
}
