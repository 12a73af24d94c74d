import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone/phone';
import type { PosteClient } from '../../app/client';
import { useSearchStore, watchSearchChanges } from './store';

interface SearchPanelProps {
  client: PosteClient;
  selectedId: string | null;
  onOpen(clientId: string): void;
}

/** The search box and its results: name, phone in any format, or e-mail. */
export function SearchPanel({ client, selectedId, onOpen }: SearchPanelProps) {
  const { t } = useTranslation('search');
  const { query, hits, status, error, search } = useSearchStore();
  useEffect(() => watchSearchChanges(client), [client]);
  return (
    <div className="search">
      <label className="search-label" htmlFor="search-input">
        {t('label')}
      </label>
      <input
        id="search-input"
        className="search-input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('placeholder')}
        value={query}
        onChange={(event) => void search(client, event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && hits[0]) onOpen(hits[0].clientId);
        }}
      />
      <div className="search-status" role="status" aria-live="polite">
        {status === 'searching' && t('searching')}
        {status === 'ready' && hits.length === 0 && t('none', { query })}
        {status === 'error' && error}
      </div>
      <ul className="search-results" aria-label={t('results')}>
        {hits.map((hit) => (
          <li key={hit.clientId}>
            <button
              type="button"
              className={`search-hit${hit.clientId === selectedId ? ' is-selected' : ''}`}
              aria-label={t('open', { name: hit.name })}
              aria-current={hit.clientId === selectedId ? 'true' : undefined}
              onClick={() => onOpen(hit.clientId)}
            >
              <span className="search-hit-name">{hit.name}</span>
              <span className={`tag tag-${hit.tag}`}>{t(`tag.${hit.tag}`)}</span>
              <span className="search-hit-detail">
                {[hit.phones[0] ? formatPhone(hit.phones[0]) : null, hit.emails[0]].filter(Boolean).join(' · ')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
