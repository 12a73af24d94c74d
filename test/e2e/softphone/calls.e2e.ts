/**
 * The softphone engine against a real Kamailio in real Chromium: three phones (agent,
 * client, colleague), each a page running the engine with a recognisable microphone tone.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKamailio, type KamailioInstance } from '../../support/kamailio';
import { launchChromium } from '../../support/chromium';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../../support/softphone-harness';

const AGENT_HZ = 600;
const CLIENT_HZ = 1000;
const COLLEAGUE_HZ = 1400;
/** Audible vs silent at the far end (FFT bin level, dB). */
const HEARD = -60;
const SILENT = -85;

let kam: KamailioInstance;
let browser: Browser;
let server: HarnessServer;
let agent: Phone;
let client: Phone;
let colleague: Phone;

async function packets(phone: Phone, callId: string): Promise<number> {
  return phone.run((h, id) => h.stats(id).then((s: { packetsReceived: number }) => s.packetsReceived), callId);
}

/** Waits until inbound RTP grows on `phone`'s call. */
async function expectRtpFlowing(phone: Phone, callId: string): Promise<void> {
  const first = await packets(phone, callId);
  await new Promise((r) => setTimeout(r, 600));
  const second = await packets(phone, callId);
  expect(second - first).toBeGreaterThan(10);
}

/**
 * Level of `hz` at `phone` once it settles: the path mix → encoder → jitter buffer → FFT
 * window (8192 samples ≈ 170 ms) lags a change by a few hundred ms, so poll 200 ms windows
 * for up to 3 s until the expected side of the threshold is reached; returns the last level.
 */
async function settledLevel(phone: Phone, callId: string, hz: number, want: 'silent' | 'heard'): Promise<number> {
  const deadline = Date.now() + 3000;
  let level = Number.NaN;
  while (Date.now() < deadline) {
    level = (await phone.run((h, [id, f]) => h.peakDb(id, [f], 200), [callId, hz] as const))[hz] ?? Number.NaN;
    if (level === null) level = -Infinity;
    if (want === 'silent' ? level < SILENT : level > HEARD) return level;
  }
  return level;
}

async function liveCallId(phone: Phone, remoteNumber?: string): Promise<string> {
  return phone.waitFor((h, num) => {
    const c = h.liveCall(
      (x: { state: string; remoteNumber: string }) => x.state === 'active' && (!num || x.remoteNumber === num),
    );
    return c ? c.id : false;
  }, remoteNumber);
}

async function hangupAll(...phones: Phone[]): Promise<void> {
  for (const p of phones) {
    await p.run(async (h) => {
      for (const c of h.engine.getCalls()) await h.engine.hangup(c.id).catch(() => undefined);
    });
  }
  for (const p of phones) await p.waitFor((h) => h.engine.getCalls().length === 0, undefined, 8000);
}

/** Client calls the agent, the agent answers; returns both call ids. */
async function connectClientToAgent(): Promise<{ agentCall: string; clientCall: string }> {
  const clientCall = await client.run((h, uri) => h.engine.call(uri), agent.uri);
  const agentCall = await agent.waitFor(
    (h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false,
  );
  await agent.run((h, id) => h.engine.answer(id), agentCall);
  await agent.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', agentCall);
  await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);
  return { agentCall, clientCall };
}

