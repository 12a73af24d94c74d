/**
 * The network goes away during a call: the loopback link is taken down for 2 s and brought
 * back up (`ip link set lo down; sleep 2; ip link set lo up`). The call ends cleanly or
 * recovers — within 30 s nothing is left in a non-final state, on the console or at the far
 * end — and the console shows « Connecté » again and takes the next call.
 *
 * Only inside the loopback-only network namespace scripts/run-resilience.mjs creates (it is
 * the test's own `lo`); skipped when run without it (POSTE_NO_NETNS).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Phone } from '../support/softphone-harness';
import { eventually } from '../support/ui';
import { badgeMark, connectedAgainAt, noLiveCall, startStage, takeCall, watchBadge, type Stage } from './console';

/** Jessica Murphy (PU-2 in the demo data). */
const JESSICA = { user: '15145550103', name: 'Jessica Murphy' };
const inOwnNetns = process.env.POSTE_NO_NETNS !== '1' && process.getuid?.() === 0;

let stage: Stage;
let caller: Phone;
let since: string;

beforeAll(async () => {
  if (!inOwnNetns) return;
  stage = await startStage();
  caller = await stage.phone(JESSICA.user, 1200);
  await watchBadge(stage.page);
  since = new Date().toISOString();
}, 90_000);

afterAll(async () => {
  // Whatever happened, leave lo up for the next file.
  if (inOwnNetns) execFileSync('ip', ['link', 'set', 'lo', 'up']);
  await stage?.stop();
});

describe.skipIf(!inOwnNetns)('the loopback link goes down and up during a call', () => {
  it('the call ends cleanly or recovers, and the console re-registers and takes the next call', async () => {
    const call = await takeCall(stage.page, caller, JESSICA.name);
    const mark = await badgeMark(stage.page);
    const downAt = Date.now();
    execFileSync('sh', ['-c', 'ip link set lo down; sleep 2; ip link set lo up']);
    const upAt = Date.now();
    let recovered = false;

    // Within 30 s of the link coming back: no call in a non-final state anywhere.
    await eventually(
      async () => {
        const far = await caller.run((h, id) => {
          const c = h.engine.getCall(id);
          return c
            ? { state: c.state as string, recovering: c.recovering as boolean }
            : { state: 'gone', recovering: false };
        }, call);
        expect(far.recovering).toBe(false);
        if (far.state === 'active') {
          // Recovered: media flows again. Then the far end hangs up; the console's call must end.
          const packets = (): Promise<number> =>
            caller.run((h, id) => h.stats(id).then((s: { packetsReceived: number }) => s.packetsReceived), call);
          const before = await packets();
          await new Promise((r) => setTimeout(r, 500));
          expect((await packets()) - before).toBeGreaterThan(10);
          recovered = true;
          await caller.run((h, id) => h.engine.hangup(id), call);
        } else {
          expect(['ended', 'gone']).toContain(far.state);
        }
        expect(await stage.page.getByRole('list', { name: 'Appels' }).count()).toBe(0);
      },
      30_000,
      500,
    );
    const settledMs = Date.now() - upAt;
    const causes = await caller.run(
      (h, id) =>
        h
          .eventsNamed('callEnded')
          .filter((e: { payload: { id: string } }) => e.payload.id === id)
          .map((e: { payload: { endCause: string } }) => e.payload.endCause),
      call,
    );

    // The softphone re-registered (the badge may not have dropped if the WebSocket survived
    // the 2 s: then it is simply still « Connecté »).
    let reRegisteredMs: number | 'stayed';
    const seen = await stage.page.evaluate(
      (m) => (window as unknown as { badgeSeen: { at: number; text: string }[] }).badgeSeen.slice(m),
      mark,
    );
    if (seen.some((s) => !/^Connecté/.test(s.text))) {
      reRegisteredMs = Math.max(0, (await connectedAgainAt(stage.page, mark, 30_000)) - upAt);
    } else {
      reRegisteredMs = 'stayed';
      await expect(stage.page.getByRole('status', { name: 'État du téléphone' }).textContent()).resolves.toMatch(
        /^Connecté/,
      );
    }
    process.stdout.write(
      `lo down ${upAt - downAt} ms during a call: settled ${settledMs} ms after lo up (${recovered ? 'recovered, media flowing, then hung up' : 'ended'}; far end: ${causes.join(', ') || 'no end'}); console re-registered: ${reRegisteredMs === 'stayed' ? 'never dropped' : `${reRegisteredMs} ms after lo up`}\n`,
    );

    // The next call is taken.
    await caller.waitFor((h) => h.engine.registration.state === 'registered', undefined, 30_000);
    const next = await takeCall(stage.page, caller, JESSICA.name);
    await caller.run((h, id) => h.engine.hangup(id), next);
    await noLiveCall(stage.page);

    // Both calls logged with their end.
    const rows = stage.query<{ ended_at: string | null; hangup_cause: string | null }>(
      "SELECT ended_at, hangup_cause FROM call_log WHERE channel = 'phone' AND simulated = 0 AND remote_number = ? AND started_at >= ? ORDER BY started_at",
      '+15145550103',
      since,
    );
    expect(rows).toHaveLength(2);
    await eventually(() => {
      const r = stage.query<{ n: number }>(
        "SELECT count(*) AS n FROM call_log WHERE channel = 'phone' AND simulated = 0 AND remote_number = ? AND started_at >= ? AND ended_at IS NOT NULL",
        '+15145550103',
        since,
      );
      expect(r[0]?.n).toBe(2);
    });
  }, 120_000);
});
