import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { coalesce } from '../../app/coalesce';
import { useDaStore } from './store';

/** What agents tagged for the DA: reassign, invalidate, cancel — one click each. */
export function DaList({ client, onOpen }: { client: PosteClient; onOpen(clientId: string): void }) {
  const { t } = useTranslation('da');
  const { tasks, error, load, resolve } = useDaStore();
  useEffect(() => {
    void load(client);
    const reload = coalesce(() => void load(client));
    const offDa = client.on('da:changed', reload.request);
    const offRecord = client.on('record:changed', reload.request);
    return () => {
      reload.cancel();
      offDa();
      offRecord();
    };
  }, [client, load]);

  return (
    <section className="da" aria-labelledby="da-title">
      <h2 id="da-title" className="side-title">
        {t('title')} <span className="count">{tasks.length}</span>
      </h2>
      {error && <p role="alert" className="side-error">{error}</p>}
      {tasks.length === 0 ? (
        <p className="side-empty">{t('empty')}</p>
      ) : (
        <ul className="da-list">
          {tasks.map((task) => (
            <li key={task.id} className="da-task">
              <button type="button" className="link da-client" onClick={() => onOpen(task.clientId)} aria-label={`${t('open')} — ${task.clientName}`}>
                {task.clientName}
              </button>
              <div className="da-what">{t(`kind.${task.kind}`, { name: task.targetAgentName ?? '—' })}</div>
              <div className="da-by">{t('by', { name: task.createdByName ?? '—', rule: task.rule ?? '' })}</div>
              <div className="da-buttons">
                <button type="button" onClick={() => void resolve(client, task.id, 'done')}>
                  {t('done')}
                </button>
                <button type="button" className="secondary" onClick={() => void resolve(client, task.id, 'dismissed')}>
                  {t('dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
