import { randomFillSync } from 'node:crypto';

/**
 * Row ids: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds, then a 12-bit counter
 * that starts at a random value each millisecond and counts up (the RFC's "method 1"), then
 * 62 random bits. Ids made later sort after earlier ones, so SQLite appends new rows at the
 * right edge of every index keyed by an id (the primary keys, and each `client_id` index for
 * a new client) instead of splitting a random page of a million-row tree: an import or a sync
 * touches a few hot pages instead of thousands of cold ones. Still a UUID for PostgreSQL and
 * for every peer; the 74 random bits keep two consoles from ever colliding.
 */
const pool = new Uint8Array(16 * 512);
let poolAt = pool.length;
let lastMs = -1;
let counter = 0;

function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const bytes = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return bytes;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/** Two hex digits of a byte (module level: a closure inside newId cost a microsecond an id). */
const h = (n: number): string => HEX[n & 0xff]!;

export function newId(nowMs: number = Date.now()): string {
  const random = randomBytes(10);
  if (nowMs > lastMs) {
    lastMs = nowMs;
    // Start low in the 12-bit space so a burst within one millisecond has room to count up.
    counter = ((random[0]! << 8) | random[1]!) & 0x3ff;
  } else if (++counter > 0xfff) {
    // 4,096 ids in one millisecond (or a clock that stepped back): borrow the next one.
    lastMs++;
    counter = 0;
  }
  const ms = lastMs;
  const high = Math.floor(ms / 0x1000000);
  const low = ms % 0x1000000;
  return (
    h(high >>> 16) + h(high >>> 8) + h(high) + h(low >>> 16) + '-' + h(low >>> 8) + h(low) + '-' +
    h(0x70 | (counter >>> 8)) + h(counter) + '-' +
    h(0x80 | (random[2]! & 0x3f)) + h(random[3]!) + '-' +
    h(random[4]!) + h(random[5]!) + h(random[6]!) + h(random[7]!) + h(random[8]!) + h(random[9]!)
  );
}
