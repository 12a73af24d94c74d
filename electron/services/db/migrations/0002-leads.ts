import type { Migration } from '../migrate';

/** Leads in and the day's work (issue 6): filled by that work before its first release. */
export const leads: Migration = {
  version: 2,
  name: 'leads',
  up: '',
};
