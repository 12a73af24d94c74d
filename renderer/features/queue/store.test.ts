import { describe, expect, it } from 'vitest';
import type { QueueItemDto } from '../../../shared/ipc/contract-leads';
import type { Result } from '../../../shared/ipc/result';
import type { PosteClient } from '../../app/client';
import { createQueueStore } from './store';

function item(opportunityId: string, extra: Partial<QueueItemDto> = {}): QueueItemDto {
  return {
    opportunityId,
    clientId: `c-${opportunityId}`,
    name: `Client ${opportunityId}`,
    type: 'internet',
    provider: null,
    tag: 'bronze',
    managerId: null,
    managerName: null,
    createdAt: '2026-12-07T07:36:00.000Z',
    vehicle: null,
    ...extra,
  };
}

const head = item('head');
const other = item('other');

/** A hand-written client: the queue lists head then other; `take` answers as the test says. */
function fakeClient(take: (input: Record<string, unknown>) => Result<unknown>) {
  const takes: Record<string, unknown>[] = [];
  const client = {
    host: 'web',
    call() {
      throw new Error('the queue store uses tryCall');
    },
    tryCall(channel: string, input: Record<string, unknown>) {
      if (channel === 'queue:list') return Promise.resolve({ ok: true, value: { items: [head, other], total: 2, headId: 'head' } });
      if (channel === 'queue:take') {
        takes.push(input);
        return Promise.resolve(take(input));
      }
      return Promise.reject(new Error(`unexpected ${channel}`));
    },
    on() {
      return () => undefined;
    },
  } as unknown as PosteClient;
  return { client, takes };
}

const owned: Result<unknown> = {
  ok: false,
  error: { code: 'forbidden', message: 'ce lead appartient à Nadia Lévesque (Q-1)' },
} as unknown as Result<unknown>;

describe('Marc works a lead that is not the head (Q-1)', () => {
  it('the services refuse it: the refusal is in the dialog, his reason still typed, the panel untouched', async () => {
    const store = createQueueStore();
    const { client, takes } = fakeClient(() => owned);
    await store.getState().load(client);
    expect(await store.getState().take(client, other)).toBeNull();
    expect(store.getState().asking).toEqual(other);
    expect(takes).toEqual([]);

    store.getState().setReason('  Le client a rappelé  ');
    expect(await store.getState().confirmAsk(client)).toBeNull();
    expect(takes).toEqual([{ opportunityId: 'other', reason: 'Le client a rappelé' }]);
    const state = store.getState();
    expect(state.asking).toEqual(other);
    expect(state.askError).toBe('ce lead appartient à Nadia Lévesque (Q-1)');
    expect(state.reason).toBe('  Le client a rappelé  ');
    expect(state.error).toBeNull();
  });

  it('taken: the dialog closes and forgets the reason; a new dialog starts clean', async () => {
    const store = createQueueStore();
    let refuse = true;
    const { client } = fakeClient(() => (refuse ? owned : { ok: true, value: { ...other, managerId: 'marc' } }));
    await store.getState().take(client, other);
    store.getState().setReason('Le client a rappelé');
    await store.getState().confirmAsk(client);
    refuse = false;
    const taken = await store.getState().confirmAsk(client);
    expect(taken?.opportunityId).toBe('other');
    expect(store.getState()).toMatchObject({ asking: null, reason: '', askError: null, given: { opportunityId: 'other' } });

    await store.getState().take(client, other);
    expect(store.getState()).toMatchObject({ asking: other, reason: '', askError: null });
  });

  it('without a reason of three characters nothing is asked of the services', async () => {
    const store = createQueueStore();
    const { client, takes } = fakeClient(() => owned);
    await store.getState().take(client, other);
    store.getState().setReason(' ok ');
    expect(await store.getState().confirmAsk(client)).toBeNull();
    expect(takes).toEqual([]);
  });

  it('cancelling forgets the reason and the refusal', async () => {
    const store = createQueueStore();
    const { client } = fakeClient(() => owned);
    await store.getState().take(client, other);
    store.getState().setReason('Le client a rappelé');
    await store.getState().confirmAsk(client);
    store.getState().cancelAsk();
    expect(store.getState()).toMatchObject({ asking: null, reason: '', askError: null });
  });

  it('the head is taken at once, without a dialog; its refusal shows in the panel', async () => {
    const store = createQueueStore();
    const { client, takes } = fakeClient(() => owned);
    await store.getState().load(client);
    await store.getState().take(client, head);
    expect(takes).toEqual([{ opportunityId: 'head' }]);
    expect(store.getState()).toMatchObject({ asking: null, error: 'ce lead appartient à Nadia Lévesque (Q-1)' });
  });
});
