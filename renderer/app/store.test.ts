import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PosteClient } from './client';
import { CLIENT_COUNT_EVENTS, followClientCount, useAppStore } from './store';

/** A hand-written client: `app:info` answers with the cache's current count; events are emitted by the test. */
function fakeClient() {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let clients = 12;
  let infoCalls = 0;
  const client = {
    host: 'web',
    call() {
      throw new Error('refreshInfo uses tryCall');
    },
    tryCall(channel: string) {
      if (channel !== 'app:info') return Promise.reject(new Error(`unexpected ${channel}`));
      infoCalls++;
      return Promise.resolve({ ok: true, value: { version: '0.1.0', host: 'web', agent: { id: 'marc', name: 'Marc Gagnon', role: 'agent' }, clients } });
    },
    on(event: string, listener: (payload: unknown) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    },
  } as unknown as PosteClient;
  return {
    client,
    emit: (event: string, payload: unknown = {}) => listeners.get(event)?.forEach((l) => l(payload)),
    setClients: (n: number) => (clients = n),
    infoCalls: () => infoCalls,
    listening: () => [...listeners.values()].reduce((n, s) => n + s.size, 0),
  };
}

const settle = async () => {
  await vi.advanceTimersByTimeAsync(600);
};

describe('the header’s « N clients en cache » follows the cache without a reload', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    useAppStore.setState({ info: null });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('an import creates three clients: the count reads 15 once the burst of events is over, asked once', async () => {
    const fake = fakeClient();
    await useAppStore.getState().refreshInfo(fake.client);
    expect(useAppStore.getState().info?.clients).toBe(12);
    const stop = followClientCount(fake.client);
    fake.setClients(15);
    for (const clientId of ['a', 'b', 'c']) fake.emit('record:changed', { clientId });
    fake.emit('queue:changed');
    await settle();
    expect(useAppStore.getState().info?.clients).toBe(15);
    expect(fake.infoCalls()).toBe(2);
    stop();
  });

  it('a merge of three records into one: 15 becomes 13', async () => {
    const fake = fakeClient();
    fake.setClients(15);
    await useAppStore.getState().refreshInfo(fake.client);
    const stop = followClientCount(fake.client);
    fake.setClients(13);
    fake.emit('record:changed', { clientId: 'keep' });
    await settle();
    expect(useAppStore.getState().info?.clients).toBe(13);
    stop();
  });

  it('a watched folder’s import alone is enough', async () => {
    const fake = fakeClient();
    const stop = followClientCount(fake.client);
    fake.setClients(20);
    fake.emit('leads:imported', { files: 1, failed: 0 });
    await settle();
    expect(useAppStore.getState().info?.clients).toBe(20);
    stop();
  });

  it('an unchanged count leaves the shell’s info as it was (no re-render for every record change)', async () => {
    const fake = fakeClient();
    await useAppStore.getState().refreshInfo(fake.client);
    const before = useAppStore.getState().info;
    await useAppStore.getState().refreshInfo(fake.client);
    expect(useAppStore.getState().info).toBe(before);
  });

  it('unsubscribes from every event, and a pending refresh is dropped', async () => {
    const fake = fakeClient();
    const stop = followClientCount(fake.client);
    expect(fake.listening()).toBe(CLIENT_COUNT_EVENTS.length);
    fake.emit('record:changed', { clientId: 'a' });
    stop();
    expect(fake.listening()).toBe(0);
    await settle();
    expect(fake.infoCalls()).toBe(0);
  });
});
