/**
 * The rules engine's JSON contract (rules.md, "The verdict contract"): a hand-writable
 * *scenario* goes in, a *verdict* comes out. Both are zod schemas so that fixtures, the
 * command line and the IPC layer validate exactly the same shapes.
 */
import { z } from 'zod';
import { DEPARTMENTS, FINANCING_SOURCES, LEAD_TYPES, OPPORTUNITY_STATUSES } from '../domain/model';
import { isValidTimeZone } from './time';

/** The centre's time zone when a scenario does not give one. */
export const DEFAULT_TIME_ZONE = 'America/Toronto';

/** An instant: ISO 8601 with seconds and an offset or `Z`, e.g. `2026-03-10T14:05:00-04:00`. */
const instant = z.iso.datetime({ offset: true });

const DAILY_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;

/**
 * One end of a shift. Three forms are accepted:
 * - an instant with an offset (`2026-03-10T08:00:00-04:00`);
 * - a local date-time without offset (`2026-03-08T08:00`), read in the scenario's time zone;
 * - a daily wall-clock time (`08:00`), meaning "that time on the day of `now`" in the time zone.
 */
const shiftPoint = z.union([
  instant,
  z.string().regex(LOCAL_DATE_TIME, 'expected a local date-time YYYY-MM-DDTHH:MM[:SS]'),
  z.string().regex(DAILY_TIME, 'expected a daily time HH:MM'),
]);

/** True when a shift point is the daily `HH:MM` form. */
export function isDailyTime(point: string): boolean {
  return DAILY_TIME.test(point);
}

/** A shift `{ start, end }`: start inclusive, end exclusive; a daily shift may cross midnight. */
export const scenarioShiftSchema = z
  .object({ start: shiftPoint, end: shiftPoint })
  .refine((s) => isDailyTime(s.start) === isDailyTime(s.end), {
    message: 'start and end must both be daily times (HH:MM) or both be date-times',
    path: ['end'],
  });

export const agentRoleSchema = z.enum(['agent', 'supervisor', 'trainee', 'da', 'analyst']);
export const presenceSchema = z.enum(['available', 'on_call', 'break', 'offline']);

/**
 * An agent. Give `onShift` or `shifts`; when both are present `onShift` is taken as an
 * explicit override of the shift list.
 */
export const scenarioAgentSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1).optional(),
    role: agentRoleSchema.default('agent'),
    onShift: z.boolean().optional(),
    shifts: z.array(scenarioShiftSchema).optional(),
    presence: presenceSchema,
  })
  .refine((a) => a.onShift !== undefined || a.shifts !== undefined, {
    message: 'give onShift (boolean) or shifts ([{start,end}])',
    path: ['onShift'],
  });

export const opportunityTypeSchema = z.enum(LEAD_TYPES);
export const departmentSchema = z.enum(DEPARTMENTS);
export const opportunityStatusSchema = z.enum(OPPORTUNITY_STATUSES);
export const financingSourceSchema = z.enum(FINANCING_SOURCES);

/**
 * An OPP. `handled` may be left out: the engine then derives it (the manager has an
 * activity on this OPP). `managerId` may be `null` for an OPP nobody manages yet.
 */
export const scenarioOpportunitySchema = z.object({
  id: z.string().min(1),
  type: opportunityTypeSchema,
  department: departmentSchema,
  status: opportunityStatusSchema,
  managerId: z.string().min(1).nullable().default(null),
  /** How explanations name this OPP to a person (e.g. « Lead Internet du 20 nov. »); the id otherwise. */
  label: z.object({ fr: z.string().min(1), en: z.string().min(1) }).optional(),
  handled: z.boolean().optional(),
  createdAt: instant,
  source: financingSourceSchema.optional(),
  tag: z.enum(['platinum', 'gold', 'silver', 'bronze']).optional(),
});

export const meetingStatusSchema = z.enum(['planned', 'no_show', 'showed', 'cancelled']);
export const scenarioMeetingSchema = z.object({
  id: z.string().min(1),
  opportunityId: z.string().min(1),
  bookedBy: z.string().min(1),
  at: instant,
  status: meetingStatusSchema,
  deposit: z.boolean().default(false),
});

export const activityKindSchema = z.enum([
  'call',
  'blead_call',
  'sms',
  'email',
  'redirect',
  'result',
  'follow_up',
  'note',
]);
export const scenarioActivitySchema = z.object({
  at: instant,
  agentId: z.string().min(1),
  opportunityId: z.string().min(1).optional(),
  kind: activityKindSchema,
  note: z.string().optional(),
  meetingId: z.string().min(1).optional(),
});

export const scenarioChatSchema = z.object({
  agentId: z.string().min(1),
  startedAt: instant,
});

export const scenarioTextSchema = z.object({
  at: instant,
  direction: z.enum(['in', 'out']),
  agentId: z.string().min(1).optional(),
});

