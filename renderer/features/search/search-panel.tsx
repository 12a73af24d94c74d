import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/phone/phone';
import type { PosteClient } from '../../app/client';
import { SEARCH_LIMIT, useSearchStore, watchSearchChanges } from './store';

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
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const hitButtons = () => [...(list.current?.querySelectorAll<HTMLButtonElement>('.search-hit') ?? [])];
  /** ↓ and ↑ walk the results from the box and back to it; Escape goes back to the box. */
  const walk = (event: KeyboardEvent<HTMLUListElement>) => {
    const buttons = hitButtons();
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown') buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
    else if (event.key === 'ArrowUp') (at === 0 ? input.current : buttons[at - 1])?.focus();
    else if (event.key === 'Escape') input.current?.focus();
    else return;
    event.preventDefault();
  };
  return (
    <div className="search">
      <label className="search-label" htmlFor="search-input">
        {t('label')}
      </label>
      <input
        id="search-input"
        ref={input}
        className="search-input"
        type="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('placeholder')}
        value={query}
        onChange={(event) => void search(client, event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && hits[0]) onOpen(hits[0].clientId);
          else if (event.key === 'ArrowDown' && hits[0]) {
            event.preventDefault();
            hitButtons()[0]?.focus();
          }
        }}
      />
      <div className="search-status" role="status" aria-live="polite">
        {status === 'searching' && t('searching')}
        {status === 'ready' && hits.length === 0 && t('none', { query })}
        {status === 'ready' && hits.length >= SEARCH_LIMIT && t('more', { n: hits.length })}
        {status === 'error' && error}
      </div>
      {/* Arrow keys move the focus between the results' own buttons (listbox semantics are not claimed). */}
      <ul className="search-results" aria-label={t('results')} ref={list} onKeyDown={walk}>
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
