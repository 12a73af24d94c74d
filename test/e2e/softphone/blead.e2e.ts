/**
 * « Appeler via BLEAD »: a callback-first call placed by the agent's page, against a real
 * Kamailio in real Chromium. The agent's device (a desk phone) rings first; once it answers,
 * the contact is called and the page bridges the two legs. Three phones, each with its own
 * microphone tone, so each far end can tell whose voice it hears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../support/chromium';
import { startKamailio, type KamailioInstance } from '../../support/kamailio';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../../support/softphone-harness';

const AGENT_HZ = 600;
const DEVICE_HZ = 1000;
const CONTACT_HZ = 1400;
/** Audible vs silent at the far end (FFT bin level, dB). */
const HEARD = -60;
const SILENT = -85;

let kam: KamailioInstance;
let browser: Browser;
let server: HarnessServer;
let agent: Phone;
let device: Phone;
let contact: Phone;

interface Result {
  outcome: string;
  durationS: number | null;
  reason?: string;
}

/** Starts the callback-first call in the agent's page without waiting for its end. */
async function startBlead(opts: { ringTimeoutMs: number; contactRingTimeoutMs?: number }): Promise<void> {
  await agent.run(
    (h, [dev, con, o]) => {
      h.bleadResult = undefined;
      void h.engine.callbackFirst(dev, con, o).then((r: unknown) => (h.bleadResult = r));
    },
    [device.uri, contact.uri, opts] as const,
  );
}

function bleadResult(timeoutMs = 10_000): Promise<Result> {
  return agent.waitFor((h) => h.bleadResult ?? false, undefined, timeoutMs);
}

async function answerWhenRinging(phone: Phone): Promise<string> {
  const id: string = await phone.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
  await phone.run((h, callId) => h.engine.answer(callId), id);
  await phone.waitFor((h, callId) => h.engine.getCall(callId)?.state === 'active', id);
  return id;
}

/** Level of `hz` at `phone`, polled until it is on the expected side of the threshold (≤ 3 s). */
async function settledLevel(phone: Phone, callId: string, hz: number, want: 'silent' | 'heard'): Promise<number> {
  const deadline = Date.now() + 3000;
  let level = Number.NaN;
  while (Date.now() < deadline) {
    level = (await phone.run((h, [id, f]) => h.peakDb(id, [f], 200), [callId, hz] as const))[hz] ?? -Infinity;
    if (level === null) level = -Infinity;
    if (want === 'silent' ? level < SILENT : level > HEARD) return level;
  }
  return level;
}

async function noLiveCall(phone: Phone): Promise<void> {
  await phone.waitFor((h) => !h.liveCall());
}

beforeAll(async () => {
  kam = await startKamailio();
  [browser, server] = await Promise.all([launchChromium(), serveSoftphoneHarness()]);
  [agent, device, contact] = await Promise.all([
    openPhone(browser, server.url, kam, { user: '201', micHz: AGENT_HZ, displayName: 'Marc Gagnon' }),
    openPhone(browser, server.url, kam, { user: 'desk201', micHz: DEVICE_HZ, displayName: 'Poste de Marc' }),
    openPhone(browser, server.url, kam, { user: '15145550199', micHz: CONTACT_HZ, displayName: 'Client' }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([agent?.close(), device?.close(), contact?.close()]);
  await browser?.close();
  await server?.close();
  await kam?.stop();
});

describe('Marc calls a client through BLEAD: his desk phone first, then the client', () => {
  it('the desk phone answers, then the client: they hear each other, not the console’s microphone; the client hangs up → completed with its duration', async () => {
    await startBlead({ ringTimeoutMs: 8000 });
    const deviceCall = await answerWhenRinging(device);
    const contactCall = await answerWhenRinging(contact);
    // The caller id at the client's end is Marc's account.
    const seenFrom: string = await contact.run((h, id) => h.engine.getCall(id)?.remoteNumber, contactCall);
    expect(seenFrom).toBe('201');

    expect(await settledLevel(device, deviceCall, CONTACT_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await settledLevel(contact, contactCall, DEVICE_HZ, 'heard')).toBeGreaterThan(HEARD);
    // The console's own microphone stays out of the bridge.
    expect(await settledLevel(contact, contactCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);
    expect(await settledLevel(device, deviceCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);

    await new Promise((r) => setTimeout(r, 1200));
    await contact.run((h, id) => h.engine.hangup(id), contactCall);
    const result = await bleadResult();
    expect(result.outcome).toBe('completed');
    expect(result.durationS).toBeGreaterThanOrEqual(1);
    // Either leg hanging up ends the other.
    await noLiveCall(device);
    await noLiveCall(agent);
  });

  it('the desk phone never answers: given up after the ring timeout → device_unanswered, the client is never called', async () => {
    const started = Date.now();
    await startBlead({ ringTimeoutMs: 1500 });
    await device.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
    const result = await bleadResult();
    expect(result.outcome).toBe('device_unanswered');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    await noLiveCall(device);
    await noLiveCall(agent);
    const contactRang: boolean = await contact.run(
      (h, since) => h.eventsNamed('incomingCall').some((e: { at: number }) => e.at >= since),
      started,
    );
    expect(contactRang).toBe(false);
  });

  it('the client never answers → contact_unanswered, and the desk phone is hung up', async () => {
    await startBlead({ ringTimeoutMs: 8000, contactRingTimeoutMs: 2000 });
    await answerWhenRinging(device);
    await contact.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
    const result = await bleadResult();
    expect(result.outcome).toBe('contact_unanswered');
    expect(result.durationS).toBeNull();
    await noLiveCall(device);
    await noLiveCall(contact);
    await noLiveCall(agent);
  });
});
