import { z } from 'zod';
import { SCHEMA_TEXTS } from '../schema-texts';
import { LEAD_TYPES, TAGS } from '../domain/model';
import { idSchema } from './dto';

/**
 * Leads in and the day's work (issue 6): ADF/XML, .eml and CSV imports, watched folders,
 * the queue (Q-1), follow-ups (FU-1..3), merges and the analysts' hand-off (AN-1).
 *
 * Files cross the contract as base64 of their bytes (the services decode them: BOM, declared
 * encoding, strict UTF-8, Windows-1252 for CSV), capped at 24 MB each. The web host's socket
 * takes messages up to 1 MB, so there a picked file is at most ~750 KB; larger batches go
 * through a watched folder.
 */

const empty = z.object({}).strict();
const MAX_FILE_BASE64 = 32 * 1024 * 1024;
const base64Schema = z
  .string()
  .max(MAX_FILE_BASE64, SCHEMA_TEXTS.input_file_too_large)
  .regex(/^[A-Za-z0-9+/=\r\n]*$/, SCHEMA_TEXTS.input_base64);
const fileNameSchema = z.string().trim().min(1).max(255);

/**
 * A problem of an imported file: where, and what as a code of shared/domain/import-problems.ts
 * with its values (the console words it in the agent's language) and in English. The batch
 * history of older versions has no code: the English text is shown.
 */
