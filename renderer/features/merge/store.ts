import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { DuplicateDto } from '../../../shared/ipc/contract-leads';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { ErrorCode, Result } from '../../../shared/ipc/result';
import type { PosteClient } from '../../app/client';
import { useRecordStore } from '../record/store';
import {
  mergeCandidates,
  mergeErrorKind,
  preselection,
  recordName,
  summarizeMerge,
  toggleSelection,
  type MergeCandidate,
  type MergeErrorKind,
  type MergeSummary,
} from './model';
import { errorMessage } from '../../../shared/error-message';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The open record's likely duplicates, for the notice above the record. */
export interface DuplicatesState {
  clientId: string | null;
  /** What the list was fetched for (the record's phones and e-mails): a change refetches. */
  key: string | null;
  status: LoadStatus;
  items: DuplicateDto[];
}

/**
 * The dialog's steps:
 *
 *   pick ──Continuer──▶ review ──Fusionner──▶ done
 *     ▲                   │
 *     └──────Retour───────┘   (a refused merge stays on review, with its error)
 */
export type MergeStep = 'pick' | 'review' | 'done';

export interface MergeFailure {
  kind: MergeErrorKind;
  message: string;
}

export type MergeResult = ResponseOf<'clients:merge'>;

export interface MergeDialogState {
  keepId: string;
  keepName: string | null;
  /** The records the dialog was asked to tick (an import's proposal), kept for a retry. */
  wanted: string[];
  /** Loading the candidates. */
  status: 'loading' | 'ready' | 'error';
  loadError: string | null;
  candidates: MergeCandidate[];
  selected: string[];
  step: MergeStep;
  /** Preparing the summary or merging: the buttons wait. */
  busy: boolean;
  summary: MergeSummary | null;
  /** Why the summary or the merge failed (shown in the dialog, the step is kept). */
  error: MergeFailure | null;
  result: MergeResult | null;
}

export interface MergeState {
  duplicates: DuplicatesState;
  dialog: MergeDialogState | null;
  /**
   * Fetches the duplicates of the record on screen. Asking again for the same client and
   * key while a list is loaded or loading does nothing, unless `force`.
   */
  loadDuplicates(client: PosteClient, clientId: string, key?: string | null, force?: boolean): Promise<void>;
  /** Opens the dialog to merge others into `keepId`, ticking `preselected` (two at most). */
  openDialog(client: PosteClient, keepId: string, preselected?: readonly string[]): Promise<void>;
  toggle(clientId: string): void;
  /** Reads the records afresh and shows what the kept one will hold. */
  review(client: PosteClient): Promise<void>;
  back(): void;
  /** Calls `clients:merge`; true when the records were merged. */
  merge(client: PosteClient): Promise<boolean>;
  close(): void;
}

export interface MergeStoreDeps {
  /** After a merge: show the kept record up to date. */
  showKept(client: PosteClient, keepId: string, merged: readonly string[]): void;
}

export type MergeStore = UseBoundStore<StoreApi<MergeState>>;

type Outcome<T> = { ok: true; value: T } | { ok: false; code: ErrorCode | 'network'; message: string };

/** A contract call whose thrown errors (a lost socket) become a failure like the others. */
async function attempt<T>(call: () => Promise<Result<T>>): Promise<Outcome<T>> {
  try {
    const result = await call();
    return result.ok
      ? { ok: true, value: result.value }
      : { ok: false, code: result.error.code, message: result.error.message };
  } catch (error) {
    return { ok: false, code: 'network', message: errorMessage(error) };
  }
}

const idleDuplicates: DuplicatesState = { clientId: null, key: null, status: 'idle', items: [] };

/**
 * A merge store. Answers are ticketed like the record store's: a list of duplicates for a
 * record the agent has left, or candidates for a dialog since closed, are dropped.
 */
