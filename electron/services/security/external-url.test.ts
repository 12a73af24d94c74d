import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from './external-url';

describe('the open-external guard', () => {
  it.each([
    'mailto:julie.tremblay@example.ca?subject=Suite%20%C3%A0%20votre%20contact',
    'tel:+15145550199',
    'tel:+1%20(514)%20555-0199;ext=22',
    'https://www.example.ca/aide',
    'HTTPS://WWW.EXAMPLE.CA/aide',
    'https://www.example.ca:443/aide?x=1#haut',
    'mailto:julie@example.ca?cc=marc@example.ca&bcc=da@example.ca&body=Lien%20poste%3A%2F%2Fcontact%2F1',
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
    // mail programs that honour attach= send a local file
    'mailto:julie@example.ca?attach=/etc/passwd',
    'mailto:julie@example.ca?subject=x&attachment=~/.ssh/id_rsa',
    'mailto:?to=julie@example.ca&Attach=C:%5Cfile',
    // header injection through an encoded new line
    'mailto:julie@example.ca%0Abcc:spy@evil.example',
    'mailto:julie@example.ca?subject=a%0D%0ABcc:spy@evil.example',
    'tel:+15145550199%00',
    // look-alike and disguised hosts
    'https://0x7f.1/',
    'https://2130706433/',
    'https://127.0.0.1/',
    'https://[::1]/',
    'https://example.ca@evil.example/',
    'https://exa\u200bmple.ca/',
    'https://example.ca/\u202egpj.exe',
    'https://\uff45xample.ca/',
    'ｈｔｔｐｓ://example.ca',
    'https:example.ca',
    'https:/example.ca',
    'https://example.ca%2F@evil.example/',
    'https://%',
    // other schemes, cased and encoded
    'FILE:///etc/passwd',
    'jav&#x61;script:alert(1)',
    '%6Aavascript:alert(1)',
    'blob:https://example.ca/uuid',
    'ftp://example.ca/',
    'ws://example.ca/',
    'chrome://settings',
    'x-apple.systempreferences:com.apple.preference.security',
    'itms-services://?action=download-manifest&url=https://evil.example/a.plist',
    'app://poste/index.html',
    'sip:julie@example.ca',
    'callto:+15145550199',
    'tel:*72+15145550199',
    'tel:#31#',
    'https://' + 'a'.repeat(9000) + '.ca/',
  ])('refuses %j', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isSafeExternalUrl(undefined)).toBe(false);
    expect(isSafeExternalUrl({ href: 'https://example.ca' })).toBe(false);
  });
});
