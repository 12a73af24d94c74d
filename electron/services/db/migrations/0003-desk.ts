import type { Migration } from '../migrate';

/** The desktop app's shared configuration (issue 7): filled by that work before its first release. */
export const desk: Migration = {
  version: 3,
  name: 'desk',
  up: '',
};