/** A client record (fiche client) with everything the rules look at. */
export const scenarioClientSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  opportunities: z.array(scenarioOpportunitySchema).default([]),
  meetings: z.array(scenarioMeetingSchema).default([]),
  activities: z.array(scenarioActivitySchema).default([]),
  chats: z.array(scenarioChatSchema).default([]),
  texts: z.array(scenarioTextSchema).default([]),
});

export const channelSchema = z.enum(['phone', 'chat', 'sms']);

/** The input of {@link decide}: one inbound contact and what the local cache knows. */
export const scenarioSchema = z.object({
  now: instant,
  timeZone: z.string().refine(isValidTimeZone, { message: 'unknown IANA time zone' }).default(DEFAULT_TIME_ZONE),
  channel: channelSchema.default('phone'),
  receiverId: z.string().min(1),
  agents: z.array(scenarioAgentSchema),
  client: scenarioClientSchema.nullable(),
  emailMatches: z.array(scenarioClientSchema).default([]),
});

/** Every rule ID of the inbound-contact catalogue (rules.md). */
export const ruleIdSchema = z.enum([
  'INV-0',
  'FIN-1',
  'LOST-1',
  'NS-1',
  'NS-2',
  'NS-3',
  'PU-2',
  'PU-1a',
  'CB-4',
  'PU-1b',
  'CB-1',
  'CB-3',
  'NL-1b',
  'PU-1c',
  'CB-2',
  'NL-1a',
  'EL-1',
  'EL-2',
  'RDV-1',
  'OPEN-1',
  'CH-1',
  'CH-2',
  'CH-3',
  'SMS-3a',
  'SMS-3b',
]);

export const verdictDecisionSchema = z.enum([
  'transfer',
  'book_for_owner',
  'book_and_tag_da',
  'book_on_opportunity',
  'keep',
  'new_opportunity',
  'escalate_da',
  'reserved',
]);

/** An open file of the client other than the verdict's OPP (OPEN-1). */
export const otherOpenFileSchema = z.object({
  opportunityId: z.string(),
  department: departmentSchema,
  type: opportunityTypeSchema,
  status: opportunityStatusSchema,
  managerId: z.string().nullable(),
  createdAt: instant,
});

/** The output of {@link decide}. */
export const verdictSchema = z.object({
  decision: verdictDecisionSchema,
  transferTo: z.string().nullable(),
  owner: z.string().nullable(),
  opportunityId: z.string().nullable(),
  reservedUntil: instant.nullable(),
  actions: z.array(z.string().min(1)),
  otherOpenFiles: z.array(otherOpenFileSchema),
  rules: z.array(ruleIdSchema).min(1),
  explanation: z.object({ fr: z.string().min(1), en: z.string().min(1) }),
});

export type Scenario = z.infer<typeof scenarioSchema>;
/** What callers may write (defaults not yet applied). */
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioAgent = z.infer<typeof scenarioAgentSchema>;
export type ScenarioShift = z.infer<typeof scenarioShiftSchema>;
export type ScenarioClient = z.infer<typeof scenarioClientSchema>;
export type ScenarioOpportunity = z.infer<typeof scenarioOpportunitySchema>;
export type ScenarioMeeting = z.infer<typeof scenarioMeetingSchema>;
export type ScenarioActivity = z.infer<typeof scenarioActivitySchema>;
export type ScenarioChat = z.infer<typeof scenarioChatSchema>;
export type ScenarioText = z.infer<typeof scenarioTextSchema>;
export type Channel = z.infer<typeof channelSchema>;
export type Presence = z.infer<typeof presenceSchema>;
export type AgentRole = z.infer<typeof agentRoleSchema>;
export type OpportunityStatus = z.infer<typeof opportunityStatusSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type VerdictDecision = z.infer<typeof verdictDecisionSchema>;
export type RuleId = z.infer<typeof ruleIdSchema>;
export type OtherOpenFile = z.infer<typeof otherOpenFileSchema>;

/** All rule IDs, in catalogue order. */
export const RULE_IDS: readonly RuleId[] = ruleIdSchema.options;

/** Where a scenario failed validation: a dotted path (`agents.0.presence`) and why. */
export interface ScenarioError {
  path: string;
  message: string;
}

export type ParseScenarioResult = { ok: true; value: Scenario } | { ok: false; error: ScenarioError };

/**
 * Validates a scenario. Accepts the parsed JSON value, or a JSON string.
 * Never throws: the first problem is returned with the path of the offending field.
 */
export function parseScenario(json: unknown): ParseScenarioResult {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      return { ok: false, error: { path: '(root)', message: `invalid JSON: ${String(err)}` } };
    }
  }
  const result = scenarioSchema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return { ok: false, error: { path, message: issue?.message ?? 'invalid scenario' } };
}
