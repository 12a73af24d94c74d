import { z } from 'zod';
import { settingsPatchSchema, settingsSchema, sipAccountSchema } from '../domain/settings';
import { agentSummarySchema, contactRecordSchema, idSchema, searchHitSchema } from './dto';

/**
 * The one contract between the UI and the services. Every request is `area:action` with a
 * schema for its input and its output; every event from the services is listed with its
 * payload. The Electron host, the web host, the preload and the renderer's client are all
 * typed from this object, and both hosts parse every input with it.
 */
const empty = z.object({}).strict();

export const requests = {
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
} as const;

export const events = {
  /** A client's record changed (an action, an import, a verdict applied). */
  'record:changed': z.object({ clientId: idSchema }),
  'settings:changed': z.object({ settings: settingsSchema }),
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
