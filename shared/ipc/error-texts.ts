import { fillTemplate, type TemplateValues } from '../template';
import { ServiceError, type ErrorCode } from './result';
import { SCHEMA_TEXTS } from '../schema-texts';

/**
 * What a service refuses, by key, in English (logs, API callers, and the console's English
 * strings); the console words a refusal from its key in the agent's language
 * (renderer/app/worded-errors.ts, the `errors` namespace). `{{name}}` is a value; a value
 * named `status` is an OPP status code, which the console words as the record does.
 */
export const SERVICE_ERROR_TEXTS = {
  client_not_found: 'no client {{id}}',
  client_not_live: 'no live client {{id}}',
  opportunity_not_found: 'no opportunity {{id}}',
  file_too_large: 'the file is larger than {{mb}} MB',
  watch_folder_not_found: 'no watched folder {{id}}',
  folder_not_absolute: 'give the full path of the folder (e.g. /Users/bdc/Leads)',
  folder_missing: 'no folder at {{path}}',
  folder_not_directory: '{{path}} is not a folder',
  folder_root: 'the root of the disk cannot be watched',
  queue_lead_gone: 'this lead is no longer in the queue (treated, closed or unknown)',
  queue_lead_owned: 'this lead is {{name}}’s (Q-1)',
  queue_reason_needed: 'Q-1: this lead is not the head of the queue; give the reason for taking it',
  followup_in_queue: 'this lead is in the queue: take it with « Lead suivant » first (Q-1)',
  followup_noshow_booker: 'FU-3: this no-show belongs to the agent who booked it, who is on shift',
  followup_manager_on_shift:
    'FU-3: the manager of this file is on shift; only an absent colleague’s clients may be followed up by others',
  followup_closed: 'this file is {{status}}: it is not followed up any more',
  lost_not_bdc: 'Perdu BDC is for the BDC’s files: this one is a financing file',
  followup_lost_too_early: 'FU-1: {{count}} day(s) without contact; Perdu BDC comes after {{after}}',
  merge_none: 'choose at least one other record to merge into this one',
  merge_over_limit: 'at most {{max}} records are merged at once',
  analyst_missing: 'AN-1: the hand-off to the analysts needs: {{fields}}',
  analyst_no_address: 'no analyst with an e-mail address is set up',
  no_console_agent: 'no agent is set for this console (settings: agentId)',
  settings_agent_unknown: 'agentId: no agent with id {{id}}',
  call_not_found: 'no call with id {{id}}',
  call_answered_before_start: 'answeredAt is before the call started',
  call_ended_before_start: 'endedAt is before the call started or was answered',
  call_already_ended: 'this call has already ended',
  call_no_verdict: 'this call has no verdict to apply',
  agent_not_found: 'no agent {{id}}',
  meeting_not_found: 'no meeting {{id}}',
  action_needs_phone_up: '{{action}} is done with the phone-up form (inbound:createPhoneUp)',
  simulate_no_client: 'the cache has no client to simulate a call from',
  verdict_other_decision: 'the verdict of this call is {{decision}}, not {{asked}}',
  verdict_not_an_action: '"{{action}}" is not an action of this call\'s verdict',
  verdict_action_unreadable: 'unreadable action "{{action}}"',
  verdict_action_done: 'this action was already applied',
  override_needs_reason: 'overriding the verdict needs a reason',
  email_invalid: '"{{value}}" is not an e-mail address',
  caller_has_record: 'this caller already has a record',
  record_not_read_back: 'the new record could not be read back',
  da_only: 'only an assistant manager (DA) can do this',
  da_task_not_found: 'no DA task {{id}}',
  da_task_closed: 'this task is already closed',
  shifts_overlap: 'two shifts overlap on the same day',
  template_not_found: 'no SMS template with id {{id}}',
  template_name_taken: 'a template is already named « {{name}} »',
  result_not_found: 'no result choice with id {{id}}',
  result_booking_status: 'a result that opens the booking dialog maps to appointment_booked or to nothing',
  branch_not_found: 'no branch with id {{id}}',
  branch_name_taken: 'a branch is already named « {{name}} »',
  opportunity_not_clients: "opportunity {{id}} is not this client's",
  opportunity_invalid: 'this opportunity is invalid (INV-0)',
  phone_not_clients: "{{value}} is not one of this client's numbers",
  phone_no_texts: '{{value}} cannot receive texts',
  placed_call_not_found: 'no placed call with id {{id}}',
  callback_device_unknown: 'this callback device is not in the settings',
  sms_no_route: 'no SMS route is set (settings: SMS domain)',
  email_not_clients: "{{value}} is not one of this client's e-mail addresses",
  colleague_not_found: 'no active colleague with id {{id}}',
  colleague_no_email: '{{name}} has no e-mail address in the directory',
  scheduled_call_required: 'this result schedules a call: date, time and agent are required',
  scheduled_call_past: 'the call to schedule is in the past',
  scheduled_call_unexpected: 'this result does not schedule a call',
  meeting_needs_stock: 'a stock number is required for this kind of meeting (MT-1)',
  meeting_needs_first_name: 'the first name is required',
  meeting_virtual_device: 'a virtual meeting records iPhone or Android (MT-3)',
  meeting_deposit_method: 'a deposit meeting needs its deposit method (MT-3)',
  meeting_in_past: 'the meeting is in the past',
  booking_no_opportunity: 'this client has no opportunity to book on',
  meeting_not_planned: 'only a planned meeting can be moved',
  meeting_new_time_past: 'the new time is in the past',
  ...SCHEMA_TEXTS,
} as const;

export type ServiceErrorKey = keyof typeof SERVICE_ERROR_TEXTS;
export type ServiceErrorParams = TemplateValues;

/** A refusal by its key: the English text filled in, the key and values for the console. */
export function refusal(
  code: ErrorCode,
  key: ServiceErrorKey,
  params: ServiceErrorParams = {},
  path?: string,
): ServiceError {
  const message = fillTemplate(SERVICE_ERROR_TEXTS[key], params);
  return new ServiceError(code, message, path, { key: `errors:${key}`, params });
}
