import { useEffect, useMemo, useRef, useState } from 'react';
import type { Language } from '../../../shared/domain/model';
import type { ActivityDto } from '../../../shared/ipc/dto';
import { formatDateTime } from './format';
import { agentNamesOf, historyText, type HistoryOptions, type Translate } from './history';
import { useCentreTimeZone } from '../../app/centre-time';
import { useAppStore } from '../../app/store';
import { historyNewestFirst } from './model';
import { useRecordT } from './use-record-t';
import { visibleRange } from './windowing';
import { Empty, ZoneFrame, type ZoneProps } from './zone';

/** Must match `.rec-history-row` in record.css. */
export const HISTORY_ROW_HEIGHT = 28;
const MAX_VIEWPORT = HISTORY_ROW_HEIGHT * 14;
const OVERSCAN = 8;

interface HistoryListProps {
  items: readonly ActivityDto[];
  t: Translate;
  language: Language;
  options: HistoryOptions;
}

/**
 * The timeline, windowed: a record can carry thousands of activities, so only the rows
 * in view (plus an overscan) are in the DOM, absolutely placed in a full-height list.
 */
function HistoryList({ items, t, language, options }: HistoryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(MAX_VIEWPORT);

  // The viewport is measured by a ResizeObserver, whose first report comes after the
  // frame's layout: reading clientHeight here, during the commit, would force a layout of
  // the whole page in the middle of rendering a screen-pop. Until then the list assumes
  // its largest height (MAX_VIEWPORT), which renders enough rows to fill it.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const range = visibleRange(scrollTop, viewport, HISTORY_ROW_HEIGHT, items.length, OVERSCAN);
  const rows = [];
  for (let index = range.start; index < range.end; index++) {
    const activity = items[index];
    if (!activity) continue;
    const when = formatDateTime(activity.at, language, options.timeZone);
    const what = historyText(activity, t, language, options);
    rows.push(
      <div
        key={activity.id}
        role="listitem"
        aria-posinset={index + 1}
        aria-setsize={items.length}
        className={`rec-history-row rec-history-row--${activity.kind}`}
        style={{ top: index * HISTORY_ROW_HEIGHT }}
        title={`${when} — ${what}`}
      >
        <time className="rec-history-when" dateTime={activity.at}>
          {when}
        </time>
        <span className="rec-history-sep"> — </span>
        <span className="rec-history-what">{what}</span>
      </div>,
    );
  }

  return (
    <div
      ref={scrollRef}
      className="rec-history-scroll"
      style={{ height: Math.min(range.totalHeight, MAX_VIEWPORT) }}
      tabIndex={0}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div
        role="list"
        aria-label={t('history.list', { count: items.length })}
        className="rec-history-list"
        style={{ height: range.totalHeight }}
      >
        {rows}
      </div>
    </div>
  );
}

/** Zone 8: every activity, newest first, one line each (history.ts). */
export function ZoneHistory({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const items = useMemo(() => historyNewestFirst(record.activities), [record.activities]);
  const timeZone = useCentreTimeZone();
  const agents = useAppStore((s) => s.agents);
  const options = useMemo<HistoryOptions>(() => {
    const subjects = new Map(record.meetings.map((m) => [m.id, m.subject]));
    // An id in an activity's data (Q-1's `to`) as a name: the console's directory, else
    // the names the record itself carries.
    const directory = new Map(agents.map((a) => [a.id, a.name]));
    const known = agentNamesOf(record);
    return { meetingSubject: (id) => subjects.get(id) ?? null, agentName: (id) => directory.get(id) ?? known(id), timeZone };
  }, [record, agents, timeZone]);
  return (
    <ZoneFrame
      n={8}
      title={t('zone.history')}
      area="history"
      aside={items.length > 0 ? <span className="rec-count">{t('history.count', { count: items.length })}</span> : null}
    >
      {items.length === 0 ? (
        <Empty>{t('history.empty')}</Empty>
      ) : (
        <HistoryList items={items} t={t} language={language} options={options} />
      )}
    </ZoneFrame>
  );
}
