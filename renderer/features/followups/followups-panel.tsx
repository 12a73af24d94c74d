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
  const { items, status, error, logged, lost, load, log, markLost } = useFollowUpsStore();
  // « Texto envoyé » is said of one round: ticked for the round it went with, then cleared,
  // so the next round's note does not claim a text (« + TEXTO ») nobody sent.
  const [texted, setTexted] = useState<Record<string, boolean>>({});
  /** The file whose Perdu BDC waits for the agent's yes. */
  const [confirming, setConfirming] = useState<string | null>(null);
  const logRound = (opportunityId: string) =>
    void log(client, opportunityId, texted[opportunityId] ?? false).then((done) => {
      if (done) setTexted((current) => ({ ...current, [opportunityId]: false }));
    });

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
      {lost !== null && (
        <p className="followups-logged" role="status" data-testid="followup-lost-done">
          {t('lostDone', { name: lost })}
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
                <input
                  type="checkbox"
                  checked={texted[item.opportunityId] ?? false}
                  onChange={(e) => setTexted({ ...texted, [item.opportunityId]: e.target.checked })}
                />
                {t('textSent')}
              </label>
              <button type="button" className="followup-log" onClick={() => logRound(item.opportunityId)}>
                {t('log')}
              </button>
            </div>
            {item.proposeLost && confirming !== item.opportunityId && (
              <div className="followup-lost">
                <span>{t('lostHint', { count: item.daysWithoutContact })}</span>
                <button type="button" onClick={() => setConfirming(item.opportunityId)}>
                  {t('lost')}
                </button>
              </div>
            )}
            {item.proposeLost && confirming === item.opportunityId && (
              <div className="followup-lost-confirm" role="group" aria-label={t('lostConfirm', { name: item.name })}>
                <span>{t('lostConfirm', { name: item.name })}</span>
                <button
                  type="button"
                  className="followup-lost-yes"
                  onClick={() => {
                    setConfirming(null);
                    void markLost(client, item.opportunityId);
                  }}
                >
                  {t('lostYes')}
                </button>
                <button type="button" autoFocus onClick={() => setConfirming(null)}>
                  {t('lostNo')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
