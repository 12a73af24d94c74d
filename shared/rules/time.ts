/**
 * Calendar helpers for the rules: every "same month", "which day" and "on shift" question is
 * answered in the scenario's IANA time zone with `Intl.DateTimeFormat`, so daylight-saving
 * changes (2026-03-08, 2026-11-01 in America/Toronto) are handled by the platform's tz data.
 * Pure: no clock is read here.
 */
import { isValidTimeZone as isKnownTimeZone, zonedParts } from '../time/zoned';

/** Wall-clock fields of an instant in a time zone (month 1–12). */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

/** True when the platform knows this IANA time zone. */
export const isValidTimeZone = isKnownTimeZone;

/** Milliseconds since the epoch of an ISO 8601 instant (validated upstream by the schema). */
export function toMs(iso: string): number {
  return Date.parse(iso);
}

/** The wall-clock reading of `ms` in `timeZone` (the shared time helpers answer it). */
export function localParts(ms: number, timeZone: string): LocalParts {
  const { year, month, day, hour, minute, second } = zonedParts(new Date(ms), timeZone);
  return { year, month, day, hour, minute, second };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DDTHH:MM:SS` wall clock of `ms` in `timeZone` (sorts like time within a day). */
export function wallClock(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** Offset of `timeZone` from UTC at `ms`, in minutes (Toronto in summer: -240). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

/** ISO 8601 with the zone's offset at that instant, e.g. `2026-03-10T14:08:00-04:00`. */
export function toLocalIso(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  return `${wallClock(ms, timeZone)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** True when `a` falls in an earlier calendar month than `b`, both read in `timeZone`. */
export function isEarlierMonth(aMs: number, bMs: number, timeZone: string): boolean {
  const a = localParts(aMs, timeZone);
  const b = localParts(bMs, timeZone);
  return a.year * 12 + a.month < b.year * 12 + b.month;
}

/** True when both instants fall on the same calendar day in `timeZone`. */
export function isSameDay(aMs: number, bMs: number, timeZone: string): boolean {
  const a = localParts(aMs, timeZone);
  const b = localParts(bMs, timeZone);
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

const OFFSET_SUFFIX = /(Z|[+-]\d{2}:\d{2})$/;
const DAILY = /^\d{2}:\d{2}$/;

/**
 * Compares a shift point with `now`: negative when the point is before now, 0 equal, positive
 * after. Instants compare in absolute time; local date-times and daily `HH:MM` compare
 * against now's wall clock in `timeZone` (which is what "8 h to 17 h" means on a DST day).
 */
function comparePoint(point: string, nowMs: number, timeZone: string): number {
  if (OFFSET_SUFFIX.test(point)) return toMs(point) - nowMs;
  const wall = wallClock(nowMs, timeZone);
  const target = DAILY.test(point) ? `${wall.slice(0, 10)}T${point}:00` : normaliseLocal(point);
  return target < wall ? -1 : target > wall ? 1 : 0;
}

function normaliseLocal(point: string): string {
  return point.length === 16 ? `${point}:00` : point;
}

/**
 * True when `now` lies in one of the shifts (start inclusive, end exclusive). A daily shift
 * whose end is not after its start crosses midnight (e.g. `22:00`–`06:00`).
 */
export function isWithinShifts(
  shifts: readonly { start: string; end: string }[],
  nowMs: number,
  timeZone: string,
): boolean {
  return shifts.some((s) => {
    const afterStart = comparePoint(s.start, nowMs, timeZone) <= 0;
    const beforeEnd = comparePoint(s.end, nowMs, timeZone) > 0;
    const overnight = DAILY.test(s.start) && DAILY.test(s.end) && s.end <= s.start;
    return overnight ? afterStart || beforeEnd : afterStart && beforeEnd;
  });
}

const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Québec French clock time: `14 h 05`. */
export function clockFr(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.hour} h ${pad(p.minute)}`;
}

/** English clock time as the record writes it (24 h, two-digit hour): `14:05`, `09:00`. */
export function clockEn(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** The local day as the record writes it: `2026-03-09`. */
export function dayOf(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/**
 * `à 14 h 05` when on the same local day as now, else `le 2026-03-09 à 17 h 00`: the record's
 * date and time (« 2026-03-09 17 h 00 ») in a sentence.
 */
export function whenFr(ms: number, nowMs: number, timeZone: string): string {
  if (isSameDay(ms, nowMs, timeZone)) return `à ${clockFr(ms, timeZone)}`;
  return `le ${dayOf(ms, timeZone)} à ${clockFr(ms, timeZone)}`;
}

/** `at 14:05` when on the same local day as now, else `on 2026-03-09 at 17:00` (the record's style). */
export function whenEn(ms: number, nowMs: number, timeZone: string): string {
  if (isSameDay(ms, nowMs, timeZone)) return `at ${clockEn(ms, timeZone)}`;
  return `on ${dayOf(ms, timeZone)} at ${clockEn(ms, timeZone)}`;
}

/** `mars 2026` / `March 2026`: the month of an instant in the time zone. */
export function monthName(ms: number, timeZone: string, lang: 'fr' | 'en'): string {
  const p = localParts(ms, timeZone);
  return `${(lang === 'fr' ? MONTHS_FR : MONTHS_EN)[p.month - 1]} ${p.year}`;
}
