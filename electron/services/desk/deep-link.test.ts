import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepLinkSchema } from '../../../shared/ipc/contract-desk';
import { deepLinkFromArgv, parseDeepLink } from './deep-link';

describe('links from other programs', () => {
  it.each([
    ['tel:+15145550199', { kind: 'dial', value: '+15145550199' }],
    ['tel:+1-514-555-0199', { kind: 'dial', value: '+15145550199' }],
    ['tel:(514)%20555-0199', { kind: 'dial', value: '5145550199' }],
    ['TEL:514.555.0199', { kind: 'dial', value: '5145550199' }],
    ['callto:+15145550199', { kind: 'dial', value: '+15145550199' }],
    ['callto://+15145550199/', { kind: 'dial', value: '+15145550199' }],
    ['sip:julie@pbx.example.ca', { kind: 'dial', value: 'sip:julie@pbx.example.ca' }],
    ['sip:+15145550199@PBX.example.ca:5061', { kind: 'dial', value: 'sip:+15145550199@pbx.example.ca:5061' }],
    ['sips:julie@pbx.example.ca', { kind: 'dial', value: 'sips:julie@pbx.example.ca' }],
    ['poste://contact/c-123_abc', { kind: 'record', value: 'c-123_abc' }],
    ['poste://contact/c-123/', { kind: 'record', value: 'c-123' }],
  ])('a click on %s opens Poste with %j', (url, expected) => {
    expect(parseDeepLink(url)).toEqual(expected);
    expect(deepLinkSchema.safeParse(expected).success).toBe(true);
  });

  it.each([
    'tel:*72+15145550199', // call forwarding activation: a link must never set it up
    'tel:#31#5145550199',
    'tel:+1514;phone-context=example.com',
    'tel:5145550199?body=hello',
    'tel:12',
    'tel:+1234567890123456',
    'tel:%zz',
    'tel:javascript:alert(1)',
    'tel: 5145550199',
    'tel:514\n5550199',
    'callto:julie.skype',
    'sip:julie:secret@pbx.example.ca',
    'sip:julie@pbx.example.ca;transport=tcp',
    'sip:julie@pbx.example.ca?Subject=x',
    'sip:julie@',
    'sip:@pbx.example.ca',
    'sip:julie@pbx..example.ca',
    'sip:julie@pbx.example.ca:99999',
    'sip:<script>@x.ca',
    'poste://contact/',
    'poste://contact/../../etc/passwd',
    "poste://contact/x' OR 1=1",
    'poste://contact/a?b=c',
    'poste://contact/a#b',
    'poste://evil.example/contact/a',
    'poste://contact/a/b',
    'poste:contact/a',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://example.ca',
    'smb://attacker/share',
    'data:text/html,x',
    `tel:+1${'5'.repeat(600)}`,
    '',
    'tel',
  ])('refuses %j', (url) => {
    expect(parseDeepLink(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, {}, ['tel:+15145550199']]) expect(parseDeepLink(value)).toBeNull();
  });

  it('whatever the input, the answer is null or a link the contract accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('tel:', 'sip:', 'callto:', 'poste://contact/').chain((p) => fc.string().map((s) => p + s))), (raw) => {
        const link = parseDeepLink(raw);
        if (link) expect(deepLinkSchema.safeParse(link).success).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the link in a second instance’s command line and ignores switches', () => {
    expect(deepLinkFromArgv(['--inspect', '/Applications/Poste.app', 'tel:+15145550199'])).toEqual({ kind: 'dial', value: '+15145550199' });
    expect(deepLinkFromArgv(['--url=tel:+15145550199', '.'])).toBeNull();
  });
});
