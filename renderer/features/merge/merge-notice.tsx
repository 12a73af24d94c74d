import { useEffect } from 'react';
import type { Language } from '../../../shared/domain/model';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { MergeDialog } from './merge-dialog';
import { useMergeStore } from './store';
import { useMergeT } from './use-merge-t';
import './merge.css';

interface MergeNoticeProps {
  client: PosteClient;
  /** The record on screen. */
  record: ContactRecord;
  language: Language;
}

/**
 * Runs `task` once the browser has painted what is on screen now (a frame, then a task),
 * so a record's first paint never waits on it; a fallback timer covers a hidden window,
 * where frames do not come. Returns the cancel function.
 */
function afterPaint(task: () => void): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (done) return;
    done = true;
    task();
  };
  const frame =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame(() => (timer = setTimeout(run, 0))) : null;
  const fallback = setTimeout(run, 500);
  return () => {
    done = true;
    if (frame !== null) cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  };
}

/** What the duplicates depend on: a phone or an e-mail added to the record may bring new ones. */
function duplicatesKey(record: ContactRecord): string {
  const phones = record.phones.map((p) => p.e164).sort();
  const emails = record.emails.map((e) => e.email.toLowerCase()).sort();
  return `${phones.join(',')}|${emails.join(',')}`;
}

/**
 * Above the record: « 2 doublons possibles — Fusionner… » when other records share a phone
 * or an e-mail with this one, and the merge dialog for this record. The duplicates are
 * asked for after the record has painted, never before (the screen-pop comes first).
 */
export function MergeNotice({ client, record, language }: MergeNoticeProps) {
  const t = useMergeT(language);
  const clientId = record.client.id;
  const key = duplicatesKey(record);
  const loadDuplicates = useMergeStore((s) => s.loadDuplicates);
  const openDialog = useMergeStore((s) => s.openDialog);
  const duplicates = useMergeStore((s) => (s.duplicates.clientId === clientId ? s.duplicates.items : null));
  const dialogHere = useMergeStore((s) => s.dialog !== null && s.dialog.keepId === clientId);

  useEffect(
    () => afterPaint(() => void loadDuplicates(client, clientId, key)),
    [client, clientId, key, loadDuplicates],
  );

  const count = duplicates?.length ?? 0;
  return (
    <>
      {count > 0 ? (
        <div className="merge-notice" role="status" data-testid="merge-notice">
          <span className="merge-notice-count">{t('notice.count', { count })}</span>
          <span className="merge-notice-help">{t('notice.help', { count })}</span>
          <button type="button" className="merge-notice-open" onClick={() => void openDialog(client, clientId)}>
            {t('notice.open')}
          </button>
        </div>
      ) : null}
      {dialogHere ? <MergeDialog client={client} language={language} /> : null}
    </>
  );
}
