import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, requests, type Channel } from '../../shared/ipc/contract';
import { dispatch } from '../../shared/ipc/dispatch';
import { createServices, type Services } from '../services';
import { seedDemoIfEmpty } from '../services/demo-seed';
import { silentLogger } from '../services/log/logger';
import { memorySecretStore } from '../services/secrets/store';
import { memorySettingsStore, type SettingsStore } from '../services/settings/store';

/**
 * Every channel of the contract, fed payloads that break its input schema: random JSON
 * values, wrong types in each field, unknown keys. Each call must answer `{ ok: false }`
 * with `invalid_input` and change nothing: not a row of any table (count and checksum per
 * table), not the settings, not the password, and no event goes out. The list of channels
 * comes from CHANNELS, so a channel added tomorrow is covered without touching this file.
 */
const RUNS = Number(process.env.POSTE_FUZZ_RUNS ?? 40);

type Schema = z.ZodType;
interface Def {
  type: string;
  shape?: Record<string, Schema>;
  innerType?: Schema;
  element?: Schema;
  entries?: Record<string, string>;
  values?: unknown[];
  options?: Schema[];
  in?: Schema;
  catchall?: Schema;
}
const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const STRINGS = ['marc', 'c1', 'a', 'Bonjour', '+15145550199', 'sip:marc@example.ca', 'wss://pbx.example.ca/ws', 'julie@example.ca', 'America/Toronto', 'fr', 'lun 08:00-16:00', 'id;nom;rôle\nx;X;agent', '2026-03-02T14:00:00.000Z'];
const NUMBERS = [0, 1, 5, 18, 2026, 100];

/**
 * A value the schema accepts when one is easy to find (the baseline a single mutation is
 * applied to); otherwise a best effort, which the test only uses after checking it is invalid.
 */
function sample(schema: Schema): unknown {
  const def = defOf(schema);
  const first = (candidates: unknown[]) => candidates.find((c) => schema.safeParse(c).success) ?? candidates[0];
  switch (def.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape ?? {})
          .filter(([, s]) => defOf(s).type !== 'optional')
          .map(([k, s]) => [k, sample(s)]),
      );
    case 'string':
      return first(STRINGS);
    case 'number':
      return first(NUMBERS);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return [];
    case 'nullable':
      return null;
    case 'optional':
    case 'default':
      return sample(def.innerType!);
    case 'union':
      return sample(def.options![0]!);
    case 'pipe':
      return sample(def.in!);
    default:
      return {};
  }
}

const json = fc.jsonValue({ maxDepth: 3 });
const wrong = fc.oneof(
  json,
  fc.anything({ maxDepth: 2, withNullPrototype: true }),
  fc.constantFrom<unknown>(undefined, '', ' ', 'x'.repeat(5000), -1, 1.5, 1e308, Number.NaN, true, null, [], {}, '__proto__', "x' OR 1=1 --", '../../etc/passwd', '<script>alert(1)</script>'),
);
const extraKey = fc.string({ minLength: 1, maxLength: 12 });

function invalidPayloads(channel: Channel): fc.Arbitrary<unknown> {
  const schema = requests[channel].input as Schema;
  const def = defOf(schema);
  const keys = Object.keys(def.shape ?? {});
  const base = sample(schema);
  const arbitraries: fc.Arbitrary<unknown>[] = [wrong];
  if (def.type === 'object') {
    // Valid-looking payload plus one unknown key.
    arbitraries.push(
      fc.tuple(extraKey.filter((k) => !keys.includes(k)), wrong).map(([k, v]) => ({ ...(base as object), [k]: v })),
    );
    if (keys.length > 0) {
      // One field of the wrong type or out of range.
      arbitraries.push(fc.tuple(fc.constantFrom(...keys), wrong).map(([k, v]) => ({ ...(base as object), [k]: v })));
      // Every field random.
      arbitraries.push(fc.record(Object.fromEntries(keys.map((k) => [k, wrong]))));
      // A nested field broken (one level down) when the field is itself an object.
      for (const key of keys) {
        const inner = sample(def.shape![key]!);
        if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
          const innerKeys = Object.keys(inner);
          if (innerKeys.length > 0) {
            arbitraries.push(
              fc.tuple(fc.constantFrom(...innerKeys), wrong).map(([k, v]) => ({ ...(base as object), [key]: { ...inner, [k]: v } })),
            );
          }
        }
      }
    }
  }
  // dispatch reads a missing input as {}; only payloads the schema refuses are kept.
  return fc.oneof(...arbitraries).filter((payload) => !schema.safeParse(payload ?? {}).success);
}

let services: Services;
let settingsStore: SettingsStore;
const secrets = memorySecretStore('Hunter2-secret');
let eventsSeen = 0;

function snapshot(): Record<string, string> {
  const tables = services.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = (services.db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).raw().all() as unknown[][]).map((r) =>
      JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v)),
    );
    rows.sort();
    out[name] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex')}`;
  }
  out['settings'] = JSON.stringify(settingsStore.read());
  out['password'] = String(secrets.getSipPassword());
  out['user_version'] = String(services.db.pragma('user_version', { simple: true }));
  return out;
}

beforeAll(() => {
  settingsStore = memorySettingsStore();
  services = createServices({
    databaseFile: ':memory:',
    settings: settingsStore,
    secrets,
    host: 'web',
    version: '0.0.0-test',
    now: () => new Date('2026-03-02T14:00:00.000Z'),
  });
  seedDemoIfEmpty(services.db, services.now(), silentLogger, 30);
  services.events.subscribe(() => eventsSeen++);
});
afterAll(() => services.close());

describe('every contract channel refuses invalid payloads and changes nothing', () => {
  it('covers a non-empty contract, and the seeded cache has rows to protect', () => {
    expect(CHANNELS.length).toBeGreaterThan(10);
    const snap = snapshot();
    expect(Number(snap['clients']?.split(':')[0])).toBeGreaterThan(0);
  });

  it.each(CHANNELS.map((c) => [c]))('%s', async (channel) => {
    const before = snapshot();
    const eventsBefore = eventsSeen;
    await fc.assert(
      fc.asyncProperty(invalidPayloads(channel), async (payload) => {
        // The payload is invalid by the schema's own judgement before it is sent.
        expect(requests[channel].input.safeParse(payload ?? {}).success).toBe(false);
        const result = await dispatch(services.handlers, channel, payload, silentLogger);
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      }),
      { numRuns: RUNS },
    );
    expect(snapshot()).toEqual(before);
    expect(eventsSeen).toBe(eventsBefore);
  });

  it('an unknown channel is refused whatever it carries', async () => {
    const before = snapshot();
    // Channel names as the hosts can receive them: JSON from the socket (IPC registers names).
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string())).filter((c) => !(CHANNELS as unknown[]).includes(c)), wrong, async (channel, payload) => {
        expect(await dispatch(services.handlers, channel, payload)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
      }),
      { numRuns: RUNS * 5 },
    );
    expect(snapshot()).toEqual(before);
  });

  // The unknown-channel message once called String(channel), which throws for a JSON object
  // such as {"toString":1} and left the web host with an unhandled rejection.
  it('a channel that is an object with its own toString is refused too', async () => {
    const channel = JSON.parse('{"toString":1,"valueOf":1}') as unknown;
    expect(await dispatch(services.handlers, channel, {})).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });
});
