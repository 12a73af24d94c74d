import type { Migration } from '../migrate';
import { initial } from './0001-initial';

/** Every migration, in order. Add a file per change; never edit a released one. */
export const migrations: readonly Migration[] = [initial];
