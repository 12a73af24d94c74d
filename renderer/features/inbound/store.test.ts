import { describe, expect, it } from 'vitest';
import type { InboundResult } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { useInboundStore } from './store';

/** A contact as the services announce it: only what the store reads (no record on screen). */
const contact = (callId: string): InboundResult =>
  ({
    callId,
    channel: 'phone',
    number: '5145550100',
    e164: '+15145550100',
    simulated: true,
    receivedAt: '2026-03-10T14:00:00Z',
    clientId: null,
    candidates: 0,
    record: null,
    verdict: {},
  }) as unknown as InboundResult;

/** A client whose every call succeeds. */
const client = { tryCall: () => Promise.resolve({ ok: true, value: {} }) } as unknown as PosteClient;

describe('call waiting', () => {
  it('a contact brought back keeps what the agent already did for it', async () => {
    const store = useInboundStore.getState();
    store.receive(contact('a'));
    await store.apply(client, 'tag_da');
    expect(useInboundStore.getState().applied).toEqual(['tag_da']);
    useInboundStore.getState().receive(contact('b'));
    expect(useInboundStore.getState()).toMatchObject({
      current: { callId: 'b' },
      applied: [],
      waiting: [{ callId: 'a' }],
    });
    useInboundStore.getState().resume('a');
    expect(useInboundStore.getState()).toMatchObject({
      current: { callId: 'a' },
      applied: ['tag_da'],
      waiting: [{ callId: 'b' }],
    });
    // And back again: b had nothing done.
    useInboundStore.getState().resume('b');
    expect(useInboundStore.getState()).toMatchObject({ current: { callId: 'b' }, applied: [] });
    useInboundStore.getState().dismiss();
    expect(useInboundStore.getState()).toMatchObject({ current: { callId: 'a' }, applied: ['tag_da'], waiting: [] });
  });
});
