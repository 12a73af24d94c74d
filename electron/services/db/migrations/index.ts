import type { Migration } from '../migrate';
import { initial } from './0001-initial';
import { leads } from './0002-leads';
import { desk } from './0003-desk';
import { sync } from './0004-sync';
import { phoneSearch } from './0005-phone-search';
import { phoneHeads } from './0006-phone-heads';
import { followUpsFinancing } from './0007-followups-financing';
import { searchApostrophes } from './0008-search-apostrophes';

/** Every migration, in order. Add a file per change; never edit a released one. */
export const migrations: readonly Migration[] = [initial, leads, desk, sync, phoneSearch, phoneHeads, followUpsFinancing, searchApostrophes];
