import { z } from 'zod';
import { SCHEMA_TEXTS } from '../schema-texts';
import { AGENT_ROLES, OPPORTUNITY_STATUSES, PRESENCES } from '../domain/model';
import { idSchema } from './dto';

/**
 * The desktop app around the console (issue 7): the shared configuration screens
 * (directory, SMS templates, result choices, branches), diagnostics, and what the
 * operating system tells the console (links, menu shortcuts, sleep, microphone access).
 */
const empty = z.object({}).strict();

/** Registration as the softphone reports it, for the menu-bar status and diagnostics. */
export const REGISTRATION_STATES = ['unregistered', 'registering', 'registered', 'failed'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/** What macOS says about the microphone; `unknown` where the host cannot tell (web host). */
export const MICROPHONE_ACCESS = ['granted', 'denied', 'restricted', 'not-determined', 'unknown'] as const;
export type MicrophoneAccess = (typeof MICROPHONE_ACCESS)[number];

/** Menu shortcuts forwarded to the renderer. */
export const DESK_COMMANDS = ['search', 'nextLead', 'answer', 'hangUp', 'openSettings', 'copyDiagnostics'] as const;
export type DeskCommand = (typeof DESK_COMMANDS)[number];

export const POWER_STATES = ['suspend', 'resume', 'lock-screen', 'unlock-screen'] as const;
export type PowerState = (typeof POWER_STATES)[number];

/** A tel:/callto:/sip:/poste: link, already validated by main (parseDeepLink). */
export const deepLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dial'), value: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('record'), value: idSchema }),
]);
export type DeepLink = z.infer<typeof deepLinkSchema>;

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/, SCHEMA_TEXTS.input_email);

/** Minutes after midnight, in the centre's time zone; weekday 0 = Sunday. */
export const shiftSchema = z
  .object({
    weekday: z.number().int().min(0).max(6),
    startMinute: z.number().int().min(0).max(1439),
    endMinute: z.number().int().min(1).max(1440),
  })
  .strict()
  .refine((s) => s.endMinute > s.startMinute, { message: SCHEMA_TEXTS.input_shift_order, path: ['endMinute'] });
export type Shift = z.infer<typeof shiftSchema>;

export const directoryAgentSchema = z.object({
  id: idSchema,
  name: z.string(),
  role: z.enum(AGENT_ROLES),
  extension: z.string().nullable(),
  email: z.string().nullable(),
  sipUri: z.string().nullable(),
  active: z.boolean(),
  shifts: z.array(z.object({ weekday: z.number(), startMinute: z.number(), endMinute: z.number() })),
});
export type DirectoryAgent = z.infer<typeof directoryAgentSchema>;

