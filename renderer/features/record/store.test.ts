import { describe, expect, it } from 'vitest';
import type { EventName, EventOf } from '../../../shared/ipc/contract';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { Result } from '../../../shared/ipc/result';
import type { PosteClient } from '../../app/client';
import { makeRecord } from './record-fixture';
import { createRecordStore, watchRecordChanges } from './store';

interface Pending {
  clientId: string;
  settle(result: Result<ContactRecord>): void;
  fail(error: Error): void;
}

/** A hand-written client: every `contacts:get` waits until the test answers it. */
function fakeClient() {
  const pending: Pending[] = [];
  const listeners = new Set<(payload: EventOf<'record:changed'>) => void>();
  const client = {
    host: 'web',
    call() {
      throw new Error('the record store uses tryCall');
    },
    tryCall(channel: string, input: { clientId: string }) {
      if (channel !== 'contacts:get') throw new Error(`unexpected channel ${channel}`);
      return new Promise<Result<ContactRecord>>((resolve, reject) => {
        pending.push({ clientId: input.clientId, settle: resolve, fail: reject });
      });
    },
    on(event: EventName, listener: (payload: EventOf<'record:changed'>) => void) {
      if (event !== 'record:changed') return () => undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as PosteClient;
  return {
    client,
    pending,
    emit: (clientId: string) => {
      for (const listener of listeners) listener({ clientId });
    },
    listenerCount: () => listeners.size,
  };
}

const marie = makeRecord();
const paul = makeRecord({ client: { ...marie.client, id: 'c2', firstName: 'Paul', lastName: 'Roy' } });
const ok = (record: ContactRecord): Result<ContactRecord> => ({ ok: true, value: record });

describe('the record store', () => {
  it('starts idle with nothing open', () => {
    const store = createRecordStore();
    expect(store.getState()).toMatchObject({ clientId: null, record: null, status: 'idle', error: null });
  });

  it('opens a record: loading, then ready', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const done = store.getState().open(fake.client, 'c1');
    expect(store.getState()).toMatchObject({ clientId: 'c1', record: null, status: 'loading' });
    fake.pending[0]?.settle(ok(marie));
    await done;
    expect(store.getState()).toMatchObject({ clientId: 'c1', record: marie, status: 'ready', error: null });
  });

  it('the agent opens Marie, then Paul while Marie is still loading: Paul is shown even if Marie answers last', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const first = store.getState().open(fake.client, 'c1');
    const second = store.getState().open(fake.client, 'c2');
    fake.pending[1]?.settle(ok(paul));
    await second;
    fake.pending[0]?.settle(ok(marie));
    await first;
    expect(store.getState()).toMatchObject({ clientId: 'c2', record: paul, status: 'ready' });
  });

  it('a late failure of an abandoned load does not show an error', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const first = store.getState().open(fake.client, 'c1');
    const second = store.getState().open(fake.client, 'c2');
    fake.pending[1]?.settle(ok(paul));
    await second;
    fake.pending[0]?.fail(new Error('connection to Poste lost'));
    await first;
    expect(store.getState()).toMatchObject({ record: paul, status: 'ready', error: null });
  });

  it('reports the contract’s error, and a thrown transport error', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const done = store.getState().open(fake.client, 'nobody');
    fake.pending[0]?.settle({ ok: false, error: { code: 'not_found', message: 'no client nobody' } });
    await done;
    expect(store.getState()).toMatchObject({
      clientId: 'nobody',
      record: null,
      status: 'error',
      error: 'no client nobody',
    });

    const again = store.getState().open(fake.client, 'c1');
    fake.pending[1]?.fail(new Error('connection to Poste lost'));
    await again;
    expect(store.getState()).toMatchObject({ status: 'error', error: 'connection to Poste lost' });
  });

  it('refresh keeps the record on screen while it reloads, and a failed refresh keeps it too', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const opened = store.getState().open(fake.client, 'c1');
    fake.pending[0]?.settle(ok(marie));
    await opened;

    const refreshed = store.getState().refresh(fake.client);
    expect(store.getState()).toMatchObject({ record: marie, status: 'ready' });
    const updated = makeRecord({ emails: [] });
    fake.pending[1]?.settle(ok(updated));
    await refreshed;
    expect(store.getState().record).toBe(updated);

    const failed = store.getState().refresh(fake.client);
    fake.pending[2]?.fail(new Error('timeout'));
    await failed;
    expect(store.getState()).toMatchObject({ record: updated, status: 'error', error: 'timeout' });
  });

  it('a refresh that answers after the agent moved to another record is dropped', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const opened = store.getState().open(fake.client, 'c1');
    fake.pending[0]?.settle(ok(marie));
    await opened;
    const refreshed = store.getState().refresh(fake.client);
    const moved = store.getState().open(fake.client, 'c2');
    fake.pending[2]?.settle(ok(paul));
    await moved;
    fake.pending[1]?.settle(ok(marie));
    await refreshed;
    expect(store.getState()).toMatchObject({ clientId: 'c2', record: paul });
  });

  it('refresh with nothing open does nothing', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    await store.getState().refresh(fake.client);
    expect(fake.pending).toHaveLength(0);
  });

  it('clear closes the record and drops a load in flight', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const done = store.getState().open(fake.client, 'c1');
    store.getState().clear();
    fake.pending[0]?.settle(ok(marie));
    await done;
    expect(store.getState()).toMatchObject({ clientId: null, record: null, status: 'idle', error: null });
  });

  it('watchRecordChanges refreshes only for the open client, until unsubscribed', async () => {
    const store = createRecordStore();
    const fake = fakeClient();
    const opened = store.getState().open(fake.client, 'c1');
    fake.pending[0]?.settle(ok(marie));
    await opened;

    const stop = watchRecordChanges(fake.client, store, 10);
    fake.emit('c2');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.pending).toHaveLength(1);
    // A burst of changes to the open client reloads it once.
    fake.emit('c1');
    fake.emit('c1');
    fake.emit('c1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.pending).toHaveLength(2);
    expect(fake.pending[1]?.clientId).toBe('c1');

    stop();
    expect(fake.listenerCount()).toBe(0);
    fake.emit('c1');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.pending).toHaveLength(2);
  });
});
