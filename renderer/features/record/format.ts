import type { Language } from '../../../shared/domain/model';

/** The centre's time zone (rules.md, « Agent state used by the rules »). */
export const CENTRE_TIME_ZONE = 'America/Toronto';

interface Parts {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}

/**
 * Intl formatters are slow to build and a 5,000-line history formats many dates, so one
 * is built per time zone and reused. The date is composed from parts rather than taken
 * from `format()` so the output does not depend on the ICU version of the host.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsOf(iso: string, timeZone: string): Parts | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts: Parts = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of formatter.formatToParts(date)) {
    if (part.type in parts) parts[part.type as keyof Parts] = part.value;
  }
  return parts;
}

/** `2026-03-10` in the centre's time zone; the input itself when it is not a date. */
export function formatDate(iso: string, timeZone: string = CENTRE_TIME_ZONE): string {
  const p = partsOf(iso, timeZone);
  return p ? `${p.year}-${p.month}-${p.day}` : iso;
}

/** `14 h 05` (Québec usage, hour without a leading zero) or `14:05`. */
export function formatTime(iso: string, language: Language, timeZone: string = CENTRE_TIME_ZONE): string {
  const p = partsOf(iso, timeZone);
  if (!p) return iso;
  return language === 'fr' ? `${Number(p.hour)} h ${p.minute}` : `${p.hour}:${p.minute}`;
}

/** `2026-03-10 14 h 05` in French, `2026-03-10 14:05` in English (centre's time zone). */
export function formatDateTime(iso: string, language: Language, timeZone: string = CENTRE_TIME_ZONE): string {
  const p = partsOf(iso, timeZone);
  if (!p) return iso;
  const time = language === 'fr' ? `${Number(p.hour)} h ${p.minute}` : `${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${time}`;
}

/** A call's duration as `mm:ss` (`03:07`), `h:mm:ss` from one hour on. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

/** The short form of a record id shown to agents (full id in the tooltip). */
export function shortId(id: string): string {
  return id.length > 8 ? id.slice(0, 8) : id;
}
