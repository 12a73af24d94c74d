import type { Migration } from '../migrate';

/** The team sync (issue 9): filled by that work before its first release. */
export const sync: Migration = {
  version: 4,
  name: 'sync',
  up: '',
};
