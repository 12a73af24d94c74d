import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { settingsSchema } from './domain/settings';
import { agentInputSchema, shiftSchema } from './ipc/contract-desk';
import { dispatch, schemaRefusal, type Handlers } from './ipc/dispatch';
import { idSchema } from './ipc/dto';
import { schemaIssueText } from './schema-texts';

/** The key and values a value refused by this schema is worded with. */
function wording(schema: z.ZodType, value: unknown) {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('the value was accepted');
  return schemaIssueText(parsed.error.issues[0]);
}

const agent = { id: 'julie', name: 'Julie', role: 'agent', extension: '201', email: null, sipUri: null, active: true };

describe('a request that does not fit its schema, worded by key', () => {
  it('the schemas’ own messages find their key', () => {
    expect(wording(agentInputSchema, { ...agent, extension: '2 0 1' })).toEqual({ key: 'input_extension', params: {} });
    expect(wording(agentInputSchema, { ...agent, email: 'julie@' })).toEqual({ key: 'input_email', params: {} });
    expect(wording(shiftSchema, { weekday: 1, startMinute: 600, endMinute: 540 })).toEqual({
      key: 'input_shift_order',
      params: {},
    });
    expect(wording(idSchema, 'a b')).toEqual({ key: 'input_id', params: {} });
    expect(wording(settingsSchema.shape.timeZone, 'Mars/Olympus')).toEqual({ key: 'input_time_zone', params: {} });
  });

  it('zod’s own checks are keyed by what they check, with their bounds', () => {
    expect(wording(agentInputSchema, { ...agent, name: '   ' })).toEqual({ key: 'input_required', params: {} });
    expect(wording(agentInputSchema, { ...agent, name: 'x'.repeat(101) })).toEqual({
      key: 'input_chars_max',
      params: { max: 100 },
    });
    expect(wording(z.string().min(3), 'ab')).toEqual({ key: 'input_chars_min', params: { min: 3 } });
    expect(
      wording(settingsSchema.shape.callbackDevices, Array(11).fill({ id: 'a', label: 'b', target: 'ccc' })),
    ).toEqual({
      key: 'input_items_max',
      params: { max: 10 },
    });
    expect(wording(settingsSchema.shape.bleadRingTimeoutS, 2)).toEqual({ key: 'input_value_min', params: { min: 5 } });
    expect(wording(settingsSchema.shape.bleadRingTimeoutS, 90)).toEqual({
      key: 'input_value_max',
      params: { max: 60 },
    });
    expect(wording(settingsSchema.shape.language, 'de')).toEqual({ key: 'input_not_a_choice', params: {} });
    expect(wording(settingsSchema.shape.language, 42)).toEqual({ key: 'input_not_a_choice', params: {} });
    expect(wording(z.object({ n: z.number() }), { n: 'x' })).toEqual({ key: 'input_invalid', params: {} });
  });

  it('a refusal carries the English message with its field, and the key for the console', () => {
    const refused = schemaRefusal(agentInputSchema.safeParse({ ...agent, extension: 'x' }).error!);
    expect(refused).toEqual({
      code: 'invalid_input',
      message: 'extension: an extension is 2 to 8 digits',
      path: 'extension',
      text: { key: 'errors:input_extension', params: {} },
    });
  });

  it('dispatch refuses a call with its key and values, before any handler runs', async () => {
    let ran = false;
    const handlers = { 'queue:take': () => (ran = true) } as unknown as Handlers;
    const result = await dispatch(handlers, 'queue:take', { opportunityId: 'o1', reason: 'x'.repeat(501) });
    expect(result).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'invalid_input',
        path: 'reason',
        text: { key: 'errors:input_chars_max', params: { max: 500 } },
      }),
    });
    expect(ran).toBe(false);
  });
});
