import type { Migration } from '../migrate';
import { TAG_RANK_SQL } from './0002-leads';

/** The OPPs the day's follow-ups read (FU-1, FU-3): the BDC's and the analysts' (financing). */
export const FOLLOW_UP_WHERE_SQL =
  "department IN ('bdc','financing') AND status IN ('in_progress','response_sent','contacted')";

/**
 * FU-3 (001 §4): « Si un agent ou un analyste est absent, tout le monde peut relancer ses
 * clients. » Analysts manage the financing OPPs, which the follow-ups' index left out, so an
 * absent analyst's clients were never offered. The index now holds both departments.
 */
export const followUpsFinancing: Migration = {
  version: 7,
  name: 'followups-financing',
  up: `
DROP INDEX opportunities_followups;
CREATE INDEX opportunities_followups ON opportunities(manager_id, ${TAG_RANK_SQL}, created_at)
  WHERE ${FOLLOW_UP_WHERE_SQL};
`,
};
