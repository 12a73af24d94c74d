import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../features/record/format';
import { centreTimeZone } from './centre-time';

/** As the screens format a date: the record's formatter, in the zone the settings give. */
const formatCentreDateTime = (iso: string, language: 'fr' | 'en', settings: { timeZone: string } | null) =>
  formatDateTime(iso, language, centreTimeZone(settings));

// 7 December 2026, 07:36 in UTC: 2:36 in Toronto (EST, UTC−5).
const RECEIVED = '2026-12-07T07:36:00.000Z';

describe("the console's dates are the centre's, not the machine's", () => {
  it('a lead received at 07:36 UTC reads 2 h 36 in Montréal, as the record writes it', () => {
    expect(formatCentreDateTime(RECEIVED, 'fr', { timeZone: 'America/Toronto' })).toBe('2026-12-07 2 h 36');
    expect(formatCentreDateTime(RECEIVED, 'en', { timeZone: 'America/Toronto' })).toBe('2026-12-07 02:36');
  });

  it('follows the zone set for the centre', () => {
    expect(formatCentreDateTime(RECEIVED, 'fr', { timeZone: 'America/Vancouver' })).toBe('2026-12-06 23 h 36');
    expect(formatCentreDateTime(RECEIVED, 'en', { timeZone: 'UTC' })).toBe('2026-12-07 07:36');
  });

  it('falls back to America/Toronto before the settings are loaded, or for a zone Intl does not know', () => {
    expect(centreTimeZone(null)).toBe('America/Toronto');
    expect(centreTimeZone({ timeZone: '' })).toBe('America/Toronto');
    expect(centreTimeZone({ timeZone: 'Mars/Olympus_Mons' })).toBe('America/Toronto');
    expect(formatCentreDateTime(RECEIVED, 'fr', null)).toBe('2026-12-07 2 h 36');
  });

  it('leaves what is not a date as it is', () => {
    expect(formatCentreDateTime('pas une date', 'fr', null)).toBe('pas une date');
  });
});