export const agentInputSchema = z
  .object({
    id: idSchema,
    name: trimmed(100),
    role: z.enum(AGENT_ROLES),
    extension: z
      .string()
      .trim()
      .regex(/^[0-9*#]{2,8}$/, SCHEMA_TEXTS.input_extension)
      .nullable(),
    email: email.nullable(),
    sipUri: z
      .string()
      .trim()
      .regex(/^sips?:[^@\s]+@[^@\s]+$/, SCHEMA_TEXTS.input_sip_uri)
      .max(200)
      .nullable(),
    active: z.boolean(),
  })
  .strict();
export type AgentInput = z.infer<typeof agentInputSchema>;

export const smsTemplateSchema = z.object({ id: idSchema, name: z.string(), body: z.string(), sort: z.number() });
export type SmsTemplate = z.infer<typeof smsTemplateSchema>;
export const templateInputSchema = z
  .object({
    id: idSchema.optional(),
    name: trimmed(80),
    body: trimmed(640),
    sort: z.number().int().min(0).max(9999).optional(),
  })
  .strict();

export const resultChoiceSchema = z.object({
  id: idSchema,
  labelFr: z.string(),
  labelEn: z.string(),
  mapsToStatus: z.enum(OPPORTUNITY_STATUSES).nullable(),
  opens: z.enum(['booking', 'schedule_call']).nullable(),
  sort: z.number(),
});
export type ResultChoice = z.infer<typeof resultChoiceSchema>;
export const resultInputSchema = z
  .object({
    id: idSchema.optional(),
    labelFr: trimmed(80),
    labelEn: trimmed(80),
    mapsToStatus: z.enum(OPPORTUNITY_STATUSES).nullable(),
    opens: z.enum(['booking', 'schedule_call']).nullable(),
    sort: z.number().int().min(0).max(9999).optional(),
  })
  .strict();

export const branchSchema = z.object({
  id: idSchema,
  name: z.string(),
  salesReps: z.array(z.string()),
  virtualSalesGroup: z.string().nullable(),
});
export type Branch = z.infer<typeof branchSchema>;
export const branchInputSchema = z
  .object({
    id: idSchema.optional(),
    name: trimmed(80),
    salesReps: z.array(trimmed(100)).max(100),
    virtualSalesGroup: email.nullable(),
  })
  .strict();

const removeInput = z.object({ id: idSchema }).strict();
const removed = z.object({ id: idSchema });

export const deskRequests = {
  /** Every agent (active or not) with their weekly shifts, for the settings screen. */
  'directory:list': { input: empty, output: z.array(directoryAgentSchema) },
  /** Adds or updates an agent; agents are deactivated, never deleted (history points at them). */
  'directory:save': { input: z.object({ agent: agentInputSchema }).strict(), output: directoryAgentSchema },
  /** Replaces an agent's weekly shifts. */
  'directory:setShifts': {
    input: z.object({ agentId: idSchema, shifts: z.array(shiftSchema).max(50) }).strict(),
    output: directoryAgentSchema,
  },
  /** Agents and shifts from a CSV file, all or nothing; errors name the line. */
  'directory:importCsv': {
    input: z.object({ csv: z.string().min(1).max(1_000_000) }).strict(),
    output: z.object({ agents: z.number().int(), shifts: z.number().int() }),
  },
  'templates:list': { input: empty, output: z.array(smsTemplateSchema) },
  'templates:save': { input: z.object({ template: templateInputSchema }).strict(), output: smsTemplateSchema },
  'templates:remove': { input: removeInput, output: removed },
  'results:list': { input: empty, output: z.array(resultChoiceSchema) },
  'results:save': { input: z.object({ result: resultInputSchema }).strict(), output: resultChoiceSchema },
  'results:remove': { input: removeInput, output: removed },
  'branches:list': { input: empty, output: z.array(branchSchema) },
  'branches:save': { input: z.object({ branch: branchInputSchema }).strict(), output: branchSchema },
  'branches:remove': { input: removeInput, output: removed },
  /** Text for support: versions, OS, registration, the last log lines scrubbed. */
  'diagnostics:get': { input: empty, output: z.object({ text: z.string() }) },
  /** Missed calls and unread texts: the dock badge in Electron. */
  'desk:setBadge': {
    input: z
      .object({ missedCalls: z.number().int().min(0).max(9999), unreadTexts: z.number().int().min(0).max(9999) })
      .strict(),
    output: z.object({ count: z.number().int() }),
  },
  /** Registration and presence as the softphone knows them: the menu-bar status. */
  'desk:setStatus': {
    input: z.object({ registration: z.enum(REGISTRATION_STATES), presence: z.enum(PRESENCES) }).strict(),
    output: z.object({}),
  },
  /** Whether the OS lets Poste use the microphone (macOS asks once at start). */
  'desk:microphoneAccess': { input: empty, output: z.object({ status: z.enum(MICROPHONE_ACCESS) }) },
  /**
   * Links that arrived before the window listened (Poste started by a tel: link). The
   * renderer calls it once it listens to `desk:openLink`; later links come as events.
   */
  'desk:takeLinks': { input: empty, output: z.array(deepLinkSchema) },
} as const;

export const deskEvents = {
  /** A tel:/callto:/sip: link to dial, or a poste://contact/{id} record to open. */
  'desk:openLink': deepLinkSchema,
  /** A menu item or its shortcut (⌘K search, ⌘N next lead, ⌘⇧A answer, ⌘⇧H hang up). */
  'desk:command': z.object({ command: z.enum(DESK_COMMANDS) }),
  /** The Mac goes to sleep or wakes up: the softphone re-registers on resume. */
  'desk:power': z.object({ state: z.enum(POWER_STATES) }),
  'desk:microphoneAccess': z.object({ status: z.enum(MICROPHONE_ACCESS) }),
  /** The directory, templates, result choices or branches changed. */
  'desk:configChanged': z.object({ area: z.enum(['directory', 'templates', 'results', 'branches']) }),
} as const;
