import { afterEach, describe, it, expect, vi } from 'vitest';
import { createSoftphoneStore, RING_REVEAL_MS } from './store';
import { TypedEmitter } from './engine/emitter';
import type { CallInfo, SoftphoneEngine, SoftphoneEvents } from './engine';

/** A hand-written fake engine: records what the store asks, emits what a test says. */
function fakeEngine() {
  const emitter = new TypedEmitter<SoftphoneEvents>();
  const asked: string[] = [];
  let holdResult: CallInfo['hold'] = 'held';
  const engine = {
    on: emitter.on.bind(emitter),
    registration: { state: 'stopped', attempt: 0 },
    getCalls: () => [],
    getAudioRouting: () => ({
      microphoneId: '',
      headsetOutputId: '',
      ringerOutputId: '',
      shadowOutputId: null,
      shadowMicrophoneId: '',
      shadowMode: 'listen',
    }),
    ownPresence: 'available',
    getColleagues: () => [],
    start: async () => void asked.push('start'),
    answer: async (id: string) => void asked.push(`answer ${id}`),
    hold: async (id: string) => (asked.push(`hold ${id}`), holdResult),
    mute: (id: string) => void asked.push(`mute ${id}`),
    unmute: (id: string) => void asked.push(`unmute ${id}`),
    call: async (t: string) => {
      if (t === 'bad') throw new Error('Cannot dial "bad"');
      return 'call-9';
    },
  } as unknown as SoftphoneEngine;
  return { engine, emitter, asked, setHoldResult: (r: CallInfo['hold']) => (holdResult = r) };
}

const call = (patch: Partial<CallInfo>): CallInfo => ({
  id: 'c1',
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '5145550123',
  remoteUri: 'sip:5145550123@poste.test',
  startedAt: 1,
  muted: false,
  hold: 'none',
  recovering: false,
  waiting: false,
  ...patch,
});

