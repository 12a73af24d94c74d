import { describe, expect, it } from 'vitest';
import { fr } from './locales';
import { isAllowedNavigation, isHandedOn } from './page-guards';
import {
  parseIceServers,
  validateAgent,
  validateBranch,
  validateCallbackDevice,
  validateGeneral,
  validateResult,
  validateShifts,
  validateSip,
  type FieldErrors,
} from './validate';

/** Every error key the checks produce has a French message. */
function expectKnown(errors: FieldErrors) {
  for (const { key } of Object.values(errors)) {
    const [group, name] = key.split('.');
    expect((fr as unknown as Record<string, Record<string, string>>)[group!]?.[name!], key).toBeTruthy();
  }
}

const SIP = { server: 'wss://pbx.bdc.ca/ws', uri: 'sip:julie@bdc.ca', authUser: 'julie', displayName: 'Julie', iceServers: 'stun:stun.bdc.ca:3478' };

describe('the settings screen checks each field', () => {
  it('accepts a good SIP account and refuses a plain ws:// server, a bad URI, an empty user', () => {
    expect(validateSip(SIP)).toEqual({});
    const errors = validateSip({ ...SIP, server: 'ws://pbx.bdc.ca/ws', uri: 'julie@bdc.ca', authUser: ' ' });
    expect(Object.keys(errors).sort()).toEqual(['sip.authUser', 'sip.server', 'sip.uri']);
    expectKnown(errors);
    expect(validateSip({ ...SIP, server: 'ws://127.0.0.1:8088' })).toEqual({});
  });

  it('reads ICE servers one a line and names the bad line', () => {
    expect(parseIceServers('stun:a.ca:3478\n\nturn:b.ca:3478 julie s3cret')).toEqual({
      value: [{ urls: 'stun:a.ca:3478' }, { urls: 'turn:b.ca:3478', username: 'julie', credential: 's3cret' }],
      error: null,
    });
    expect(parseIceServers('stun:a.ca\nturn:b.ca:3478').error).toEqual({ key: 'errors.iceServer', values: { line: 2 } });
    expect(parseIceServers('http://x').error?.values).toEqual({ line: 1 });
  });

  it('checks time zone, prefix, SMS domain and ring time', () => {
    const good = { language: 'fr' as const, timeZone: 'America/Toronto', outsidePrefix: '9', dialPlusOne: true, smsDomain: 'sms.bdc.ca', bleadRingTimeoutS: '18', notifyCalls: true, notifyTexts: true };
    expect(validateGeneral(good)).toEqual({});
    const errors = validateGeneral({ ...good, timeZone: 'Mars/Olympus', outsidePrefix: '99999', smsDomain: 'pas un domaine', bleadRingTimeoutS: '4' });
    expect(Object.keys(errors).sort()).toEqual(['bleadRingTimeoutS', 'dialRules.outsidePrefix', 'smsDomain', 'timeZone']);
    expectKnown(errors);
  });

  it('checks callback devices, results, branches, agents and shifts', () => {
    expect(validateCallbackDevice({ label: 'Bureau', target: 'sip:201@bdc.ca' })).toEqual({});
    expect(validateCallbackDevice({ label: 'Cell', target: '+1 514 555-0199' })).toEqual({});
    expectKnown(validateCallbackDevice({ label: '', target: 'ailleurs' }));
    expect(Object.keys(validateResult({ labelFr: 'RDV', labelEn: '', mapsToStatus: 'lost_bdc', opens: 'booking' })).sort()).toEqual(['labelEn', 'mapsToStatus']);
    expect(validateBranch({ name: 'Laval', salesReps: 'Paul\nAna', virtualSalesGroup: 'pas@courriel' })).toEqual({ virtualSalesGroup: { key: 'errors.email' } });
    expect(Object.keys(validateAgent({ id: 'x y', name: '', extension: '1', email: 'x', sipUri: 'julie' }, true)).sort()).toEqual(['email', 'extension', 'id', 'name', 'sipUri']);
    expect(validateShifts([{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 1, start: '11:00', end: '13:00' }])).toEqual({ shifts: { key: 'errors.overlap' } });
    expect(validateShifts([{ weekday: 1, start: '12:00', end: '08:00' }])).toEqual({ shifts: { key: 'errors.shift', values: { line: 1 } } });
    expect(validateShifts([{ weekday: 1, start: '08:00', end: '24:00' }])).toEqual({});
  });
});

describe('the page guards (the decisions; Chromium proves the wiring in test/e2e/security.e2e.ts)', () => {
  const origin = 'http://127.0.0.1:4000';
  it('hands mailto: and tel: on, nothing else', () => {
    expect(isHandedOn('mailto:julie@bdc.ca?subject=Suivi', origin)).toBe(true);
    expect(isHandedOn('tel:+15145550199', origin)).toBe(true);
    for (const url of ['https://evil.example', '/elsewhere', 'javascript:alert(1)', 'mailto:a@b.ca%0ABcc:x@y.ca', 'file:///etc/passwd']) {
      expect(isHandedOn(url, origin)).toBe(false);
    }
  });

  it('lets the page stay on its origin only', () => {
    expect(isAllowedNavigation('/?token=x#record', origin)).toBe(true);
    expect(isAllowedNavigation('mailto:julie@bdc.ca', origin)).toBe(true);
    for (const url of ['https://evil.example/', 'http://127.0.0.1:4001/', 'javascript:alert(1)', 'data:text/html,x', 'http://localhost:4000/']) {
      expect(isAllowedNavigation(url, origin)).toBe(false);
    }
  });
});
