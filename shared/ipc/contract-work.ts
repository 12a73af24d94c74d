import { z } from 'zod';
import { SCHEMA_TEXTS } from '../schema-texts';
import { MEETING_KINDS, OPPORTUNITY_STATUSES, TAGS } from '../domain/model';
import { DEPOSIT_METHODS, DOCUSIGN_STATES, VIRTUAL_DEVICES } from '../work/booking';
import { idSchema, isoSchema } from './dto';

/**
 * Zone 9's six actions and booking (issue 5; product.md « The six actions »). Each request
 * that completes an action writes, in one transaction, its activity (one history line),
 * the OPP marked Traitée, zone 6's collaborator and the pipeline move. The renderer calls
 * them only once the thing happened (the call placed, the MESSAGE accepted, the mail
 * program opened); the services re-check the preconditions and refuse otherwise.
 */
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, SCHEMA_TEXTS.input_e164);
const opportunityRef = idSchema.nullable().optional();
const statusMove = z.object({ from: z.enum(OPPORTUNITY_STATUSES), to: z.enum(OPPORTUNITY_STATUSES) }).nullable();

/** What an action wrote: its history line's activity and the pipeline move, if any. */
const actionDone = z.object({ activityId: idSchema, opportunityId: idSchema.nullable(), status: statusMove });

