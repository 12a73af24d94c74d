import type { Migration } from '../migrate';

/**
 * The desktop app's shared configuration (issue 7): the dealership's branches, each with
 * its sales reps and the group address virtual-sales requests go to. Sales reps are names
 * (they are not console users), kept as a JSON array.
 */
export const desk: Migration = {
  version: 3,
  name: 'desk',
  up: `
CREATE TABLE branches (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sales_reps TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(sales_reps) AND json_type(sales_reps) = 'array'),
  virtual_sales_group TEXT,
  sort INTEGER NOT NULL DEFAULT 0,
  origin TEXT NOT NULL DEFAULT 'local',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`,
};
