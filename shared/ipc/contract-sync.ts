import { z } from 'zod';
import { idSchema, isoSchema } from './dto';

/**
 * The team sync (issue 9): the connection to the centre's PostgreSQL, the cache's state
 * against it (standalone, online, offline, how many local changes wait) and the conflicts
 * the server decided against this console, each explained.
 */
export const teamConnectionSchema = z
  .object({
    host: z.string().trim().min(1).max(253),
    port: z.number().int().min(1).max(65535),
    database: z.string().trim().min(1).max(63),
    user: z.string().trim().min(1).max(63),
    /** `require`: TLS without checking the certificate's name; `verify-full`: checked; `disable`: loopback only. */
    tlsMode: z.enum(['disable', 'require', 'verify-full']),
  })
  .strict();
export type TeamConnection = z.infer<typeof teamConnectionSchema>;

const syncRowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

export const syncConflictSchema = z.object({
  id: idSchema,
  kind: z.enum(['lost_race', 'rejected']),
  table: z.string(),
  rowId: z.string(),
  clientId: z.string().nullable(),
  mine: syncRowSchema.nullable(),
  theirs: syncRowSchema.nullable(),
  winnerAgentId: z.string().nullable(),
  rule: z.string().nullable(),
  reason: z.string().nullable(),
  explanation: z.object({ fr: z.string(), en: z.string() }),
  serverSeq: z.number().int().nullable(),
  createdAt: isoSchema,
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(['standalone', 'online', 'offline']),
  pending: z.number().int(),
  lastPullAt: isoSchema.nullable(),
  lastPushAt: isoSchema.nullable(),
  connection: teamConnectionSchema.nullable(),
  /** Conflicts not yet acknowledged, newest first. */
  conflicts: z.array(syncConflictSchema),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncRequests = {
  'sync:status': { input: z.object({}).strict(), output: syncStatusSchema },
  /** Sets (or with null, removes: back to standalone) the team connection; the password goes to the keychain. */
  'sync:configure': {
    input: z.object({ connection: teamConnectionSchema.nullable(), password: z.string().max(200).optional() }).strict(),
    output: syncStatusSchema,
  },
  /** Push and pull now (the « Synchroniser » button). */
  'sync:now': { input: z.object({}).strict(), output: syncStatusSchema },
  'sync:ackConflicts': { input: z.object({ ids: z.array(idSchema).max(200) }).strict(), output: syncStatusSchema },
} as const;

export const syncEvents = {
  /** State, pending count or last pull changed. */
  'sync:changed': syncStatusSchema,
  /** The server decided against one of this console's changes. */
  'sync:conflict': syncConflictSchema,
} as const;
