import { useEffect, type ReactNode } from 'react';
import type { PosteClient } from '../../app/client';
import { MergeNotice } from '../merge/merge-notice';
import type { RecordAction, RecordContext } from './actions';
import { fullName } from './model';
import { useRecordStore, watchRecordChanges } from './store';
import { useRecordT } from './use-record-t';
import { RecordZones } from './record-zones';
import './record.css';

export type { RecordAction, RecordContext } from './actions';

export interface RecordViewProps {
  client: PosteClient;
  context: RecordContext;
  /** Click-to-call on one of the contact's numbers (zone 2), E.164. */
  onCall?: (e164: string) => void;
  /** One of the six actions of zone 9 was clicked while active. */
  onAction?: (action: RecordAction) => void;
  /** AN-1: opens the hand-off to the analysts. */
  onAnalysts?: () => void;
  /** The live ownership verdict, shown in zone 6. */
  verdict?: ReactNode;
}

/**
 * The 12-zone contact record (product.md) of the client open in `useRecordStore`. It
 * keeps itself fresh: a `record:changed` for the open client reloads it in place. The
 * zones are in reading order of the screen: the summary row (1–4), the actions (9), then
 * the request, the people, the meetings, the timeline and the notes.
 */
export function RecordView({ client, context, onCall, onAction, onAnalysts, verdict }: RecordViewProps) {
  const { language } = context;
  const t = useRecordT(language);
  const record = useRecordStore((s) => s.record);
  const status = useRecordStore((s) => s.status);
  const error = useRecordStore((s) => s.error);
  const clientId = useRecordStore((s) => s.clientId);
  const open = useRecordStore((s) => s.open);

  useEffect(() => watchRecordChanges(client), [client]);

  if (record === null) {
    if (status === 'loading') {
      return (
        <div className="rec-view rec-view--message" role="status" aria-busy="true">
          <p className="rec-state">{t('loading')}</p>
        </div>
      );
    }
    if (status === 'error') {
      return (
        <div className="rec-view rec-view--message">
          <div className="rec-state rec-state--error" role="alert">
            <p>{t('error', { message: error ?? '' })}</p>
            {clientId ? (
              <button type="button" className="rec-button" onClick={() => void open(client, clientId)}>
                {t('retry')}
              </button>
            ) : null}
          </div>
        </div>
      );
    }
    return (
      <div className="rec-view rec-view--message">
        <p className="rec-state">{t('idle')}</p>
      </div>
    );
  }

  return (
    <article className="rec-view" aria-label={t('label', { name: fullName(record) })} lang={language}>
      {status === 'error' && error ? (
        <div className="rec-banner" role="alert">
          <span>{t('staleError', { message: error })}</span>
          <button type="button" className="rec-button" onClick={() => void open(client, record.client.id)}>
            {t('retry')}
          </button>
        </div>
      ) : null}
      <MergeNotice client={client} record={record} language={language} />
      <div className="rec-grid" aria-busy={status === 'loading'}>
        <RecordZones
          record={record}
          language={language}
          context={context}
          onCall={onCall}
          onAction={onAction}
          onAnalysts={onAnalysts}
          verdict={verdict}
        />
      </div>
    </article>
  );
}
