import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useFollowUpsStore } from './store';

interface FollowUpsPanelProps {
  client: PosteClient;
  onOpen(clientId: string): void;
}

/** FU-1..FU-3: today's follow-ups; each logs its composed note (« PDR J3 R1 + TEXTO »). */
export function FollowUpsPanel({ client, onOpen }: FollowUpsPanelProps) {
  const { t } = useTranslation('followups');
  const { items, status, error, logged, load, log, markLost } = useFollowUpsStore();
  const [texted, setTexted] = useState<Record<string, boolean>>({});

  useEffect(() => {
    void load(client);
    const off = client.on('queue:changed', () => void load(client));
    return off;
  }, [client, load]);

  return (
    <section className="followups" aria-label={t('title')}>
      <h2 className="followups-title">{t('title')}</h2>
      {logged && (
        <p role="status" data-testid="followup-logged">
          {t('logged', { note: logged.note })}
        </p>
      )}
      {error && <p role="alert">{error}</p>}
      {status === 'ready' && items.length === 0 && <p className="muted">{t('empty')}</p>}
      <ul className="followups-list">
        {items.map((item) => (
          <li key={item.opportunityId} data-testid="followup-item" data-opportunity-id={item.opportunityId}>
            <button type="button" className="followups-open" aria-label={t('open', { name: item.name })} onClick={() => onOpen(item.clientId)}>
              {item.name}
            </button>{' '}
            <span className="muted">{t('rounds', { done: item.roundsToday })}</span>
            {item.coverFor && <span className="muted"> · {t('cover', { name: item.managerName ?? item.managerId })}</span>}
            <div className="muted" data-testid="followup-next">
              {t('next', { note: item.note })}
            </div>
            <label>
              <input type="checkbox" checked={texted[item.opportunityId] ?? false} onChange={(e) => setTexted({ ...texted, [item.opportunityId]: e.target.checked })} />
              {t('textSent')}
            </label>{' '}
            <button type="button" onClick={() => void log(client, item.opportunityId, texted[item.opportunityId] ?? false)}>
              {t('log')}
            </button>
            {item.proposeLost && (
              <button type="button" title={t('lostHint', { days: item.daysWithoutContact })} onClick={() => void markLost(client, item.opportunityId)}>
                {t('lost')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
