import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useFollowUpsStore } from './store';
import './followups.css';

interface FollowUpsPanelProps {
  client: PosteClient;
  onOpen(clientId: string): void;
}

/** FU-1..FU-3: today's follow-ups; each logs its composed note (« PDR J3 R1 + TEXTO »). */
export function FollowUpsPanel({ client, onOpen }: FollowUpsPanelProps) {
  const { t } = useTranslation(['followups', 'queue']);
  const { items, status, error, logged, load, log, markLost } = useFollowUpsStore();
  const [texted, setTexted] = useState<Record<string, boolean>>({});

  useEffect(() => {
    void load(client);
    const off = client.on('queue:changed', () => void load(client));
    return off;
  }, [client, load]);

  return (
    <section className="followups" aria-label={t('title')}>
      <header className="followups-header">
        <h2 className="followups-title">{t('title')}</h2>
        {items.length > 0 && <span className="count">{items.length}</span>}
      </header>
      {logged && (
        <p className="followups-logged" role="status" data-testid="followup-logged">
          {t('logged', { note: logged.note })}
        </p>
      )}
      {error && (
        <p className="followups-error" role="alert">
          {error}
        </p>
      )}
      {status === 'ready' && items.length === 0 && <p className="muted">{t('empty')}</p>}
      <ul className="followups-list">
        {items.map((item) => (
          <li
            key={item.opportunityId}
            className={`followup${item.proposeLost ? ' is-stale' : ''}`}
            data-testid="followup-item"
            data-opportunity-id={item.opportunityId}
          >
            <div className="followup-head">
              <button type="button" className="followup-open" aria-label={t('open', { name: item.name })} onClick={() => onOpen(item.clientId)}>
                {item.name}
              </button>
              <span className={`tag tag-${item.tag}`}>{t(`queue:tag.${item.tag}`)}</span>
              <span className="followup-rounds" title={t('roundsHint')}>
                {t('rounds', { done: item.roundsToday })}
              </span>
            </div>
            {item.coverFor && <div className="followup-cover">{t('cover', { name: item.managerName ?? item.managerId })}</div>}
            <div className="followup-next" data-testid="followup-next">
              {t('next', { note: item.note })}
            </div>
            <div className="followup-actions">
              <label className="followup-texted">
                <input type="checkbox" checked={texted[item.opportunityId] ?? false} onChange={(e) => setTexted({ ...texted, [item.opportunityId]: e.target.checked })} />
                {t('textSent')}
              </label>
              <button type="button" className="followup-log" onClick={() => void log(client, item.opportunityId, texted[item.opportunityId] ?? false)}>
                {t('log')}
              </button>
            </div>
            {item.proposeLost && (
              <div className="followup-lost">
                <span>{t('lostHint', { count: item.daysWithoutContact })}</span>
                <button type="button" onClick={() => void markLost(client, item.opportunityId)}>
                  {t('lost')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
