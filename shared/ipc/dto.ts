import { z } from 'zod';
import { SCHEMA_TEXTS } from '../schema-texts';
import {
  ACTIVITY_KINDS,
  AGENT_ROLES,
  DEPARTMENTS,
  FINANCING_SOURCES,
  LANGUAGES,
  LEAD_TYPES,
  MEETING_KINDS,
  MEETING_STATUSES,
  OPPORTUNITY_STATUSES,
  PHONE_KINDS,
  PRESENCES,
  TAGS,
} from '../domain/model';
import { verdictSchema } from '../rules/scenario';

/**
 * The shapes that cross the contract. They are plain JSON (no Date, no undefined holes)
 * so the Electron host and the web host carry them the same way.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, SCHEMA_TEXTS.input_id);
export const isoSchema = z.iso.datetime({ offset: true });

export const agentSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(AGENT_ROLES),
  extension: z.string().nullable(),
  email: z.string().nullable(),
  sipUri: z.string().nullable(),
  presence: z.enum(PRESENCES),
  onShift: z.boolean(),
});
export type AgentSummary = z.infer<typeof agentSummarySchema>;

export const phoneSchema = z.object({
  id: idSchema,
  e164: z.string(),
  national: z.string(),
  kind: z.enum(PHONE_KINDS),
  smsCapable: z.boolean(),
});

export const vehicleSchema = z.object({
  year: z.number().int().nullable(),
  make: z.string().nullable(),
  model: z.string().nullable(),
  trim: z.string().nullable(),
  stock: z.string().nullable(),
  vin: z.string().nullable(),
});

export const opportunitySchema = z.object({
  id: idSchema,
  type: z.enum(LEAD_TYPES),
  financingSource: z.enum(FINANCING_SOURCES).nullable(),
  provider: z.string().nullable(),
  department: z.enum(DEPARTMENTS),
  status: z.enum(OPPORTUNITY_STATUSES),
  tag: z.enum(TAGS),
  managerId: z.string().nullable(),
  managerName: z.string().nullable(),
  handledBy: z.string().nullable(),
  handledByName: z.string().nullable(),
  handledAt: z.string().nullable(),
  collaboratorId: z.string().nullable(),
  collaboratorName: z.string().nullable(),
  message: z.string().nullable(),
  vehicle: vehicleSchema.nullable(),
  tradeIn: z.string().nullable(),
  result: z.object({ label: z.string(), at: z.string(), byName: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type OpportunityDto = z.infer<typeof opportunitySchema>;

export const meetingSchema = z.object({
  id: idSchema,
  opportunityId: idSchema,
  subject: z.string(),
  kind: z.enum(MEETING_KINDS),
  at: z.string(),
  status: z.enum(MEETING_STATUSES),
  branch: z.string().nullable(),
  language: z.enum(LANGUAGES).nullable(),
  bookedBy: z.string().nullable(),
  bookedByName: z.string().nullable(),
  deposit: z.boolean(),
  depositMethod: z.string().nullable(),
  docusign: z.string().nullable(),
  transfer: z.boolean(),
  virtualDevice: z.string().nullable(),
  salesRep: z.string().nullable(),
});
export type MeetingDto = z.infer<typeof meetingSchema>;

export const activitySchema = z.object({
  id: idSchema,
  at: z.string(),
  kind: z.enum(ACTIVITY_KINDS),
  agentId: z.string().nullable(),
  agentName: z.string().nullable(),
  opportunityId: z.string().nullable(),
  meetingId: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});
export type ActivityDto = z.infer<typeof activitySchema>;

export const textSchema = z.object({
  id: idSchema,
  at: z.string(),
  direction: z.enum(['in', 'out']),
  agentName: z.string().nullable(),
  body: z.string(),
  templateName: z.string().nullable(),
});

export const callLogSchema = z.object({
  id: idSchema,
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string(),
  agentName: z.string().nullable(),
  startedAt: z.string(),
  answeredAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationS: z.number().int().nullable(),
  hangupCause: z.string().nullable(),
  simulated: z.boolean(),
  verdictApplied: z.string().nullable(),
});

/** The 12-zone contact record, read in one go from the cache. */
export const contactRecordSchema = z.object({
  client: z.object({
    id: idSchema,
    firstName: z.string(),
    lastName: z.string(),
    language: z.enum(LANGUAGES),
    cre: z.string().nullable(),
    tag: z.enum(TAGS),
    createdAt: z.string(),
  }),
  phones: z.array(phoneSchema),
  emails: z.array(z.object({ id: idSchema, email: z.string() })),
  /** The OPP the record is about: the latest open BDC one, else the latest. */
  primaryOpportunityId: z.string().nullable(),
  opportunities: z.array(opportunitySchema),
  meetings: z.array(meetingSchema),
  activities: z.array(activitySchema),
  texts: z.array(textSchema),
  calls: z.array(callLogSchema),
});
export type ContactRecord = z.infer<typeof contactRecordSchema>;

export const searchHitSchema = z.object({
  clientId: idSchema,
  name: z.string(),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  tag: z.enum(TAGS),
  status: z.enum(OPPORTUNITY_STATUSES).nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** One inbound contact: the caller, their record (null if unknown) and the verdict shown. */
export const inboundResultSchema = z.object({
  callId: idSchema,
  channel: z.enum(['phone', 'chat', 'sms']),
  number: z.string(),
  e164: z.string().nullable(),
  simulated: z.boolean(),
  receivedAt: z.string(),
  clientId: z.string().nullable(),
  /** How many records share the number (a household); the one with the latest file is shown. */
  candidates: z.number().int(),
  record: contactRecordSchema.nullable(),
  verdict: verdictSchema,
});
export type InboundResult = z.infer<typeof inboundResultSchema>;

export const daTaskSchema = z.object({
  id: idSchema,
  clientId: idSchema,
  clientName: z.string(),
  opportunityId: z.string().nullable(),
  meetingId: z.string().nullable(),
  kind: z.enum(['assign', 'invalidate', 'cancel_meeting', 'escalate']),
  targetAgentId: z.string().nullable(),
  targetAgentName: z.string().nullable(),
  createdByName: z.string().nullable(),
  rule: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type DaTask = z.infer<typeof daTaskSchema>;

export const appliedSchema = z.object({
  callId: idSchema,
  applied: z.string(),
  outcome: z.string(),
  clientId: z.string().nullable(),
});
