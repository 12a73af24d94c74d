import type { ContactRecord } from '../../../shared/ipc/dto';

/** The six buttons of zone 9, in the reference record's order (004). */
export const RECORD_ACTIONS = ['call', 'blead', 'sms', 'email', 'redirect', 'result'] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

/** Why a button is inactive; the view translates it (`actions.why.*`). */
export type ActionBlock =
  'no_phone' | 'not_registered' | 'no_callback_device' | 'no_mobile' | 'no_sms_route' | 'no_email';

/** What the console knows beyond the record that decides which actions can work. */
export interface RecordContext {
  /** The softphone is registered with the SIP server. */
  registered: boolean;
  /** The agent has a callback device for BLEAD (desk phone, mobile, other SIP device). */
  hasCallbackDevice: boolean;
  /** An SMS route (gateway) is set up. */
  smsRouteSet: boolean;
  /** The language the record is shown in. */
  language: 'fr' | 'en';
}

export interface ActionState {
  enabled: boolean;
  /** Null when enabled; otherwise the first reason it cannot work. */
  reason: ActionBlock | null;
}

export type ActionAvailability = Record<RecordAction, ActionState>;

function state(...blocks: (ActionBlock | false)[]): ActionState {
  const reason = blocks.find((b): b is ActionBlock => b !== false) ?? null;
  return { enabled: reason === null, reason };
}

/**
 * Which of the six actions can work right now (product.md, « The six actions »).
 * The contact's own lack (no phone, no e-mail) is reported before the console's
 * (not registered, no route), since it is the one the agent cannot fix by waiting.
 * BLEAD and SMS go through the softphone's own SIP account too (the callback legs are its
 * INVITEs, the text its MESSAGE), so they also need it registered: enabled without it,
 * they only failed once the agent had written the text or started the call.
 */
export function actionAvailability(
  record: Pick<ContactRecord, 'phones' | 'emails'>,
  context: Pick<RecordContext, 'registered' | 'hasCallbackDevice' | 'smsRouteSet'>,
): ActionAvailability {
  const hasPhone = record.phones.length > 0;
  const hasMobile = record.phones.some((p) => p.smsCapable || p.kind === 'mobile');
  const hasEmail = record.emails.length > 0;
  return {
    call: state(!hasPhone && 'no_phone', !context.registered && 'not_registered'),
    blead: state(
      !hasPhone && 'no_phone',
      !context.hasCallbackDevice && 'no_callback_device',
      !context.registered && 'not_registered',
    ),
    sms: state(
      !hasMobile && 'no_mobile',
      !context.smsRouteSet && 'no_sms_route',
      !context.registered && 'not_registered',
    ),
    email: state(!hasEmail && 'no_email'),
    redirect: state(),
    result: state(),
  };
}
