/**
 * Presence lamps (PIDF + dialog-info through Kamailio's presence modules) and SIP MESSAGE
 * texts between real engines in Chromium.
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
let colleague: Phone;

describe('softphone engine: presence and messages', () => {
  beforeAll(async () => {
    [kam, server, browser] = await Promise.all([startKamailio(), serveSoftphoneHarness(), launchChromium()]);
    [agent, client, colleague] = await Promise.all([
      openPhone(browser, server.url, kam, { user: 'agent', micHz: 600 }),
      openPhone(browser, server.url, kam, { user: '4185550199', micHz: 1000 }),
      openPhone(browser, server.url, kam, { user: 'colleague', micHz: 1400 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([agent?.close(), client?.close(), colleague?.close()]);
    await browser?.close();
    await server?.close();
    await kam?.stop();
  });

  it('the agent watches a colleague: available, then "on a call" within 1 s of the call being answered, then free again', async () => {
    await agent.run((h, uri) => h.engine.watch([uri]), colleague.uri);
    const first = await agent.waitFor((h) => {
      const c = h.engine.getColleagues()[0];
      return c && c.presence === 'available' && c.dialog !== 'unknown' ? c : false;
    });
    expect(first.status).toBe('available');

    const callId = await colleague.run((h, uri) => h.engine.call(uri), client.uri);
    const incoming = await client.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false,
    );
    await client.run((h, id) => h.engine.answer(id), incoming);
    const answeredAt = await colleague.waitFor((h, id) => h.engine.getCall(id)?.answeredAt ?? false, callId);
    const lampAt = await agent.waitFor(
      (h) =>
        h.eventsNamed('colleague').find((e: { payload: { status: string } }) => e.payload.status === 'on_call')?.at ??
        false,
      undefined,
      5000,
    );
    expect(lampAt - answeredAt).toBeLessThan(1000);

    await colleague.run((h, id) => h.engine.hangup(id), callId);
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.status === 'available', undefined, 5000);
  });

  it("a colleague's published state (break, lunch) reaches the watcher", async () => {
    await colleague.run((h) => h.engine.setOwnPresence('break'));
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.status === 'break', undefined, 5000);
    await colleague.run((h) => h.engine.setOwnPresence('lunch'));
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.status === 'lunch', undefined, 5000);
    await colleague.run((h) => h.engine.setOwnPresence('available'));
    await agent.waitFor((h) => h.engine.getColleagues()[0]?.status === 'available', undefined, 5000);
    expect(
      await colleague.run((h) =>
        h.eventsNamed('ownPresence').some((e: { payload: { published: boolean } }) => e.payload.published),
      ),
    ).toBe(true);
    expect(await agent.run((h) => h.eventsNamed('presenceUnavailable').length)).toBe(0);
  });

  it('a SIP MESSAGE between two pages arrives with its sender and body', async () => {
    const result = await agent.run(
      (h, uri) => h.engine.sendMessage(uri, 'Bonjour M. Roy, votre rendez-vous est confirmé pour 10 h.'),
      client.uri,
    );
    expect(result).toEqual({ ok: true });
    const msg = await client.waitFor((h) => h.eventsNamed('message').at(-1)?.payload ?? false);
    expect(msg.from).toBe('agent');
    expect(msg.body).toBe('Bonjour M. Roy, votre rendez-vous est confirmé pour 10 h.');
    expect(typeof msg.at).toBe('number');
  });

  it('a MESSAGE to a user who is not registered reports why it failed', async () => {
    const result = await agent.run((h) => h.engine.sendMessage('sip:nobody@poste.test', 'Allô?'));
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^404 /);
    expect(result.statusCode).toBe(404);
  });

  it('a server without presence: the engine says presence is unavailable instead of showing stale lamps', async () => {
    const bare = await startKamailio({ presence: false });
    const lonely = await openPhone(browser, server.url, bare, { user: 'agent2', micHz: 600 });
    try {
      await lonely.run((h) => h.engine.watch(['sip:colleague@poste.test']));
      const said = await lonely.waitFor(
        (h) => h.eventsNamed('presenceUnavailable').map((e: { payload: unknown }) => e.payload),
        undefined,
        8000,
      );
      expect(said.length).toBeGreaterThan(0);
      expect(said.map((p: { method: string }) => p.method)).toContain('PUBLISH');
      // Calls and registration are unaffected.
      expect(await lonely.run((h) => h.engine.registration.state)).toBe('registered');
    } finally {
      await lonely.close();
      await bare.stop();
    }
  });
});
