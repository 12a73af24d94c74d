/**
 * The shadow headset: a second output that hears both sides of the call, and the shadow
 * microphone's three modes. Whisper must never reach the client; barge must.
 * Measured with FFTs: the agent's mic is a 600 Hz tone, the client's 1000 Hz, the shadow
 * microphone 1800 Hz.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKamailio, type KamailioInstance } from '../../support/kamailio';
import { launchChromium } from '../../support/chromium';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../../support/softphone-harness';

const AGENT_HZ = 600;
const CLIENT_HZ = 1000;
const SHADOW_HZ = 1800;
const HEARD = -60;
const SILENT = -85;
/**
 * The shadow microphone at the client in listen and whisper: measured between -84 and -104 dB
 * (the analyser's floor), against about -20 dB in barge; -75 dB keeps a 50 dB gap both ways.
 */
const SHADOW_ABSENT = -75;

let kam: KamailioInstance;
let browser: Browser;
let server: HarnessServer;
let agent: Phone;
let client: Phone;
let agentCall: string;
let clientCall: string;
let outputs: { deviceId: string; label: string }[];

/** Max level of `hz` over `ms` of what the client receives. */
async function atClient(hz: number, ms = 1500): Promise<number> {
  const r = await client.run((h, [id, f, t]) => h.peakDb(id, [f], t), [clientCall, hz, ms] as const);
  return r[hz] ?? -Infinity;
}

async function settledAtClient(hz: number, want: 'heard' | 'silent'): Promise<number> {
  const deadline = Date.now() + 3000;
  let level = Number.NaN;
  while (Date.now() < deadline) {
    level = (await atClient(hz, 200)) ?? -Infinity;
    if (want === 'heard' ? level > HEARD : level < SILENT) return level;
  }
  return level;
}

async function mix(bus: 'headset' | 'shadow', hz: number): Promise<number> {
  const r = await agent.run((h, [b, f]) => h.mixPeakDb(b, [f], 500), [bus, hz] as const);
  return r[hz] ?? -Infinity;
}

