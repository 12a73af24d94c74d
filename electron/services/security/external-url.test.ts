import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './external-url';

describe('the open-external guard', () => {
  it.each([
    'mailto:julie.tremblay@example.ca?subject=Suite%20%C3%A0%20votre%20contact',
    'tel:+15145550199',
    'https://www.example.ca/aide',
  ])('lets %s through', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'file:///etc/passwd',
    'file://server/share',
    'data:text/html,<script>alert(1)</script>',
    'smb://attacker.example/share',
    'http://example.ca',
    'https://user:pass@example.ca/',
    'https://example.ca:8443/',
    'https://%65xample.ca/',
    'https://exаmple.ca/',
    'https://xn--exmple-cua.ca/',
    'https:\\\\evil.example',
    'vbscript:msgbox(1)',
    'poste://contact/1',
    'ms-msdt:/id PCWDiagnostic',
    'tel:+1514;phone-context=javascript:alert(1)',
    '',
    'not a url',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.ca' })).toBe(false);
  });
});
