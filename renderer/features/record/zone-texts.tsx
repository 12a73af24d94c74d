import { useLayoutEffect, useMemo, useRef } from 'react';
import { formatDateTime } from './format';
import { useRecordT } from './use-record-t';
import { Empty, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

/**
 * Zone 11: the text thread, oldest first like a messaging app, opened at the latest.
 * Bodies are untrusted (the client's own words): plain text, links inert.
 */
export function ZoneTexts({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const texts = useMemo(
    () => [...record.texts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : 1)),
    [record.texts],
  );
  const threadRef = useRef<HTMLOListElement>(null);
  useLayoutEffect(() => {
    const el = threadRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [texts]);
  return (
    <ZoneFrame n={11} title={t('zone.texts')} area="texts">
      {texts.length === 0 ? (
        <Empty>{t('texts.empty')}</Empty>
      ) : (
        <ol ref={threadRef} className="rec-thread" aria-label={t('texts.thread')} tabIndex={0}>
          {texts.map((text) => (
            <li key={text.id} className={`rec-bubble rec-bubble--${text.direction}`}>
              <p className="rec-bubble-meta">
                <span>
                  {t('texts.message', {
                    direction: t(text.direction === 'out' ? 'texts.out' : 'texts.in'),
                    date: formatDateTime(text.at, language, timeZone),
                  })}
                </span>
                {text.direction === 'out' && text.agentName ? <span> · {text.agentName}</span> : null}
                {text.direction === 'out' && text.templateName ? (
                  <span className="rec-chip">{t('texts.template', { name: text.templateName })}</span>
                ) : null}
              </p>
              <p className="rec-bubble-body">{text.body}</p>
            </li>
          ))}
        </ol>
      )}
    </ZoneFrame>
  );
}