describe('softphone engine: shadow headset', () => {
  beforeAll(async () => {
    [kam, server, browser] = await Promise.all([startKamailio(), serveSoftphoneHarness(), launchChromium()]);
    [agent, client] = await Promise.all([
      openPhone(browser, server.url, kam, { user: 'agent', micHz: AGENT_HZ }),
      openPhone(browser, server.url, kam, { user: '5145550123', micHz: CLIENT_HZ }),
    ]);
    outputs = (await agent.run((h) => h.engine.listDevices())).outputs;
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), client?.close()]);
    await browser?.close();
    await server?.close();
    await kam?.stop();
  });

  it('routes the headset and the shadow headset to two different outputs, and the shadow hears both sides', async () => {
    const out1 = outputs.find((o) => o.label === 'Fake Audio Output 1');
    const out2 = outputs.find((o) => o.label === 'Fake Audio Output 2');
    expect(out1 && out2).toBeTruthy();
    await agent.run(
      (h, [a, b]) =>
        h.engine.setAudioRouting({
          headsetOutputId: a,
          ringerOutputId: '',
          shadowOutputId: b,
          shadowMicrophoneId: 'tone:1800',
          shadowMode: 'listen',
        }),
      [out1?.deviceId, out2?.deviceId] as const,
    );
    clientCall = await client.run((h, uri) => h.engine.call(uri), agent.uri);
    agentCall = await agent.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
    await agent.run((h, id) => h.engine.answer(id), agentCall);
    await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);
    await settledAtClient(AGENT_HZ, 'heard');

    const diag = await agent.run((h) => h.engine.audioDiagnostics());
    expect(diag.headset.sinkId).toBe(out1?.deviceId);
    expect(diag.shadow.sinkId).toBe(out2?.deviceId);
    expect(diag.headset.playing).toBe(true);
    expect(diag.shadow.playing).toBe(true);
    expect(diag.shadow.mode).toBe('listen');
    // Listen: the shadow microphone is not even opened.
    expect(diag.shadow.microphoneOpen).toBe(false);
    // The shadow mix carries the client's voice and the agent's microphone.
    expect(await mix('shadow', CLIENT_HZ)).toBeGreaterThan(HEARD);
    expect(await mix('shadow', AGENT_HZ)).toBeGreaterThan(HEARD);
    // The agent's own headset carries the client, not the agent's own microphone (what is
    // left at 600 Hz there is the codec's noise floor, tens of dB under a voice).
    expect(await mix('headset', CLIENT_HZ)).toBeGreaterThan(HEARD);
    expect(await mix('headset', AGENT_HZ)).toBeLessThan(HEARD);
    expect(await atClient(SHADOW_HZ)).toBeLessThan(SHADOW_ABSENT);
  });

  it('whisper: the agent hears the shadow, the client receives no energy from the shadow microphone', async () => {
    await agent.run((h) => h.engine.setShadowMode('whisper'));
    expect(await agent.run((h) => h.engine.audioDiagnostics().shadow.microphoneOpen)).toBe(true);
    expect(await mix('headset', SHADOW_HZ)).toBeGreaterThan(HEARD);
    // No re-INVITE, the call goes on: the client still hears the agent…
    expect(await settledAtClient(AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    // …and nothing of the whisper, measured over 1.5 s.
    expect(await atClient(SHADOW_HZ, 1500)).toBeLessThan(SILENT);
  });

  it('barge: the client hears the shadow too; back to whisper, it stops', async () => {
    await agent.run((h) => h.engine.setShadowMode('barge'));
    expect(await settledAtClient(SHADOW_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await mix('headset', SHADOW_HZ)).toBeGreaterThan(HEARD);
    await agent.run((h) => h.engine.setShadowMode('whisper'));
    expect(await settledAtClient(SHADOW_HZ, 'silent')).toBeLessThan(SILENT);
    expect(await atClient(SHADOW_HZ, 1000)).toBeLessThan(SILENT);
  });

  it('the headset microphone is unplugged mid-call: the default microphone takes over, the agent is told, the call goes on', async () => {
    const HEADSET_MIC_HZ = 2400;
    await agent.run((h, id) => h.engine.setAudioRouting({ microphoneId: id }), `tone:${HEADSET_MIC_HZ}`);
    expect(await settledAtClient(HEADSET_MIC_HZ, 'heard')).toBeGreaterThan(HEARD);
    // The system's device list changes and the headset microphone is not in it any more.
    await agent.run(() => navigator.mediaDevices.dispatchEvent(new Event('devicechange')));
    const notice = await agent.waitFor(
      (h) =>
        h.eventsNamed('deviceFallback').find((e: { payload: { role: string } }) => e.payload.role === 'microphone')
          ?.payload ?? false,
    );
    expect(notice).toMatchObject({ role: 'microphone', lostDeviceId: `tone:${HEADSET_MIC_HZ}` });
    expect(await agent.run((h) => h.engine.getAudioRouting().microphoneId)).toBe('');
    expect(await settledAtClient(AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await settledAtClient(HEADSET_MIC_HZ, 'silent')).toBeLessThan(SILENT);
    expect(await client.run((h, id) => h.engine.getCall(id).state, clientCall)).toBe('active');
  });

  it('an output that disappears falls back to the default with a notice', async () => {
    const routing = await agent.run((h) => h.engine.setAudioRouting({ ringerOutputId: 'unplugged-speaker' }));
    expect(routing.ringerOutputId).toBe('');
    const notice = await agent.waitFor((h) => h.eventsNamed('deviceFallback').at(-1)?.payload ?? false);
    expect(notice).toMatchObject({ role: 'ringer', lostDeviceId: 'unplugged-speaker' });
    await agent.run((h, id) => h.engine.hangup(id), agentCall);
    await client.waitFor((h) => h.engine.getCalls().length === 0, undefined, 5000);
    // No call left: both microphones are closed again.
    const diag = await agent.run((h) => h.engine.audioDiagnostics());
    expect(diag.microphoneOpen).toBe(false);
    expect(diag.shadow.microphoneOpen).toBe(false);
  });
});
