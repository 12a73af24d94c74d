import { z } from 'zod';
import { idSchema, isoSchema } from './dto';

/**
 * The softphone (in the renderer) reporting to the services: its calls, for the call log,
 * and the presence it publishes and observes, so the rules engine sees colleagues live.
 * An inbound call is opened by `inbound:lookup` (which returns its callId).
 */
const hangupCause = z.string().min(1).max(60);

export const callsRequests = {
  /** An outgoing call placed by the agent: a call-log row, linked to the client if known. */
  'calls:outbound': {
    input: z
      .object({
        number: z.string().min(1).max(64),
        clientId: idSchema.nullable(),
        startedAt: isoSchema,
      })
      .strict(),
    output: z.object({ callId: idSchema }),
  },
  /** What happened to a call: answered, ended (with its cause). Times only move forward. */
  'calls:update': {
    input: z
      .object({
        callId: idSchema,
        answeredAt: isoSchema.optional(),
        endedAt: isoSchema.optional(),
        hangupCause: hangupCause.optional(),
      })
      .strict(),
    output: z.object({ callId: idSchema, durationS: z.number().int().nullable() }),
  },
  /** The agent's own state, as published; and colleagues' states observed over SIP presence. */
  'presence:report': {
    input: z
      .object({
        own: z.enum(['available', 'on_call', 'break', 'offline']).optional(),
        colleagues: z
          .array(z.object({ sipUri: z.string().min(5).max(200), presence: z.enum(['available', 'on_call', 'break', 'offline']) }))
          .max(200)
          .optional(),
      })
      .strict(),
    output: z.object({ updated: z.number().int() }),
  },
} as const;

export const callsEvents = {
  /** An agent's presence changed (the directory and the verdicts follow). */
  'presence:changed': z.object({ agentId: idSchema, presence: z.enum(['available', 'on_call', 'break', 'offline']) }),
} as const;
