/**
 * Kamailio restarted again and again, while idle and during a call: every time the console
 * (web host + Chromium, registered by itself from POSTE_SIP_*) shows « Connecté » again
 * within 5 s of the server being back, no call stays stuck (the calls list empties once the
 * far end is gone), and the next call is popped and answered with « Répondre ».
 *
 * Counts: RESILIENCE_IDLE_RESTARTS (default 20) idle restarts, each followed by a call taken;
 * RESILIENCE_CALL_RESTARTS (default 20) restarts during an answered call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Phone } from '../support/softphone-harness';
import {
  badgeMark,
  connectedAgainAt,
  noLiveCall,
  percentile,
  startStage,
  takeCall,
  watchBadge,
  type Stage,
} from './console';

const IDLE_RESTARTS = Number(process.env.RESILIENCE_IDLE_RESTARTS ?? 20);
const CALL_RESTARTS = Number(process.env.RESILIENCE_CALL_RESTARTS ?? 20);
/** Catherine Lavoie (PU-1b in the demo data). */
const CATHERINE = { user: '15145550102', name: 'Catherine Lavoie' };

let stage: Stage;
let caller: Phone;
let since: string;

beforeAll(async () => {
  stage = await startStage();
  caller = await stage.phone(CATHERINE.user, 1000);
  await watchBadge(stage.page);
  since = new Date().toISOString();
}, 90_000);

afterAll(async () => {
  await stage?.stop();
});

/** Restarts Kamailio; returns ms from the server accepting again to the badge's « Connecté ». */
async function restartAndMeasure(): Promise<number> {
  const mark = await badgeMark(stage.page);
  await stage.kam.restart();
  const back = Date.now();
  const at = await connectedAgainAt(stage.page, mark, 5_000);
  return Math.max(0, at - back);
}

function summary(label: string, times: number[]): string {
  return `${label}: n=${times.length} max=${Math.max(...times)} ms p95=${percentile(times, 95)} ms p50=${percentile(times, 50)} ms [${times.join(', ')}]`;
}

describe('Kamailio restarts: the console comes back every time', () => {
  it(`${IDLE_RESTARTS} restarts while idle: « Connecté » within 5 s, then the next call is taken`, async () => {
    const times: number[] = [];
    for (let i = 0; i < IDLE_RESTARTS; i++) {
      times.push(await restartAndMeasure());
      await caller.waitFor((h) => h.engine.registration.state === 'registered', undefined, 8_000);
      const call = await takeCall(stage.page, caller, CATHERINE.name);
      await caller.run((h, id) => h.engine.hangup(id), call);
      await noLiveCall(stage.page);
    }
    process.stdout.write(`${summary('re-registration after an idle restart', times)}\n`);
    expect(Math.max(...times)).toBeLessThan(5_000);
  });

  it(`${CALL_RESTARTS} restarts during an answered call: « Connecté » within 5 s, no call stuck, the next call taken`, async () => {
    const times: number[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < CALL_RESTARTS; i++) {
      await caller.waitFor((h) => h.engine.registration.state === 'registered', undefined, 8_000);
      const call = await takeCall(stage.page, caller, CATHERINE.name);
      times.push(await restartAndMeasure());
      // The call is renegotiated (re-INVITE with ICE restart) or ended with a cause; then the
      // far end hangs up (or is already gone): nothing may stay on the console's list.
      await caller.waitFor((h, id) => h.engine.getCall(id)?.recovering !== true, call, 35_000).catch(() => undefined);
      const state: string = await caller.run((h, id) => h.engine.getCall(id)?.state ?? 'gone', call);
      outcomes.push(state);
      if (state !== 'ended' && state !== 'gone') await caller.run((h, id) => h.engine.hangup(id), call);
      await noLiveCall(stage.page, 35_000);
    }
    // The next call is taken after the last restart.
    await caller.waitFor((h) => h.engine.registration.state === 'registered', undefined, 8_000);
    const next = await takeCall(stage.page, caller, CATHERINE.name);
    await caller.run((h, id) => h.engine.hangup(id), next);
    await noLiveCall(stage.page);
    process.stdout.write(
      `${summary('re-registration after a restart during a call', times)}; caller's call after recovery: ${outcomes.join(', ')}\n`,
    );
    expect(Math.max(...times)).toBeLessThan(5_000);
  });

  it('no call is left without an end in the call log', () => {
    const rows = stage.query<{ ended_at: string | null; answered_at: string | null }>(
      "SELECT ended_at, answered_at FROM call_log WHERE channel = 'phone' AND simulated = 0 AND remote_number = ? AND started_at >= ?",
      '+15145550102',
      since,
    );
    expect(rows).toHaveLength(IDLE_RESTARTS + CALL_RESTARTS + 1);
    expect(rows.filter((r) => !r.ended_at || !r.answered_at)).toEqual([]);
  });
});
