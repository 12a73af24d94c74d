/**
 * Wall-clock questions in the centre's time zone, answered with Intl only (no library):
 * which day, which month, and the instant a local "8 h 00" falls on, daylight saving
 * included. The default zone of the centre is America/Toronto (same rules as Montréal).
 */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows this IANA time zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Parts already read, by time zone and instant (Intl's formatToParts is the slow part). */
const partsRead = new Map<string, ZonedParts>();
const PARTS_KEPT = 4096;

/** The wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  // A ring asks about the same few instants again and again (now for every agent, the
  // client's meetings and activities for every rule): answer repeats from memory.
  const key = `${timeZone}|${instant.getTime()}`;
  let parts = partsRead.get(key);
  if (parts === undefined) {
    parts = readParts(instant, timeZone);
    if (partsRead.size >= PARTS_KEPT) partsRead.clear();
    partsRead.set(key, parts);
  }
  return { ...parts };
}

function readParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

/** The offset (ms) of a time zone from UTC at an instant. */
function offsetAt(instant: Date, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows the given local time. In the
 * spring-forward gap the next valid instant is returned; in the fall-back overlap, the first.
 */
export function zonedToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): Date {
  // Shift starts and ends repeat (8 h 00 every weekday): the screen-pop asks the same
  // questions on every ring, and Intl formatting is the slow part, so answers are kept.
  const key = `${timeZone}|${year}-${month}-${day}|${hour}:${minute}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  const found = computeInstant(year, month, day, hour, minute, timeZone);
  if (instants.size > 10_000) instants.clear();
  instants.set(key, found.getTime());
  return found;
}

const instants = new Map<string, number>();

function computeInstant(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(new Date(guess), timeZone);
  const second = guess - offsetAt(new Date(first), timeZone);
  if (first === second) return new Date(first);
  // Two candidates: pick the earliest that reads back as the asked wall time, else the later.
  const candidates = [Math.min(first, second), Math.max(first, second)];
  for (const candidate of candidates) {
    const back = zonedParts(new Date(candidate), timeZone);
    if (back.hour === hour && back.minute === minute && back.day === day) return new Date(candidate);
  }
  return new Date(Math.max(first, second));
}

/** Adds whole calendar days to a local date (y, m, d), independent of time zones. */
export function addDays(year: number, month: number, day: number, days: number): { year: number; month: number; day: number } {
  const date = new Date(Date.UTC(year, month - 1, day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}
