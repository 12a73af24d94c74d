import { afterEach, describe, expect, it } from 'vitest';
import type { EventName, EventOf } from '../../../shared/ipc/contract';
import type { SearchHit } from '../../../shared/ipc/dto';
import type { Result } from '../../../shared/ipc/result';
import type { PosteClient } from '../../app/client';
import { useSearchStore, watchSearchChanges } from './store';

const hit = (clientId: string, name: string): SearchHit => ({ clientId, name, tag: 'bronze', phones: [], emails: [] }) as unknown as SearchHit;

/** A client whose search answers come from `answers`, in order, and whose events the test emits. */
function fakeClient(answers: SearchHit[][]) {
  const listeners = new Set<(payload: EventOf<'record:changed'>) => void>();
  const queries: string[] = [];
  const client = {
    tryCall(channel: string, input: { query: string }) {
      if (channel !== 'contacts:search') throw new Error(`unexpected channel ${channel}`);
      queries.push(input.query);
      return Promise.resolve({ ok: true, value: answers.shift() ?? [] } as Result<SearchHit[]>);
    },
    on(event: EventName, listener: (payload: EventOf<'record:changed'>) => void) {
      if (event !== 'record:changed') return () => undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as PosteClient;
  return { client, queries, emit: (clientId: string) => listeners.forEach((l) => l({ clientId })) };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => useSearchStore.setState({ query: '', hits: [], status: 'idle', error: null }));

describe('search results follow the cache', () => {
  it('a change to a client in the list searches again, quietly; a change elsewhere does not', async () => {
    const fake = fakeClient([[hit('a', 'Éloïse Côté'), hit('b', 'Éloïse Côté')], [hit('a', 'Éloïse Côté')]]);
    const off = watchSearchChanges(fake.client);
    await useSearchStore.getState().search(fake.client, 'Éloïse');
    expect(useSearchStore.getState().hits.map((h) => h.clientId)).toEqual(['a', 'b']);
    fake.emit('z');
    await settle();
    expect(fake.queries).toEqual(['Éloïse']);
    // b is merged into a: the list drops it without the agent typing again.
    fake.emit('b');
    expect(useSearchStore.getState().status).toBe('ready');
    await settle();
    expect(fake.queries).toEqual(['Éloïse', 'Éloïse']);
    expect(useSearchStore.getState().hits.map((h) => h.clientId)).toEqual(['a']);
    off();
    fake.emit('a');
    await settle();
    expect(fake.queries).toHaveLength(2);
  });
});
