import { useCallback } from 'react';
import type { Language } from '../../shared/domain/model';
import type { Settings } from '../../shared/domain/settings';
import { CENTRE_TIME_ZONE, formatDateTime } from '../features/record/format';
import { useAppStore } from './store';

/**
 * Every date the console shows is the centre's, whatever the machine's zone: an agent in
 * a browser set to UTC must read the same « 2026-12-07 2 h 36 » in the queue, the imports
 * and the record. The formatting itself is the record's (record/format.ts); this adds the
 * zone from the settings (rules.md, « Agent state used by the rules »).
 */
export function centreTimeZone(settings: Pick<Settings, 'timeZone'> | null | undefined): string {
  const zone = settings?.timeZone?.trim();
  if (!zone) return CENTRE_TIME_ZONE;
  // The settings validate the zone when saved; one that this Intl does not know still must
  // not break every list that shows a date.
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return zone;
  } catch {
    return CENTRE_TIME_ZONE;
  }
}

/** The centre's zone from the settings in the shell's store. */
export function useCentreTimeZone(): string {
  return useAppStore((s) => centreTimeZone(s.settings));
}

/** A date-and-time formatter in the centre's zone and the given language, stable between renders. */
export function useCentreDateTime(language: Language): (iso: string) => string {
  const timeZone = useCentreTimeZone();
  return useCallback((iso: string) => formatDateTime(iso, language, timeZone), [language, timeZone]);
}
