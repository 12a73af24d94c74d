import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LEAD_TYPES, type LeadType } from '../../../shared/domain/model';
import type { QueueFilter } from '../../../shared/ipc/contract-leads';
import { useCentreDateTime } from '../../app/centre-time';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { useAppStore } from '../../app/store';
import { leadTypeKey, ownerOf } from './model';
import { MIN_REASON, useQueueStore } from './store';
import './queue.css';

interface QueuePanelProps {
  client: PosteClient;
  /** Opens a client's record (the shell's record store). */
  onOpen(clientId: string): void;
  /** The UI language, for dates. */
  language: 'fr' | 'en';
}

const FILTERS: QueueFilter[] = ['all', 'mine', 'unassigned'];

/** « Lead suivant », the queue in order, filters, and a reason for any other lead. */
export function QueuePanel({ client, onOpen, language }: QueuePanelProps) {
  const { t } = useTranslation('queue');
  const { filter, type, items, total, headId, status, error, given, asking, reason, askError, load, setFilter, setType, next, take, setReason, confirmAsk, cancelAsk } =
    useQueueStore();
  // another agent's lead is theirs; the console offers no « Traiter » on it.
  const meId = useAppStore((s) => s.info?.agent?.id ?? null);

  useEffect(() => {
    void load(client);
    const offQueue = client.on('queue:changed', () => void load(client));
    const offImported = client.on('leads:imported', () => void load(client));
    return () => {
      offQueue();
      offImported();
    };
  }, [client, load]);

  // The centre's zone and the record's style, whatever the machine's zone (formatters are cached per zone).
  const when = useCentreDateTime(language);

  return (
    <section className="queue" aria-label={t('title')}>
      <header className="queue-header">
        <h2 className="queue-title">{t('title')}</h2>
        <button
          type="button"
          id="next-lead"
          className="queue-next"
          title={t('nextHint')}
          onClick={() =>
            void next(client).then((item) => {
              if (item) onOpen(item.clientId);
            })
          }
        >
          {t('next')}
        </button>
      </header>
      {given && (
        <p className="queue-given" role="status" data-testid="queue-given" data-tag={given.tag} data-opportunity-id={given.opportunityId}>
          {t('given', { name: given.name })} · <span className={`tag tag-${given.tag}`}>{t(`tag.${given.tag}`)}</span>
        </p>
      )}
      <div className="queue-filters">
        <div role="radiogroup" aria-label={t('filter.label')} className="queue-filter">
          {FILTERS.map((f) => (
            <label key={f}>
              <input type="radio" name="queue-filter" checked={filter === f} onChange={() => void setFilter(client, f)} />
              {t(`filter.${f}`)}
            </label>
          ))}
        </div>
        <label className="queue-type">
          <span className="visually-hidden">{t('type.label')}</span>
          <select aria-label={t('type.label')} value={type ?? ''} onChange={(e) => void setType(client, (e.target.value || null) as LeadType | null)}>
            <option value="">{t('type.any')}</option>
            {LEAD_TYPES.map((lt) => (
              <option key={lt} value={lt}>
                {t(leadTypeKey(lt))}
              </option>
            ))}
          </select>
        </label>
      </div>
      {error && (
        <p className="queue-error" role="alert">
          {error}
        </p>
      )}
      <p className="queue-total muted">{status === 'loading' ? t('loading') : t('total', { count: total })}</p>
      {status === 'ready' && items.length === 0 && <p className="queue-empty">{t('empty')}</p>}
      <ol className="queue-list" aria-label={t('title')}>
        {items.map((item) => (
          <li key={item.opportunityId} className={`queue-item${item.opportunityId === headId ? ' is-head' : ''}`} data-testid="queue-item" data-opportunity-id={item.opportunityId}>
            <button type="button" className="queue-item-open" aria-label={t('open', { name: item.name })} onClick={() => onOpen(item.clientId)}>
              <span className="queue-item-name">{item.name}</span>
              <span className={`tag tag-${item.tag}`}>{t(`tag.${item.tag}`)}</span>
            </button>
            <span className="queue-item-detail">
              {[t(leadTypeKey(item.type)), item.provider, item.vehicle].filter(Boolean).join(' · ')}
            </span>
            <span className="queue-item-detail muted">
              {t('received', { when: when(item.createdAt) })} · {item.managerName ? t('manager', { name: item.managerName }) : t('unassigned')}
              {item.opportunityId === headId && <strong className="queue-head-badge"> · {t('head')}</strong>}
            </span>
            <TakeOrOwner owner={ownerOf(item, meId)} onTake={() => void take(client, item).then((x) => x && onOpen(x.clientId))} />
          </li>
        ))}
      </ol>
      {asking && (
        <ModalFrame title={t('reasonTitle')} closeLabel={t('cancel')} onClose={cancelAsk} className="queue-dialog">
          <div className="queue-dialog-body">
            <p>{t('reasonHelp')}</p>
            <p>
              <strong>{asking.name}</strong>
            </p>
            <label className="queue-dialog-reason">
              {t('reasonLabel')}
              <textarea data-autofocus value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
            {askError && (
              <p className="queue-error" role="alert" data-testid="queue-ask-error">
                {askError}
              </p>
            )}
            <div className="queue-dialog-actions">
              <button
                type="button"
                className="primary"
                disabled={reason.trim().length < MIN_REASON}
                onClick={() => void confirmAsk(client).then((x) => x && onOpen(x.clientId))}
              >
                {t('reasonConfirm')}
              </button>
              <button type="button" onClick={cancelAsk}>
                {t('cancel')}
              </button>
            </div>
          </div>
        </ModalFrame>
      )}
    </section>
  );
}

/** « Traiter » on a lead the agent may work; on another agent's, whose it is instead. */
function TakeOrOwner({ owner, onTake }: { owner: string | null; onTake(): void }) {
  const { t } = useTranslation('queue');
  if (owner !== null) {
    return (
      <span className="queue-item-owned muted" data-testid="queue-item-owned" title={t('ownedHint', { name: owner })}>
        {t('owned', { name: owner })}
      </span>
    );
  }
  return (
    <button type="button" className="queue-item-take" onClick={onTake}>
      {t('take')}
    </button>
  );
}
