import { z } from 'zod';
import { callsEvents, callsRequests } from './contract-calls';
import { deskEvents, deskRequests } from './contract-desk';
import { leadsEvents, leadsRequests } from './contract-leads';
import { syncEvents, syncRequests } from './contract-sync';
import { workEvents, workRequests } from './contract-work';
import { settingsPatchSchema, settingsSchema, sipAccountSchema } from '../domain/settings';
import {
  agentSummarySchema,
  appliedSchema,
  contactRecordSchema,
  daTaskSchema,
  idSchema,
  inboundResultSchema,
  isoSchema,
  searchHitSchema,
} from './dto';

/**
 * The one contract between the UI and the services. Every request is `area:action` with a
 * schema for its input and its output; every event from the services is listed with its
 * payload. The Electron host, the web host, the preload and the renderer's client are all
 * typed from this object, and both hosts parse every input with it.
 */
const empty = z.object({}).strict();

const coreRequests = {
  'app:info': {
    input: empty,
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'web']),
      agent: agentSummarySchema.nullable(),
      clients: z.number().int(),
    }),
  },
  'agents:list': { input: empty, output: z.array(agentSummarySchema) },
  'contacts:search': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }).strict(),
    output: z.array(searchHitSchema),
  },
  'contacts:get': {
    input: z.object({ clientId: idSchema }).strict(),
    output: contactRecordSchema,
  },
  'settings:get': {
    input: empty,
    output: z.object({ settings: settingsSchema, sipPasswordSet: z.boolean() }),
  },
  'settings:update': {
    input: z.object({ patch: settingsPatchSchema }).strict(),
    output: z.object({ settings: settingsSchema, sipPasswordSet: z.boolean() }),
  },
  'settings:setSipPassword': {
    input: z.object({ password: z.string().max(200) }).strict(),
    output: z.object({ settings: settingsSchema, sipPasswordSet: z.boolean() }),
  },
  /** The account the softphone registers with; the renderer needs the password for digest auth. */
  'softphone:account': {
    input: empty,
    output: z.object({ account: sipAccountSchema, password: z.string() }).nullable(),
  },
  /** An inbound call, chat or text: record + verdict before the agent answers (screen-pop). */
  'inbound:lookup': {
    input: z
      .object({
        number: z.string().min(1).max(64),
        channel: z.enum(['phone', 'chat', 'sms']).optional(),
        /** When the INVITE arrived (the call log's start, so a late lookup never precedes it). */
        at: isoSchema.optional(),
      })
      .strict(),
    output: inboundResultSchema,
  },
  /** The demo's simulated inbound call: the same pipeline, without audio, marked simulated. */
  'inbound:simulate': {
    input: z.object({ number: z.string().min(1).max(64).optional() }).strict(),
    output: inboundResultSchema,
  },
  /** Applies one of the verdict's actions (or `decision:<decision>`), with its activity. */
  'inbound:apply': {
    input: z.object({ callId: idSchema, action: z.string().min(1).max(600) }).strict(),
    output: appliedSchema,
  },
  /** The agent does not follow the verdict: the reason is required and logged. */
  'inbound:override': {
    input: z.object({ callId: idSchema, reason: z.string().min(3).max(500) }).strict(),
    output: appliedSchema,
  },
  /** EL-2: the e-mail the unknown caller gave; the verdict is recomputed with its matches. */
  'inbound:checkEmail': {
    input: z.object({ callId: idSchema, email: z.string().min(3).max(254) }).strict(),
    output: inboundResultSchema,
  },
  /** EL-1: a Phone-Up OPP for an unknown caller, in the receiver's name. */
  'inbound:createPhoneUp': {
    input: z
      .object({
        callId: idSchema,
        firstName: z.string().trim().min(1).max(80),
        lastName: z.string().trim().min(1).max(80),
        language: z.enum(['fr', 'en']),
        email: z.string().trim().max(254).nullable(),
        message: z.string().max(4000).nullable(),
        vehicle: z
          .object({
            year: z.number().int().min(1950).max(2100).nullable(),
            make: z.string().max(60).nullable(),
            model: z.string().max(60).nullable(),
            stock: z.string().max(30).nullable(),
          })
          .nullable(),
      })
      .strict(),
    output: contactRecordSchema,
  },
  'da:list': { input: empty, output: z.array(daTaskSchema) },
  'da:resolve': {
    input: z.object({ taskId: idSchema, resolution: z.enum(['done', 'dismissed']) }).strict(),
    output: z.object({ taskId: idSchema, state: z.enum(['done', 'dismissed']) }),
  },
} as const;

const coreEvents = {
  /** A client's record changed (an action, an import, a verdict applied). */
  'record:changed': z.object({ clientId: idSchema }),
  'settings:changed': z.object({ settings: settingsSchema }),
  /** An inbound contact to pop on screen (a simulated call from the menu, a text, a chat). */
  'inbound:contact': inboundResultSchema,
  /** The DA's list changed. */
  'da:changed': z.object({}),
} as const;

/** Every request of every area; each area keeps its fragment in its own file. */
export const requests = {
  ...coreRequests,
  ...leadsRequests,
  ...workRequests,
  ...deskRequests,
  ...callsRequests,
  ...syncRequests,
} as const;

export const events = {
  ...coreEvents,
  ...leadsEvents,
  ...workEvents,
  ...deskEvents,
  ...callsEvents,
  ...syncEvents,
} as const;

export type Channel = keyof typeof requests;
export type EventName = keyof typeof events;
export type RequestOf<C extends Channel> = z.input<(typeof requests)[C]['input']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof requests)[C]['input']>;
export type ResponseOf<C extends Channel> = z.output<(typeof requests)[C]['output']>;
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

export const CHANNELS = Object.keys(requests) as Channel[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(requests, value);
}
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}
