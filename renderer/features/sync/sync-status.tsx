import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useSyncStore } from './store';

/**
 * « hors ligne — 3 changements en attente »: the team sync's state in the status bar, and
 * the conflicts the server decided against this console, each with its explanation.
 * Standalone (no team database), it shows nothing.
 */
export function SyncStatus({ client }: { client: PosteClient }) {
  const { t, i18n } = useTranslation('sync');
  const { status, load, set, ack, syncNow } = useSyncStore();
  useEffect(() => {
    void load(client);
    const offChanged = client.on('sync:changed', set);
    const offConflict = client.on('sync:conflict', () => void load(client));
    return () => {
      offChanged();
      offConflict();
    };
  }, [client, load, set]);

  if (!status || status.state === 'standalone') return null;
  const lang = i18n.language.startsWith('en') ? 'en' : 'fr';
  const label =
    status.state === 'offline'
      ? `${t('offline')}${status.pending > 0 ? ` — ${t('pending', { count: status.pending })}` : ''}`
      : status.pending > 0
        ? t('pending', { count: status.pending })
        : t('online');
  return (
    <div className={`sync-status sync-${status.state}`} role="status" aria-live="polite">
      <span className="sync-label">{label}</span>
      {status.state === 'offline' && (
        <button type="button" className="link" onClick={() => void syncNow(client)}>
          {t('syncNow')}
        </button>
      )}
      {status.conflicts.length > 0 && (
        <ul className="sync-conflicts">
          {status.conflicts.map((conflict) => (
            <li key={conflict.id} role="alert">
              <strong>{t('conflict')}</strong> {conflict.explanation[lang]}{' '}
              <button type="button" className="link" onClick={() => void ack(client, [conflict.id])}>
                {t('seen')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