describe('softphone store', () => {
  it("Julie's phone rings: the store shows the ringing call, then the answered one, then the ended one in recent calls", () => {
    const store = createSoftphoneStore();
    const { engine, emitter } = fakeEngine();
    store.getState().actions.attach(engine);
    emitter.emit('incomingCall', call({}));
    store.getState().actions.reveal('c1');
    expect(store.getState().ringing.map((c) => c.id)).toEqual(['c1']);
    emitter.emit('callUpdated', call({ state: 'active', answeredAt: 2 }));
    expect(store.getState().ringing).toEqual([]);
    expect(store.getState().calls[0]?.state).toBe('active');
    emitter.emit('callUpdated', call({ state: 'ended', endedAt: 3, endCause: 'remote_hangup' }));
    expect(store.getState().calls).toEqual([]);
    expect(store.getState().recentCalls[0]?.endCause).toBe('remote_hangup');
  });

  describe('a new inbound call waits for its screen-pop', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A store on fake timers, attached to a fake engine, Julie's phone ringing (c1). */
    function ringing() {
      vi.useFakeTimers();
      const store = createSoftphoneStore();
      const { engine, emitter } = fakeEngine();
      const detach = store.getState().actions.attach(engine);
      emitter.emit('incomingCall', call({}));
      return { store, emitter, detach };
    }

    it('is held until the bridge reveals it, then shown once', () => {
      const { store } = ringing();
      expect(store.getState().ringing).toEqual([]);
      expect(store.getState().calls).toEqual([]);
      store.getState().actions.reveal('c1');
      expect(store.getState().ringing.map((c) => c.id)).toEqual(['c1']);
      // The timer that would have shown it is gone: nothing changes when it would have fired.
      const before = store.getState().calls;
      vi.advanceTimersByTime(RING_REVEAL_MS * 2);
      expect(store.getState().calls).toBe(before);
      store.getState().actions.reveal('c1');
      expect(store.getState().calls).toBe(before);
    });

    it('is shown anyway when no screen-pop comes in time', () => {
      const { store } = ringing();
      vi.advanceTimersByTime(RING_REVEAL_MS - 1);
      expect(store.getState().ringing).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(store.getState().ringing.map((c) => c.id)).toEqual(['c1']);
    });

    it('keeps the latest state while held, and shows a call answered or ended before its pop at once', () => {
      const { store, emitter } = ringing();
      emitter.emit('callUpdated', call({ waiting: true }));
      expect(store.getState().calls).toEqual([]);
      store.getState().actions.reveal('c1');
      expect(store.getState().calls[0]?.waiting).toBe(true);

      emitter.emit('incomingCall', call({ id: 'c2' }));
      emitter.emit('callUpdated', call({ id: 'c2', state: 'ended', endedAt: 4, endCause: 'remote_cancel' }));
      expect(store.getState().calls.map((c) => c.id)).toEqual(['c1']);
      expect(store.getState().recentCalls[0]?.id).toBe('c2');

      emitter.emit('incomingCall', call({ id: 'c3' }));
      emitter.emit('callUpdated', call({ id: 'c3', state: 'active', answeredAt: 5 }));
      expect(store.getState().calls.map((c) => [c.id, c.state])).toEqual([
        ['c1', 'ringing'],
        ['c3', 'active'],
      ]);
    });

    it('is shown when the store detaches from the engine', () => {
      const { store, detach } = ringing();
      detach();
      expect(store.getState().ringing.map((c) => c.id)).toEqual(['c1']);
    });
  });

  it('follows registration, presence, colleagues, messages and device notices', () => {
    const store = createSoftphoneStore();
    const { engine, emitter } = fakeEngine();
    store.getState().actions.attach(engine);
    emitter.emit('registration', { state: 'retrying', attempt: 2, lastError: 'WebSocket closed', nextRetryAt: 5000 });
    expect(store.getState().registration).toEqual({
      state: 'retrying',
      attempt: 2,
      lastError: 'WebSocket closed',
      nextRetryAt: 5000,
    });
    emitter.emit('colleague', {
      uri: 'sip:marc@poste.test',
      number: 'marc',
      status: 'on_call',
      presence: 'available',
      dialog: 'on_call',
      updatedAt: 1,
    });
    expect(store.getState().colleagues['sip:marc@poste.test']?.status).toBe('on_call');
    emitter.emit('presenceUnavailable', { method: 'SUBSCRIBE', reason: 'no presence on this server' });
    expect(store.getState().presenceUnavailable).toBe('no presence on this server');
    emitter.emit('message', {
      from: '5145550123',
      fromUri: 'sip:5145550123@poste.test',
      body: 'Oui, 10 h me va',
      contentType: 'text/plain',
      at: 9,
    });
    expect(store.getState().messages.at(-1)?.body).toBe('Oui, 10 h me va');
    emitter.emit('deviceFallback', {
      role: 'headset',
      lostDeviceId: 'x',
      message: 'The headset was unplugged; using the default output.',
    });
    expect(store.getState().notices.at(-1)?.code).toBe('device_fallback_headset');
  });

  it('actions go to the engine; a failure becomes lastError instead of an exception', async () => {
    const store = createSoftphoneStore();
    const fake = fakeEngine();
    const { actions } = store.getState();
    actions.attach(fake.engine);
    await actions.answer('c1');
    expect(await actions.call('5145550123')).toBe('call-9');
    expect(await actions.call('bad')).toBeUndefined();
    expect(store.getState().lastError).toBe('Cannot dial "bad"');
    fake.emitter.emit('callUpdated', call({ state: 'active' }));
    actions.toggleMute('c1');
    expect(fake.asked).toEqual(['answer c1', 'mute c1']);
  });

  it('a refused hold is said plainly (the microphone stays cut, SIP.js #685)', async () => {
    const store = createSoftphoneStore();
    const fake = fakeEngine();
    fake.setHoldResult('holdFailed');
    store.getState().actions.attach(fake.engine);
    await store.getState().actions.hold('c1');
    expect(store.getState().lastError).toMatch(/could not be put on hold/);
  });

  it('detaching stops listening to the engine', () => {
    const store = createSoftphoneStore();
    const { engine, emitter } = fakeEngine();
    const detach = store.getState().actions.attach(engine);
    detach();
    emitter.emit('incomingCall', call({}));
    expect(store.getState().calls).toEqual([]);
    expect(store.getState().attached).toBe(false);
  });
});
