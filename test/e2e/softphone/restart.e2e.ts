/**
 * The SIP server goes away and comes back: the engine re-registers by itself (back-off
 * 1 s → 30 s), takes the next call, gets its presence watches back, and a call that was up
 * during the restart is renegotiated (re-INVITE with ICE restart) or ended with a cause —
 * never left stuck.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startKamailio, type KamailioInstance } from '../../support/kamailio';
import { launchChromium } from '../../support/chromium';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../../support/softphone-harness';

let kam: KamailioInstance;
let browser: Browser;
let server: HarnessServer;
let agent: Phone;
let client: Phone;

async function inboundPackets(phone: Phone, callId: string): Promise<number> {
  return phone.run((h, id) => h.stats(id).then((s: { packetsReceived: number }) => s.packetsReceived), callId);
}

describe('softphone engine: the SIP server restarts', () => {
  beforeAll(async () => {
    [kam, server, browser] = await Promise.all([startKamailio(), serveSoftphoneHarness(), launchChromium()]);
    [agent, client] = await Promise.all([
      openPhone(browser, server.url, kam, { user: 'agent', micHz: 600 }),
      openPhone(browser, server.url, kam, { user: '5145550123', micHz: 1000 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), client?.close()]);
    await browser?.close();
    await server?.close();
    await kam?.stop();
  });

  it('Kamailio restarts: the agent re-registers within 5 s without a click and takes the next call', async () => {
    await agent.run((h, uri) => h.engine.watch([uri]), client.uri);
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.presence === 'available', undefined, 5000);
    const before = await agent.run((h) => h.events.length);

    await kam.restart();
    const backAt = Date.now();
    await agent.waitFor(
      (h, n) =>
        h.events
          .slice(n)
          .some(
            (e: { name: string; payload: { state: string } }) =>
              e.name === 'registration' && e.payload.state === 'retrying',
          ),
      before,
      5000,
    );
    await agent.waitFor((h) => h.engine.registration.state === 'registered', undefined, 5000);
    expect(Date.now() - backAt).toBeLessThan(5000);
    const retrying = await agent.run(
      (h, n) =>
        h.events
          .slice(n)
          .find(
            (e: { name: string; payload: { state: string } }) =>
              e.name === 'registration' && e.payload.state === 'retrying',
          ).payload,
      before,
    );
    expect(retrying.nextRetryAt).toBeGreaterThan(0);
    expect(retrying.lastError).toBeTruthy();
    await client.waitFor((h) => h.engine.registration.state === 'registered', undefined, 5000);

    // The next call reaches the agent.
    const clientCall = await client.run((h, uri) => h.engine.call(uri), agent.uri);
    const agentCall = await agent.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false,
    );
    await agent.run((h, id) => h.engine.answer(id), agentCall);
    await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);
    const a = await inboundPackets(agent, agentCall);
    await new Promise((r) => setTimeout(r, 500));
    expect((await inboundPackets(agent, agentCall)) - a).toBeGreaterThan(10);

    // Presence watches came back too (re-SUBSCRIBE after re-REGISTER; 481 → new Subscriber).
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.status === 'on_call', undefined, 8000);
    await client.run((h, id) => h.engine.hangup(id), clientCall);
    await agent.waitFor((h) => h.engine.getCalls().length === 0, undefined, 5000);
  });

  it('the server is down for a while: the state says retrying with the next attempt time, then registered', async () => {
    await kam.kill();
    const st = await agent.waitFor(
      (h) => (h.engine.registration.state === 'retrying' ? h.engine.registration : false),
      undefined,
      5000,
    );
    expect(st.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    // Let at least two attempts fail so the back-off grows.
    await agent.waitFor((h) => h.engine.registration.attempt >= 3, undefined, 10_000);
    const delays = await agent.run((h) =>
      h
        .eventsNamed('registration')
        .filter((e: { payload: { state: string } }) => e.payload.state === 'retrying')
        .slice(-3)
        .map((e: { at: number; payload: { nextRetryAt: number } }) => e.payload.nextRetryAt - e.at),
    );
    expect(delays.at(-1)).toBeGreaterThan(delays[0] as number);
    await kam.restart();
    await agent.waitFor((h) => h.engine.registration.state === 'registered', undefined, 12_000);
    expect(await agent.run((h) => h.engine.registration.attempt)).toBe(0);
  });

  it('a call up during the restart is renegotiated with an ICE restart and can still be hung up', async () => {
    await client.waitFor((h) => h.engine.registration.state === 'registered', undefined, 12_000);
    const clientCall = await client.run((h, uri) => h.engine.call(uri), agent.uri);
    const agentCall = await agent.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false,
    );
    await agent.run((h, id) => h.engine.answer(id), agentCall);
    await client.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);

    await kam.restart();
    await agent.waitFor(
      (h, id) => h.engine.getCall(id)?.recovering === true || h.engine.getCall(id) === undefined,
      agentCall,
      5000,
    );
    await agent.waitFor((h) => h.engine.registration.state === 'registered', undefined, 8000);
    // The call stays up: renegotiated with a re-INVITE carrying an ICE restart offer (sent by
    // whichever end goes first: the agent, or the client whose re-INVITE the agent answers).
    await agent.waitFor((h, id) => h.engine.getCall(id)?.recovering === false, agentCall, 15_000);
    expect(await agent.run((h) => h.logs.some((l: string) => l.includes('re-INVITE with ICE restart')))).toBe(true);
    const a = await inboundPackets(agent, agentCall);
    await new Promise((r) => setTimeout(r, 500));
    expect((await inboundPackets(agent, agentCall)) - a).toBeGreaterThan(10);
    // Signalling works again in the dialog: the agent's BYE reaches the client.
    await agent.run((h, id) => h.engine.hangup(id), agentCall);
    await client.waitFor((h) => h.engine.getCalls().length === 0, undefined, 8000);
    expect(
      await client.run(
        (h, id) =>
          h.eventsNamed('callEnded').find((e: { payload: { id: string } }) => e.payload.id === id)?.payload.endCause,
        clientCall,
      ),
    ).toBe('remote_hangup');
    await agent.waitFor((h) => h.engine.getCalls().length === 0, undefined, 8000);
  });

  it('the server stays down past the recovery window: the call ends « connection_lost » on both phones, and the next call works', async () => {
    // Two phones that give a lost call 2 s instead of 30 s to come back.
    const [a, c] = await Promise.all([
      openPhone(browser, server.url, kam, { user: 'agent-short', micHz: 600, backoffInitialMs: 500, callRecoveryTimeoutMs: 2000 }),
      openPhone(browser, server.url, kam, { user: '5145550124', micHz: 1000, backoffInitialMs: 500, callRecoveryTimeoutMs: 2000 }),
    ]);
    try {
      const clientCall = await c.run((h, uri) => h.engine.call(uri), a.uri);
      const agentCall = await a.waitFor((h) => h.liveCall((x: { state: string }) => x.state === 'ringing')?.id ?? false);
      await a.run((h, id) => h.engine.answer(id), agentCall);
      await c.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);

      await kam.kill();
      await a.waitFor((h, id) => h.engine.getCall(id)?.recovering === true, agentCall, 5000);
      // Nothing stays stuck: past the window both ends drop the call, each with its cause.
      for (const [phone, id] of [[a, agentCall], [c, clientCall]] as const) {
        await phone.waitFor((h) => h.engine.getCalls().length === 0, undefined, 8000);
        const ended = await phone.run(
          (h, callId) => h.eventsNamed('callEnded').find((e: { payload: { id: string } }) => e.payload.id === callId)?.payload,
          id,
        );
        expect(ended?.endCause).toBe('connection_lost');
        expect(ended?.answeredAt).toBeGreaterThan(0);
      }
      expect(await a.run((h) => h.engine.registration.state)).not.toBe('registered');

      await kam.restart();
      await Promise.all([a, c].map((p) => p.waitFor((h) => h.engine.registration.state === 'registered', undefined, 12_000)));
      const next = await c.run((h, uri) => h.engine.call(uri), a.uri);
      const ringing = await a.waitFor((h) => h.liveCall((x: { state: string }) => x.state === 'ringing')?.id ?? false);
      await a.run((h, id) => h.engine.answer(id), ringing);
      await c.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', next);
      await a.run((h, id) => h.engine.hangup(id), ringing);
      await c.waitFor((h) => h.engine.getCalls().length === 0, undefined, 8000);
    } finally {
      await Promise.all([a.close(), c.close()]);
    }
  });

  it('notifyWake() (the host saw the Mac wake up) reconnects and re-registers at once', async () => {
    await agent.waitFor((h) => h.engine.registration.state === 'registered', undefined, 12_000);
    const before = await agent.run((h) => h.events.length);
    await agent.run((h) => h.engine.notifyWake());
    await agent.waitFor(
      (h, n) =>
        h.events
          .slice(n)
          .some(
            (e: { name: string; payload: { state: string } }) =>
              e.name === 'registration' && e.payload.state === 'registered',
          ),
      before,
      5000,
    );
    const states = await agent.run(
      (h, n) =>
        h.events
          .slice(n)
          .filter((e: { name: string }) => e.name === 'registration')
          .map((e: { payload: { state: string } }) => e.payload.state),
      before,
    );
    expect(states).toContain('connecting');
    expect(states.at(-1)).toBe('registered');
    expect(states).not.toContain('retrying');
  });
});
