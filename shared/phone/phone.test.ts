import { describe, expect, it } from 'vitest';
import { formatPhone, normaliseEmail, parsePhone } from './phone';

describe('phone numbers typed by an agent', () => {
  it.each([
    ['(514) 555-0199', '+15145550199'],
    ['514.555.0199', '+15145550199'],
    ['1-514-555-0199', '+15145550199'],
    ['+1 438 555 0100', '+14385550100'],
    ['  450 555 0123 ', '+14505550123'],
    ['4185550142', '+14185550142'],
  ])('reads %s as %s', (input, e164) => {
    const result = parsePhone(input);
    expect(result).toMatchObject({ ok: true, e164 });
  });

  it.each(['', 'abc', '555', '514-555-01999999999', 'javascript:alert(1)', '<script>'])(
    'refuses %j with a reason',
    (input) => {
      const result = parsePhone(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
    },
  );

  it('formats E.164 for display in the local way', () => {
    expect(formatPhone('+15145550199')).toBe('(514) 555-0199');
  });

  it('lower-cases e-mails and refuses non-addresses', () => {
    expect(normaliseEmail(' Julie.Tremblay@Example.CA ')).toBe('julie.tremblay@example.ca');
    expect(normaliseEmail('not an email')).toBeNull();
    expect(normaliseEmail('a@b')).toBeNull();
  });
});
