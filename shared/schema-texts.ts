import type { TemplateValues } from './template';

/**
 * What a request that does not fit its schema is refused with, by key, in English; the
 * console words each key in the agent's language (the `errors` namespace). The schemas give
 * these very texts as their messages, so a refusal finds its key from the message zod hands
 * back; zod's own checks (lengths, counts, bounds, choices) are keyed by their issue's code.
 */
export const SCHEMA_TEXTS = {
  input_invalid: 'this value is not valid',
  input_required: 'this field is required',
  input_chars_min: 'at least {{min}} characters',
  input_chars_max: 'at most {{max}} characters',
  input_items_min: 'at least {{min}} items',
  input_items_max: 'at most {{max}} items',
  input_value_min: 'at least {{min}}',
  input_value_max: 'at most {{max}}',
  input_not_a_choice: 'this value is not one of the choices',
  input_sip_server: 'the SIP server must be a wss:// URL (ws:// is accepted only on 127.0.0.1)',
  input_ice_server: 'an ICE server starts with stun: or turn:',
  input_sip_uri: 'the SIP URI looks like sip:user@domain',
  input_time_zone: 'unknown time zone',
  input_outside_prefix: 'an outside-line prefix is up to 4 digits',
  input_email: 'an e-mail address looks like name@domain.ca',
  input_shift_order: 'a shift ends after it starts',
  input_extension: 'an extension is 2 to 8 digits',
  input_file_too_large: 'the file is larger than 24 MB',
  input_base64: 'the file content must be base64',
  input_e164: 'a phone number in E.164 (+15145550199)',
  input_id: 'an id is letters, digits, - and _ only',
} as const;

export type SchemaTextKey = keyof typeof SCHEMA_TEXTS;

/** The part of a zod issue its wording needs (zod 4's issues have these fields). */
export interface SchemaIssue {
  readonly code: string;
  readonly message: string;
  readonly origin?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
}

const byMessage = new Map<string, SchemaTextKey>(
  Object.entries(SCHEMA_TEXTS).map(([key, text]) => [text, key as SchemaTextKey]),
);

/** The key and values that word a schema's refusal: its own message's key, else its check's. */
export function schemaIssueText(issue: SchemaIssue | undefined): { key: SchemaTextKey; params: TemplateValues } {
  if (!issue) return { key: 'input_invalid', params: {} };
  const own = byMessage.get(issue.message);
  if (own) return { key: own, params: {} };
  const text = issue.origin === 'string';
  const many = issue.origin === 'array' || issue.origin === 'set';
  if (issue.code === 'too_small') {
    const min = Number(issue.minimum ?? 0);
    if (text) return min <= 1 ? { key: 'input_required', params: {} } : { key: 'input_chars_min', params: { min } };
    return { key: many ? 'input_items_min' : 'input_value_min', params: { min } };
  }
  if (issue.code === 'too_big') {
    const max = Number(issue.maximum ?? 0);
    return { key: text ? 'input_chars_max' : many ? 'input_items_max' : 'input_value_max', params: { max } };
  }
  if (issue.code === 'invalid_value') return { key: 'input_not_a_choice', params: {} };
  return { key: 'input_invalid', params: {} };
}