export function createMergeStore(deps: MergeStoreDeps): MergeStore {
  let duplicatesTicket = 0;
  let dialogTicket = 0;

  return create<MergeState>()((set, get) => {
    /** Applies a change to the dialog if it is still the one the ticket was taken for. */
    const patchDialog = (mine: number, patch: Partial<MergeDialogState>): void => {
      const dialog = get().dialog;
      if (mine !== dialogTicket || !dialog) return;
      set({ dialog: { ...dialog, ...patch } });
    };

    return {
      duplicates: idleDuplicates,
      dialog: null,

      async loadDuplicates(client, clientId, key = null, force = false) {
        const current = get().duplicates;
        const same = current.clientId === clientId;
        if (same && !force && current.key === key && (current.status === 'loading' || current.status === 'ready'))
          return;
        const mine = ++duplicatesTicket;
        // Another record: its predecessor's duplicates must not show meanwhile.
        set({ duplicates: { clientId, key, status: 'loading', items: same ? current.items : [] } });
        const result = await attempt(() => client.tryCall('clients:duplicates', { clientId }));
        if (mine !== duplicatesTicket) return;
        set({
          duplicates: result.ok
            ? { clientId, key, status: 'ready', items: result.value.filter((d) => d.clientId !== clientId) }
            : { clientId, key, status: 'error', items: [] },
        });
      },

      async openDialog(client, keepId, preselected = []) {
        const mine = ++dialogTicket;
        const wanted = [...new Set(preselected)].filter((id) => id !== keepId);
        set({
          dialog: {
            keepId,
            keepName: null,
            wanted,
            status: 'loading',
            loadError: null,
            candidates: [],
            selected: [],
            step: 'pick',
            busy: false,
            summary: null,
            error: null,
            result: null,
          },
        });
        const [keep, duplicates] = await Promise.all([
          attempt(() => client.tryCall('contacts:get', { clientId: keepId })),
          attempt(() => client.tryCall('clients:duplicates', { clientId: keepId })),
        ]);
        if (!keep.ok) {
          patchDialog(mine, { status: 'error', loadError: keep.message });
          return;
        }
        if (!duplicates.ok) {
          patchDialog(mine, { status: 'error', loadError: duplicates.message });
          return;
        }
        // A proposal may name records that share nothing with the kept one directly (the
        // lead matched one by phone, another by e-mail): they are read and offered too.
        const known = new Set(duplicates.value.map((d) => d.clientId));
        const missing = wanted.filter((id) => !known.has(id));
        const extra = await Promise.all(
          missing.map((clientId) => attempt(() => client.tryCall('contacts:get', { clientId }))),
        );
        const proposed = extra.flatMap((r) => (r.ok ? [r.value] : []));
        const candidates = mergeCandidates(keepId, duplicates.value, proposed);
        patchDialog(mine, {
          status: 'ready',
          keepName: recordName(keep.value),
          candidates,
          selected: preselection(candidates, wanted),
        });
      },

      toggle(clientId) {
        const dialog = get().dialog;
        if (!dialog || dialog.step !== 'pick' || dialog.busy) return;
        set({ dialog: { ...dialog, selected: toggleSelection(dialog.selected, clientId), error: null } });
      },

      async review(client) {
        const dialog = get().dialog;
        if (!dialog || dialog.step !== 'pick' || dialog.busy || dialog.selected.length === 0) return;
        const mine = dialogTicket;
        patchDialog(mine, { busy: true, error: null });
        const ids = [dialog.keepId, ...dialog.selected];
        const records = await Promise.all(
          ids.map((clientId) => attempt(() => client.tryCall('contacts:get', { clientId }))),
        );
        const read: ContactRecord[] = [];
        for (const r of records) {
          if (!r.ok) {
            patchDialog(mine, { busy: false, error: { kind: 'other', message: r.message } });
            return;
          }
          read.push(r.value);
        }
        const [keep, ...others] = read;
        if (!keep) return;
        patchDialog(mine, {
          busy: false,
          step: 'review',
          summary: summarizeMerge(keep, others),
          keepName: recordName(keep),
        });
      },

      back() {
        const dialog = get().dialog;
        if (!dialog || dialog.step !== 'review' || dialog.busy) return;
        set({ dialog: { ...dialog, step: 'pick', summary: null, error: null } });
      },

      async merge(client) {
        const dialog = get().dialog;
        if (!dialog || dialog.step !== 'review' || dialog.busy || dialog.selected.length === 0) return false;
        const mine = dialogTicket;
        const { keepId, selected } = dialog;
        patchDialog(mine, { busy: true, error: null });
        const result = await attempt(() => client.tryCall('clients:merge', { clientId: keepId, mergeIds: selected }));
        if (!result.ok) {
          patchDialog(mine, { busy: false, error: { kind: mergeErrorKind(result.code), message: result.message } });
          return false;
        }
        patchDialog(mine, { busy: false, step: 'done', result: result.value });
        deps.showKept(client, keepId, result.value.merged);
        if (get().duplicates.clientId === keepId) void get().loadDuplicates(client, keepId, get().duplicates.key, true);
        return true;
      },

      close() {
        dialogTicket++;
        set({ dialog: null });
      },
    };
  });
}

/**
 * The console's merge store: after a merge, the record on screen is reloaded, or the kept
 * record opened in place of a merged one.
 */
export const useMergeStore: MergeStore = createMergeStore({
  showKept(client, keepId, merged) {
    const records = useRecordStore.getState();
    if (records.clientId === keepId) void records.refresh(client);
    else if (records.clientId === null || merged.includes(records.clientId)) void records.open(client, keepId);
  },
});
