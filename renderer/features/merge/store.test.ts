import { describe, expect, it } from 'vitest';
import type { DuplicateDto } from '../../../shared/ipc/contract-leads';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { Result } from '../../../shared/ipc/result';
import type { PosteClient } from '../../app/client';
import { makeActivity, makeOpportunity, makeRecord } from '../record/record-fixture';
import { createMergeStore } from './store';

type Answer = Result<unknown> | Error;

interface Call {
  channel: string;
  input: Record<string, unknown>;
  answer(result: Answer): void;
}

/** A hand-written client: every call waits until the test answers it (or is answered by `auto`). */
function fakeClient(auto: (channel: string, input: Record<string, unknown>) => Answer | undefined = () => undefined) {
  const calls: Call[] = [];
  const client = {
    host: 'web',
    call() {
      throw new Error('the merge store uses tryCall');
    },
    tryCall(channel: string, input: Record<string, unknown>) {
      return new Promise<Result<unknown>>((resolve, reject) => {
        const answer = (result: Answer) => (result instanceof Error ? reject(result) : resolve(result));
        calls.push({ channel, input, answer });
        const now = auto(channel, input);
        if (now !== undefined) answer(now);
      });
    },
    on() {
      return () => undefined;
    },
  } as unknown as PosteClient;
  const pending = (channel: string) => calls.filter((c) => c.channel === channel);
  return { client, calls, pending };
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function person(id: string, firstName: string, lastName: string, extra: Partial<ContactRecord> = {}): ContactRecord {
  const base = makeRecord();
  return makeRecord({ ...extra, client: { ...base.client, id, firstName, lastName } });
}

const keep = person('keep', 'Éloïse', 'Côté', {
  opportunities: [makeOpportunity({ id: 'o1' })],
  activities: [makeActivity({ id: 'a1' })],
});
const b = person('b', 'Eloise', 'Cote', {
  opportunities: [makeOpportunity({ id: 'o2' }), makeOpportunity({ id: 'o3' })],
  activities: [makeActivity({ id: 'a2' })],
  texts: [
    { id: 't1', at: '2026-03-09T15:00:00.000Z', direction: 'in', body: 'Oui', templateName: null, agentName: null },
  ],
});
const c = person('c', 'E.', 'Côté', { opportunities: [makeOpportunity({ id: 'o4' })] });
const records: Record<string, ContactRecord> = { keep, b, c };
const dupOfKeep: DuplicateDto = {
  clientId: 'b',
  name: 'Eloise Cote',
  phones: ['+15145550199'],
  emails: [],
  opportunities: 2,
  matchedOn: ['+15145550199'],
};

/** Answers `contacts:get` from `records` and `clients:duplicates` with b for keep; leaves `clients:merge` pending. */
function services(channel: string, input: Record<string, unknown>): Answer | undefined {
  if (channel === 'contacts:get') {
    const r = records[String(input.clientId)];
    return r
      ? ok(r)
      : { ok: false, error: { code: 'not_found', message: `no client with id ${String(input.clientId)}` } };
  }
  if (channel === 'clients:duplicates') return ok(input.clientId === 'keep' ? [dupOfKeep] : []);
  return undefined;
}

function storeWithSpy() {
  const shown: { keepId: string; merged: readonly string[] }[] = [];
  const store = createMergeStore({ showKept: (_client, keepId, merged) => shown.push({ keepId, merged }) });
  return { store, shown };
}

describe('the duplicates of the record on screen', () => {
  it('Marc opens Éloïse, then Julien before her duplicates come back: only Julien’s are kept', async () => {
    const { client, pending } = fakeClient();
    const { store } = storeWithSpy();
    const first = store.getState().loadDuplicates(client, 'keep', 'k1');
    const second = store.getState().loadDuplicates(client, 'julien', 'k2');
    expect(store.getState().duplicates).toMatchObject({ clientId: 'julien', status: 'loading', items: [] });
    pending('clients:duplicates')[1]?.answer(ok([]));
    pending('clients:duplicates')[0]?.answer(ok([dupOfKeep]));
    await Promise.all([first, second]);
    expect(store.getState().duplicates).toEqual({ clientId: 'julien', key: 'k2', status: 'ready', items: [] });
  });

  it('asks once per record and contacts; a new phone on the record asks again', async () => {
    const { client, pending } = fakeClient(services);
    const { store } = storeWithSpy();
    await store.getState().loadDuplicates(client, 'keep', 'k1');
    await store.getState().loadDuplicates(client, 'keep', 'k1');
    expect(pending('clients:duplicates')).toHaveLength(1);
    expect(store.getState().duplicates.items.map((d) => d.clientId)).toEqual(['b']);
    await store.getState().loadDuplicates(client, 'keep', 'k1-with-new-phone');
    expect(pending('clients:duplicates')).toHaveLength(2);
  });

  it('a failed look-up shows no duplicates rather than stale ones', async () => {
    const { client } = fakeClient((channel) =>
      channel === 'clients:duplicates' ? new Error('socket closed') : undefined,
    );
    const { store } = storeWithSpy();
    await store.getState().loadDuplicates(client, 'keep', 'k1');
    expect(store.getState().duplicates).toMatchObject({ status: 'error', items: [] });
  });
});

describe('the merge dialog', () => {
  it('from the record: lists the duplicates, none ticked; a third tick is refused', async () => {
    const { client } = fakeClient((channel, input) =>
      channel === 'clients:duplicates'
        ? ok([
            dupOfKeep,
            { ...dupOfKeep, clientId: 'c', name: 'E. Côté' },
            { ...dupOfKeep, clientId: 'd', name: 'Élo Côté' },
          ])
        : services(channel, input),
    );
    const { store } = storeWithSpy();
    await store.getState().openDialog(client, 'keep');
    const dialog = store.getState().dialog;
    expect(dialog).toMatchObject({
      keepId: 'keep',
      keepName: 'Éloïse Côté',
      status: 'ready',
      step: 'pick',
      selected: [],
    });
    expect(dialog?.candidates.map((x) => x.clientId)).toEqual(['b', 'c', 'd']);
    store.getState().toggle('b');
    store.getState().toggle('c');
    store.getState().toggle('d');
    expect(store.getState().dialog?.selected).toEqual(['b', 'c']);
  });

  it('from an import proposal: a record sharing nothing with the kept one is read, offered and ticked', async () => {
    const { client, pending } = fakeClient(services);
    const { store } = storeWithSpy();
    await store.getState().openDialog(client, 'keep', ['b', 'c']);
    const dialog = store.getState().dialog;
    expect(dialog?.candidates.map((x) => [x.clientId, x.proposed])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    expect(dialog?.selected).toEqual(['b', 'c']);
    // b came with the duplicates: only keep and c were read.
    expect(pending('contacts:get').map((x) => x.input.clientId)).toEqual(['keep', 'c']);
  });

  it('the kept record cannot be read: the dialog says why and offers a retry', async () => {
    const { client } = fakeClient(services);
    const { store } = storeWithSpy();
    await store.getState().openDialog(client, 'ghost', ['b']);
    expect(store.getState().dialog).toMatchObject({
      status: 'error',
      loadError: 'no client with id ghost',
      wanted: ['b'],
    });
  });

  it('Marc reviews, confirms: the three records become one, the kept record is shown afresh', async () => {
    const { client, pending } = fakeClient(services);
    const { store, shown } = storeWithSpy();
    await store.getState().loadDuplicates(client, 'keep', 'k1');
    await store.getState().openDialog(client, 'keep', ['b', 'c']);
    await store.getState().review(client);
    const review = store.getState().dialog;
    expect(review?.step).toBe('review');
    expect(review?.summary?.total).toEqual({ opportunities: 4, activities: 2, texts: 1, meetings: 0, calls: 0 });
    expect(review?.summary?.merged.map((m) => m.clientId)).toEqual(['b', 'c']);

    const merging = store.getState().merge(client);
    expect(store.getState().dialog?.busy).toBe(true);
    const call = pending('clients:merge')[0];
    expect(call?.input).toEqual({ clientId: 'keep', mergeIds: ['b', 'c'] });
    call?.answer(ok({ clientId: 'keep', merged: ['b', 'c'], moved: { opportunities: 3, activities: 1, texts: 1 } }));
    expect(await merging).toBe(true);
    expect(store.getState().dialog).toMatchObject({
      step: 'done',
      busy: false,
      error: null,
      result: { merged: ['b', 'c'] },
    });
    expect(shown).toEqual([{ keepId: 'keep', merged: ['b', 'c'] }]);
    // The notice asks again (the merged ones are gone).
    await flush();
    expect(pending('clients:duplicates').map((x) => x.input.clientId)).toEqual(['keep', 'keep', 'keep']);
    expect(store.getState().duplicates).toMatchObject({ clientId: 'keep', status: 'ready' });
  });

  it('a refused merge stays on the summary with the service’s reason; nothing is refreshed', async () => {
    const { client } = fakeClient((channel, input) =>
      channel === 'clients:merge'
        ? { ok: false, error: { code: 'not_found', message: 'no live client b', path: 'mergeIds' } }
        : services(channel, input),
    );
    const { store, shown } = storeWithSpy();
    await store.getState().openDialog(client, 'keep', ['b']);
    await store.getState().review(client);
    expect(await store.getState().merge(client)).toBe(false);
    expect(store.getState().dialog).toMatchObject({
      step: 'review',
      busy: false,
      error: { kind: 'not_found', message: 'no live client b' },
    });
    expect(shown).toEqual([]);
  });

  it('a connection lost during the merge is reported, not thrown', async () => {
    const { client } = fakeClient((channel, input) =>
      channel === 'clients:merge' ? new Error('socket closed') : services(channel, input),
    );
    const { store } = storeWithSpy();
    await store.getState().openDialog(client, 'keep', ['b']);
    await store.getState().review(client);
    expect(await store.getState().merge(client)).toBe(false);
    expect(store.getState().dialog?.error).toEqual({ kind: 'other', message: 'socket closed' });
  });

  it('Retour goes back to the picks as they were; nothing is merged without a pick', async () => {
    const { client, pending } = fakeClient(services);
    const { store } = storeWithSpy();
    await store.getState().openDialog(client, 'keep');
    await store.getState().review(client);
    expect(store.getState().dialog?.step).toBe('pick');
    expect(await store.getState().merge(client)).toBe(false);
    store.getState().toggle('b');
    await store.getState().review(client);
    store.getState().back();
    expect(store.getState().dialog).toMatchObject({ step: 'pick', selected: ['b'], summary: null });
    expect(pending('clients:merge')).toHaveLength(0);
  });

  it('closed before its candidates arrive: the late answer does not reopen it', async () => {
    const { client, pending } = fakeClient();
    const { store } = storeWithSpy();
    const opening = store.getState().openDialog(client, 'keep');
    store.getState().close();
    for (const call of pending('contacts:get')) call.answer(ok(keep));
    for (const call of pending('clients:duplicates')) call.answer(ok([dupOfKeep]));
    await opening;
    expect(store.getState().dialog).toBeNull();
  });
});