describe('softphone engine: calls through Kamailio', () => {
  beforeAll(async () => {
    [kam, server, browser] = await Promise.all([startKamailio(), serveSoftphoneHarness(), launchChromium()]);
    [agent, client, colleague] = await Promise.all([
      openPhone(browser, server.url, kam, { user: 'agent', micHz: AGENT_HZ, displayName: 'Agent Julie' }),
      openPhone(browser, server.url, kam, { user: '5145550123', micHz: CLIENT_HZ, displayName: 'Jean Tremblay' }),
      openPhone(browser, server.url, kam, { user: 'colleague', micHz: COLLEAGUE_HZ, displayName: 'Marc' }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), client?.close(), colleague?.close()]);
    await browser?.close();
    await server?.close();
    await kam?.stop();
  });

  it('agent, client and colleague register', async () => {
    for (const p of [agent, client, colleague]) {
      expect(await p.run((h) => h.engine.registration.state)).toBe('registered');
    }
  });

  it('the client calls the agent: the screen-pop event comes before answering, with the caller number; RTP flows both ways', async () => {
    const clientCall = await client.run((h, uri) => h.engine.call(uri), agent.uri);
    const incoming = await agent.waitFor((h) => h.eventsNamed('incomingCall').at(-1)?.payload ?? false);
    expect(incoming.remoteNumber).toBe('5145550123');
    expect(incoming.remoteName).toBe('Jean Tremblay');
    expect(incoming.state).toBe('ringing');
    expect(incoming.answeredAt).toBeUndefined();
    // Ringing plays on the ringer output while idle.
    expect(await agent.run((h) => h.engine.audioDiagnostics().ringer.ringing)).toBe(true);
    await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'proceeding', clientCall);

    await agent.run((h, id) => h.engine.answer(id), incoming.id);
    await agent.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', incoming.id);
    await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);
    expect(await agent.run((h) => h.engine.audioDiagnostics().ringer.ringing)).toBe(false);

    await expectRtpFlowing(agent, incoming.id);
    await expectRtpFlowing(client, clientCall);
    // Each side hears the other's microphone tone.
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await settledLevel(agent, incoming.id, CLIENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    // A quality estimate is computed from getStats().
    const q = await agent.waitFor((h, id) => h.engine.getCall(id)?.quality ?? false, incoming.id, 5000);
    expect(q.mos).toBeGreaterThan(4);
    await hangupAll(client, agent);
    const ended = await agent.run((h) => h.eventsNamed('callEnded').at(-1).payload);
    expect(ended.endCause).toBe('remote_hangup');
    expect(ended.answeredAt).toBeGreaterThanOrEqual(ended.startedAt);
  });

  it('hold silences the agent for the client and resume brings the voice back', async () => {
    const { agentCall, clientCall } = await connectClientToAgent();
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);

    expect(await agent.run((h, id) => h.engine.hold(id), agentCall)).toBe('held');
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);
    // The agent no longer hears the client either while held.
    expect(await agent.run((h, id) => h.engine.getCall(id).hold, agentCall)).toBe('held');

    expect(await agent.run((h, id) => h.engine.resume(id), agentCall)).toBe('none');
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);

    // Mute cuts the microphone without any re-INVITE.
    await agent.run((h, id) => h.engine.mute(id), agentCall);
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);
    await agent.run((h, id) => h.engine.unmute(id), agentCall);
    await hangupAll(agent, client);
  });

  it("a far end that refuses the hold (488 to the re-INVITE): « holdFailed », and the client still does not hear the agent", async () => {
    const { agentCall, clientCall } = await connectClientToAgent();
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    // The client's phone cannot take the next offer: SIP.js answers the re-INVITE with 488
    // Not Acceptable Here, through Kamailio, like a PBX that refuses a sendonly offer.
    await client.run((h, id) => {
      const pc = h.engine.getCallMedia(id)?.peerConnection as RTCPeerConnection;
      pc.setRemoteDescription = () => {
        delete (pc as { setRemoteDescription?: unknown }).setRemoteDescription;
        return Promise.reject(new Error('offer refused by the test'));
      };
    }, clientCall);

    expect(await agent.run((h, id) => h.engine.hold(id), agentCall)).toBe('holdFailed');
    // SIP.js #685: the hold failed, yet the agent's microphone no longer reaches the client.
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);
    expect(await client.run((h, id) => h.engine.getCall(id).state, clientCall)).toBe('active');

    // Resume is an ordinary re-INVITE the far end accepts: the voice comes back.
    expect(await agent.run((h, id) => h.engine.resume(id), agentCall)).toBe('none');
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    await hangupAll(agent, client);
  });

  it('DTMF reaches the far side: RFC 4733 tones and SIP INFO', async () => {
    const { agentCall, clientCall } = await connectClientToAgent();
    // RFC 4733: the sender emits telephone-events; the far end's jitter buffer plays them out
    // as the DTMF tone pair, which we measure there (digit 9: 852 Hz + 1477 Hz).
    await agent.run((h, id) => h.watchDtmfSender(id), agentCall);
    const quiet = await client.run((h, id) => h.peakDb(id, [852, 1477], 300), clientCall);
    // Eight digits (about 1.4 s of tones) so the 1 s measuring window always falls on them.
    const method = await agent.run((h, id) => h.engine.sendDtmf(id, '99999999'), agentCall);
    expect(method).toBe('rfc4733');
    const during = await client.run((h, id) => h.peakDb(id, [852, 1477], 1000), clientCall);
    const senderTones = await agent.page.evaluate(() => (window as unknown as { __dtmfSeen: string[] }).__dtmfSeen);
    expect(senderTones.join('')).toContain('9');
    // Without DTMF the two bands stay at the quiet level; with it both rise by ~20-30 dB.
    expect(during[852]).toBeGreaterThan((quiet[852] as number) + 15);
    expect(during[1477]).toBeGreaterThan((quiet[1477] as number) + 15);

    // SIP INFO (application/dtmf-relay) fallback arrives as dtmfReceived events.
    expect(await agent.run((h, id) => h.engine.sendDtmf(id, '12#', { method: 'info' }), agentCall)).toBe('info');
    const digits = await client.waitFor((h) => {
      const d = h
        .eventsNamed('dtmfReceived')
        .map((e: { payload: { digit: string } }) => e.payload.digit)
        .join('');
      return d.length >= 3 ? d : false;
    });
    expect(digits).toBe('12#');
    await hangupAll(agent, client);
  });

  it('call waiting: a second call while busy is surfaced, and answering it holds the first', async () => {
    const { agentCall, clientCall } = await connectClientToAgent();
    await colleague.run((h, uri) => h.engine.call(uri), agent.uri);
    const waiting = await agent.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing') ?? false);
    expect(waiting.waiting).toBe(true);
    expect(waiting.remoteNumber).toBe('colleague');
    // No ring over the call in progress.
    expect(await agent.run((h) => h.engine.audioDiagnostics().ringer.ringing)).toBe(false);
    await agent.run((h, id) => h.engine.answer(id), waiting.id);
    await agent.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', waiting.id);
    expect(await agent.run((h, id) => h.engine.getCall(id).hold, agentCall)).toBe('held');
    expect(await settledLevel(client, clientCall, AGENT_HZ, 'silent')).toBeLessThan(SILENT);
    await hangupAll(agent, client, colleague);
  });

  it('blind transfer: the client ends up talking to the colleague', async () => {
    const { agentCall } = await connectClientToAgent();
    const result = agent.run((h, [id, target]) => h.engine.blindTransfer(id, target), [
      agentCall,
      colleague.uri,
    ] as const);
    const ringing = await colleague.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'ringing') ?? false,
    );
    expect(ringing.remoteNumber).toBe('5145550123');
    await colleague.run((h, id) => h.engine.answer(id), ringing.id);
    expect(await result).toEqual({ ok: true });
    // The agent's leg ends as transferred; the client's old leg is gone too.
    await agent.waitFor((h) => h.engine.getCalls().length === 0);
    const agentEnded = await agent.run(
      (h, id) => h.eventsNamed('callEnded').find((e: { payload: { id: string } }) => e.payload.id === id)?.payload,
      agentCall,
    );
    expect(agentEnded.endCause).toBe('transferred');
    const clientCall = await liveCallId(client, 'colleague');
    await client.waitFor((h) => h.engine.getCalls().length === 1);
    const colleagueCall = await liveCallId(colleague);
    await expectRtpFlowing(client, clientCall);
    await expectRtpFlowing(colleague, colleagueCall);
    expect(await settledLevel(client, clientCall, COLLEAGUE_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await settledLevel(colleague, colleagueCall, CLIENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    await hangupAll(client, colleague);
  });

  it('attended transfer: consult the colleague, then hand the client over (REFER with Replaces)', async () => {
    const { agentCall, clientCall: oldClientCall } = await connectClientToAgent();
    const consultId = await agent.run((h, [id, target]) => h.engine.startConsult(id, target), [
      agentCall,
      colleague.uri,
    ] as const);
    expect(await agent.run((h, id) => h.engine.getCall(id).hold, agentCall)).toBe('held');
    const ringing = await colleague.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'ringing') ?? false,
    );
    expect(ringing.remoteNumber).toBe('agent');
    await colleague.run((h, id) => h.engine.answer(id), ringing.id);
    await agent.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', consultId);
    // Agent and colleague talk while the client waits on hold.
    expect(await settledLevel(colleague, ringing.id, AGENT_HZ, 'heard')).toBeGreaterThan(HEARD);

    const result = await agent.run((h, [a, b]) => h.engine.completeAttendedTransfer(a, b), [
      agentCall,
      consultId,
    ] as const);
    expect(result).toEqual({ ok: true });
    await agent.waitFor((h) => h.engine.getCalls().length === 0);
    // The client's new call replaced the colleague's consultation call: no ringing there.
    await client.waitFor(
      (h, old) =>
        h.engine.getCalls().length === 1 &&
        h.engine.getCalls()[0].id !== old &&
        h.engine.getCalls()[0].state === 'active',
      oldClientCall,
    );
    await colleague.waitFor((h) => h.engine.getCalls().length === 1 && h.engine.getCalls()[0].state === 'active');
    const consultEnd = await colleague.run(
      (h, id) => h.eventsNamed('callEnded').find((e: { payload: { id: string } }) => e.payload.id === id)?.payload,
      ringing.id,
    );
    expect(consultEnd.endCause).toBe('replaced');
    const clientCall = await liveCallId(client);
    const colleagueCall = await liveCallId(colleague);
    await expectRtpFlowing(client, clientCall);
    await expectRtpFlowing(colleague, colleagueCall);
    expect(await settledLevel(client, clientCall, COLLEAGUE_HZ, 'heard')).toBeGreaterThan(HEARD);
    expect(await settledLevel(colleague, colleagueCall, CLIENT_HZ, 'heard')).toBeGreaterThan(HEARD);
    await hangupAll(client, colleague);
  });
});