export const importProblemSchema = z.object({
  path: z.string(),
  line: z.number().int(),
  message: z.string(),
  code: z.string().max(64).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ImportProblemDto = z.infer<typeof importProblemSchema>;

export const importReportSchema = z.object({
  fileName: z.string(),
  source: z.enum(['adf', 'eml', 'csv']),
  status: z.enum(['imported', 'failed']),
  leads: z.number().int(),
  createdClients: z.number().int(),
  joinedClients: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(importProblemSchema),
  warnings: z.array(importProblemSchema),
  /** Records one lead matched more than one of: merges to propose. */
  mergeProposals: z.array(z.array(idSchema)),
});
export type ImportReportDto = z.infer<typeof importReportSchema>;

export const CSV_FIELD_NAMES = [
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'mobilePhone',
  'homePhone',
  'workPhone',
  'language',
  'type',
  'provider',
  'providerRef',
  'createdAt',
  'vehicleYear',
  'vehicleMake',
  'vehicleModel',
  'vehicleTrim',
  'vehicleStock',
  'vehicleVin',
  'message',
  'tradeIn',
] as const;
export type CsvFieldName = (typeof CSV_FIELD_NAMES)[number];

/** CSV field → column index (0-based); unmapped fields are absent. */
export const csvMappingSchema = z
  .object(Object.fromEntries(CSV_FIELD_NAMES.map((f) => [f, z.number().int().min(0).max(999).optional()])) as Record<CsvFieldName, z.ZodOptional<z.ZodNumber>>)
  .strict();
export type CsvMappingDto = z.infer<typeof csvMappingSchema>;

const delimiterSchema = z.enum([',', ';', '\t']);

export const csvPreviewSchema = z.object({
  fileName: z.string(),
  encoding: z.enum(['utf-8', 'windows-1252']),
  delimiter: delimiterSchema,
  header: z.array(z.string()),
  rows: z.array(z.object({ line: z.number().int(), cells: z.array(z.string()) })),
  totalRows: z.number().int(),
  suggested: csvMappingSchema,
});
export type CsvPreviewDto = z.infer<typeof csvPreviewSchema>;

export const watchFolderSchema = z.object({ id: idSchema, path: z.string(), enabled: z.boolean(), lastScanAt: z.string().nullable() });
export type WatchFolderDto = z.infer<typeof watchFolderSchema>;

export const importBatchSchema = z.object({
  id: idSchema,
  source: z.enum(['adf', 'eml', 'csv']),
  via: z.enum(['picker', 'folder', 'api']),
  fileName: z.string(),
  status: z.enum(['imported', 'failed']),
  leads: z.number().int(),
  createdClients: z.number().int(),
  joinedClients: z.number().int(),
  duplicates: z.number().int(),
  /** A refused file's errors; an imported file's warnings. */
  errors: z.array(importProblemSchema),
  at: z.string(),
});
export type ImportBatchDto = z.infer<typeof importBatchSchema>;

export const queueItemSchema = z.object({
  opportunityId: idSchema,
  clientId: idSchema,
  name: z.string(),
  type: z.enum(LEAD_TYPES),
  provider: z.string().nullable(),
  tag: z.enum(TAGS),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  createdAt: z.string(),
  vehicle: z.string().nullable(),
});
export type QueueItemDto = z.infer<typeof queueItemSchema>;

export const queueFilterSchema = z.enum(['all', 'mine', 'unassigned']);
export type QueueFilter = z.infer<typeof queueFilterSchema>;

export const followUpStateSchema = z.object({
  opportunityId: idSchema,
  clientId: idSchema,
  day: z.number().int(),
  round: z.number().int(),
  roundsToday: z.number().int(),
  textSent: z.boolean(),
  daysWithoutContact: z.number().int(),
  proposeLost: z.boolean(),
  /** FU-2: `PDR J{day} R{round}` (+ ` + TEXTO`). */
  note: z.string(),
});
export type FollowUpStateDto = z.infer<typeof followUpStateSchema>;

export const followUpItemSchema = followUpStateSchema.extend({
  name: z.string(),
  tag: z.enum(TAGS),
  managerId: z.string(),
  managerName: z.string().nullable(),
  coverFor: z.boolean(),
});
export type FollowUpItemDto = z.infer<typeof followUpItemSchema>;

export const duplicateSchema = z.object({
  clientId: idSchema,
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  opportunities: z.number().int(),
  matchedOn: z.array(z.string()),
});
export type DuplicateDto = z.infer<typeof duplicateSchema>;

/** Lead files one `leads:importFiles` call carries; the console sends a bigger pick in parts. */
export const IMPORT_FILES_PER_CALL = 20;

export const leadsRequests = {
  /** ADF/XML or .eml files picked by the agent; each file is all-or-nothing. */
  'leads:importFiles': {
    input: z.object({ files: z.array(z.object({ name: fileNameSchema, base64: base64Schema }).strict()).min(1).max(IMPORT_FILES_PER_CALL) }).strict(),
    output: z.object({ reports: z.array(importReportSchema) }),
  },
  /** A CSV's header, first rows and a suggested mapping, for the mapping dialog. */
  'leads:csvPreview': {
    input: z.object({ name: fileNameSchema, base64: base64Schema, delimiter: delimiterSchema.optional() }).strict(),
    output: csvPreviewSchema,
  },
  'leads:importCsv': {
    input: z
      .object({
        name: fileNameSchema,
        base64: base64Schema,
        mapping: csvMappingSchema,
        delimiter: delimiterSchema.optional(),
        provider: z.string().trim().max(80).optional(),
      })
      .strict(),
    output: importReportSchema,
  },
  'leads:batches': {
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(importBatchSchema),
  },
  'leads:folders': { input: empty, output: z.array(watchFolderSchema) },
  'leads:addFolder': { input: z.object({ path: z.string().trim().min(1).max(1024) }).strict(), output: z.array(watchFolderSchema) },
  'leads:removeFolder': { input: z.object({ folderId: idSchema }).strict(), output: z.array(watchFolderSchema) },
  /** Imports what the watched folders hold now (the timer does the same every 30 s). */
  'leads:scanFolders': {
    input: empty,
    output: z.array(z.object({ folderId: idSchema, path: z.string(), error: z.string().nullable(), files: z.array(importReportSchema) })),
  },
  /** the queue, in order, with the agent's head. */
  'queue:list': {
    input: z
      .object({
        filter: queueFilterSchema.optional(),
        type: z.enum(LEAD_TYPES).optional(),
        limit: z.number().int().min(1).max(200).optional(),
        offset: z.number().int().min(0).max(1_000_000).optional(),
      })
      .strict(),
    output: z.object({ items: z.array(queueItemSchema), total: z.number().int(), headId: idSchema.nullable() }),
  },
  /** « Lead suivant »: hands the head to the agent at the console (null: the queue is empty). */
  'queue:next': { input: empty, output: queueItemSchema.nullable() },
  /** Taking a lead that is not the head needs a reason, which is logged. */
  'queue:take': {
    input: z.object({ opportunityId: idSchema, reason: z.string().max(500).optional() }).strict(),
    output: queueItemSchema,
  },
  /** FU-1/FU-3: today's follow-ups for the agent at the console. */
  'followups:today': {
    input: z.object({ limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(followUpItemSchema),
  },
  /** FU-2: the counters and the note the next follow-up would get. */
  'followups:preview': { input: z.object({ opportunityId: idSchema }).strict(), output: followUpStateSchema },
  /** FU-2: logs a follow-up with its composed note (`textSent`: a text went out outside Poste). */
  'followups:log': {
    input: z.object({ opportunityId: idSchema, textSent: z.boolean().optional() }).strict(),
    output: followUpStateSchema,
  },
  /** FU-1: Perdu BDC after 7 days without contact. */
  'followups:markLost': {
    input: z.object({ opportunityId: idSchema }).strict(),
    output: z.object({ opportunityId: idSchema, status: z.literal('lost_bdc') }),
  },
  /** Records sharing a phone or an e-mail with this one (merge proposals). */
  'clients:duplicates': { input: z.object({ clientId: idSchema }).strict(), output: z.array(duplicateSchema) },
  /** Merges up to two other records into `clientId` (three in all). */
  'clients:merge': {
    input: z.object({ clientId: idSchema, mergeIds: z.array(idSchema).min(1).max(2) }).strict(),
    output: z.object({ clientId: idSchema, merged: z.array(idSchema), moved: z.record(z.string(), z.number().int()) }),
  },
  /** AN-1: the analysts' hand-off mail; refused, with the missing fields, when incomplete. */
  'analysts:compose': {
    input: z.object({ clientId: idSchema, reasons: z.string().max(2000), cre: z.string().trim().max(40).optional() }).strict(),
    output: z.object({ mailto: z.string(), subject: z.string(), body: z.string(), to: z.array(z.string()) }),
  },
} as const;

export const leadsEvents = {
  /** The queue changed (import, hand-out, treatment, expiry): lists refresh. */
  'queue:changed': z.object({}),
  /** A watched folder's files were imported. */
  'leads:imported': z.object({ files: z.number().int(), failed: z.number().int() }),
} as const;