export const workRequests = {
  /** Appeler: the softphone placed the call (effects now; duration when it ends). */
  'work:callPlaced': {
    input: z.object({ clientId: idSchema, opportunityId: opportunityRef, e164, callId: idSchema.optional() }).strict(),
    output: actionDone,
  },
  /** Appeler: the call ended; the same history line gets its duration; answered → Contacté. */
  'work:callEnded': {
    input: z
      .object({ activityId: idSchema, durationS: z.number().int().min(0).max(86_400).nullable(), answered: z.boolean() })
      .strict(),
    output: actionDone,
  },
  /** Appeler via BLEAD: both legs answered and hung up (anything else writes nothing). */
  'work:bleadCompleted': {
    input: z
      .object({
        clientId: idSchema,
        opportunityId: opportunityRef,
        e164,
        deviceId: z.string().min(1).max(64),
        durationS: z.number().int().min(0).max(86_400),
      })
      .strict(),
    output: actionDone,
  },
  /** SMS: the templates with this client's placeholders filled, and the numbers a text can go to. */
  'work:smsTemplates': {
    input: z.object({ clientId: idSchema }).strict(),
    output: z.object({
      templates: z.array(
        z.object({ id: idSchema, name: z.string(), body: z.string(), filled: z.string(), missing: z.array(z.string()) }),
      ),
      numbers: z.array(z.object({ e164: z.string(), national: z.string(), kind: z.string() })),
      /** Where a text to a number goes: `sip:<E.164>@<domain>`; null when no SMS route is set. */
      smsDomain: z.string().nullable(),
    }),
  },
  /** SMS: the MESSAGE was accepted; the text joins zone 11 with its history line. */
  'work:smsSent': {
    input: z
      .object({
        clientId: idSchema,
        opportunityId: opportunityRef,
        e164,
        body: z.string().trim().min(1).max(1600),
        templateName: z.string().trim().min(1).max(80).nullable(),
      })
      .strict(),
    output: actionDone.extend({ textId: idSchema }),
  },
  /** An incoming MESSAGE: stored on the client whose number it is (unknown number: nothing stored). */
  'work:smsReceived': {
    input: z
      .object({ fromNumber: z.string().min(1).max(200), body: z.string().min(1).max(4000), at: isoSchema })
      .strict(),
    output: z.object({ clientId: idSchema.nullable(), textId: idSchema.nullable(), e164: z.string().nullable() }),
  },
  /** Email: the mail program is being opened on the returned mailto. */
  'work:emailOpened': {
    input: z.object({ clientId: idSchema, opportunityId: opportunityRef, email: z.string().min(3).max(254) }).strict(),
    output: actionDone.extend({ mailto: z.string() }),
  },
  /** Rediriger: to a colleague (becomes the collaborator) or AUTRE's free address. */
  'work:redirect': {
    input: z
      .object({
        clientId: idSchema,
        opportunityId: opportunityRef,
        recipient: z.union([
          z.object({ agentId: idSchema }).strict(),
          z.object({ email: z.string().trim().min(3).max(254) }).strict(),
        ]),
      })
      .strict(),
    output: actionDone.extend({ mailto: z.string(), recipientName: z.string() }),
  },
  /** Résultat: the configured list (the centre's defaults are put in when it is empty). */
  'work:resultChoices': {
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        id: idSchema,
        labelFr: z.string(),
        labelEn: z.string(),
        mapsToStatus: z.enum(OPPORTUNITY_STATUSES).nullable(),
        opens: z.enum(['booking', 'schedule_call']).nullable(),
      }),
    ),
  },
  /** Résultat: zone 10 and its history line; `schedule_call` choices carry the call to make (MT-4). */
  'work:result': {
    input: z
      .object({
        clientId: idSchema,
        opportunityId: opportunityRef,
        choiceId: idSchema,
        scheduledCall: z.object({ at: isoSchema, agentId: idSchema }).strict().optional(),
      })
      .strict(),
    output: actionDone.extend({ opens: z.enum(['booking', 'schedule_call']).nullable(), label: z.string() }),
  },
  /** MT-4: the calls scheduled for the agent at this console that are due (or `all` of them). */
  'work:scheduledCalls': {
    input: z.object({ includeLater: z.boolean().optional() }).strict(),
    output: z.array(
      z.object({
        activityId: idSchema,
        clientId: idSchema,
        clientName: z.string(),
        opportunityId: idSchema.nullable(),
        at: z.string(),
        due: z.boolean(),
        scheduledByName: z.string().nullable(),
      }),
    ),
  },
  /** Booking (MT-1 to MT-3): the meeting, the OPP « Rendez-vous cédulé », the confirmation mailto. */
  'work:book': {
    input: z
      .object({
        clientId: idSchema,
        opportunityId: opportunityRef,
        kind: z.enum(MEETING_KINDS),
        firstName: z.string().trim().min(1).max(80),
        stocks: z.array(z.string().trim().max(30)).max(10),
        at: isoSchema,
        branch: z.string().trim().min(1).max(80),
        language: z.enum(['fr', 'en']),
        depositMethod: z.enum(DEPOSIT_METHODS).nullable(),
        docusign: z.enum(DOCUSIGN_STATES).nullable(),
        transfer: z.boolean(),
        virtualDevice: z.enum(VIRTUAL_DEVICES).nullable(),
        salesRep: z.string().trim().max(100).nullable(),
        /** The sales rep's address, for the confirmation e-mail (MT-3). */
        salesRepEmail: z.string().trim().max(254).nullable().optional(),
        /** The branch's virtual-sales group address (DV), for a virtual meeting. */
        virtualGroupEmail: z.string().trim().max(254).nullable().optional(),
        description: z.string().trim().max(2000).nullable(),
      })
      .strict(),
    output: actionDone.extend({
      meetingId: idSchema,
      subject: z.string(),
      tag: z.enum(TAGS),
      participants: z.array(z.string()),
      /** The confirmation e-mail to the rep and the DV group; null when no address is known. */
      mailto: z.string().nullable(),
    }),
  },
  /** RDV-1: a planned meeting moved to another time keeps the agent who booked it. */
  'work:moveMeeting': {
    input: z.object({ meetingId: idSchema, at: isoSchema }).strict(),
    output: z.object({ meetingId: idSchema, activityId: idSchema, bookedBy: z.string().nullable() }),
  },
} as const;

export const workEvents = {
  /** A text arrived (stored or not): the console notifies and pops the sender. */
  'work:smsIn': z.object({ clientId: idSchema.nullable(), e164: z.string().nullable(), body: z.string(), at: z.string() }),
} as const;
