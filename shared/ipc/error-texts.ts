import { ServiceError, type ErrorCode } from './result';

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
  followup_lost_too_early: 'FU-1: {{days}} day(s) without contact; Perdu BDC comes after {{after}}',
  merge_none: 'choose at least one other record to merge into this one',
  merge_over_limit: 'at most {{max}} records are merged at once',
  analyst_no_address: 'no analyst with an e-mail address is set up',
} as const;

export type ServiceErrorKey = keyof typeof SERVICE_ERROR_TEXTS;
export type ServiceErrorParams = Readonly<Record<string, string | number>>;

/** A refusal by its key: the English text filled in, the key and values for the console. */
export function refusal(
  code: ErrorCode,
  key: ServiceErrorKey,
  params: ServiceErrorParams = {},
  path?: string,
): ServiceError {
  const message = SERVICE_ERROR_TEXTS[key].replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
  return new ServiceError(code, message, path, { key: `errors:${key}`, params });
}
