import { describe, expect, it } from 'vitest';
import { RECORD_ACTIONS, actionAvailability } from './actions';
import { makeRecord } from './record-fixture';

const ready = { registered: true, hasCallbackDevice: true, smsRouteSet: true };
const cut = { registered: false, hasCallbackDevice: false, smsRouteSet: false };

const home = { id: 'p2', e164: '+14505550123', national: '(450) 555-0123', kind: 'home' as const, smsCapable: false };
const mobile = {
  id: 'p1',
  e164: '+15145550199',
  national: '(514) 555-0199',
  kind: 'mobile' as const,
  smsCapable: false,
};

describe('actionAvailability (zone 9)', () => {
  it('Julie, registered, with a callback device and an SMS route, can do all six for Marie', () => {
    const a = actionAvailability(makeRecord(), ready);
    for (const action of RECORD_ACTIONS) expect(a[action]).toEqual({ enabled: true, reason: null });
  });

  it('keeps the six in the reference record’s order', () => {
    expect(RECORD_ACTIONS).toEqual(['call', 'blead', 'sms', 'email', 'redirect', 'result']);
  });

  it('a contact with no phone and no e-mail leaves only Rediriger and Résultat', () => {
    const a = actionAvailability(makeRecord({ phones: [], emails: [] }), ready);
    expect(a.call).toEqual({ enabled: false, reason: 'no_phone' });
    expect(a.blead).toEqual({ enabled: false, reason: 'no_phone' });
    expect(a.sms).toEqual({ enabled: false, reason: 'no_mobile' });
    expect(a.email).toEqual({ enabled: false, reason: 'no_email' });
    expect(a.redirect.enabled).toBe(true);
    expect(a.result.enabled).toBe(true);
  });

  it('Rediriger and Résultat stay active when the console has nothing set up either', () => {
    const a = actionAvailability(makeRecord({ phones: [], emails: [] }), cut);
    expect(a.redirect).toEqual({ enabled: true, reason: null });
    expect(a.result).toEqual({ enabled: true, reason: null });
  });

  it('Appeler, Appeler via BLEAD and SMS need the softphone registered', () => {
    const a = actionAvailability(makeRecord(), { ...ready, registered: false });
    expect(a.call).toEqual({ enabled: false, reason: 'not_registered' });
    // Marc's callback legs and his texts go out through the softphone's SIP account.
    expect(a.blead).toEqual({ enabled: false, reason: 'not_registered' });
    expect(a.sms).toEqual({ enabled: false, reason: 'not_registered' });
    expect(a.email.enabled).toBe(true);
  });

  it('Appeler via BLEAD needs a callback device, named before the registration', () => {
    const a = actionAvailability(makeRecord(), { ...ready, registered: false, hasCallbackDevice: false });
    expect(a.blead).toEqual({ enabled: false, reason: 'no_callback_device' });
    expect(actionAvailability(makeRecord(), { ...cut, registered: true, hasCallbackDevice: true }).blead.enabled).toBe(
      true,
    );
  });

  it('SMS without a route says so before the registration', () => {
    const a = actionAvailability(makeRecord(), { ...ready, registered: false, smsRouteSet: false });
    expect(a.sms).toEqual({ enabled: false, reason: 'no_sms_route' });
  });

  it('the contact’s missing phone is given as the reason before the console’s', () => {
    const a = actionAvailability(makeRecord({ phones: [] }), cut);
    expect(a.call.reason).toBe('no_phone');
    expect(a.blead.reason).toBe('no_phone');
    expect(a.sms.reason).toBe('no_mobile');
  });

  it('SMS needs a mobile or text-capable number and an SMS route', () => {
    expect(actionAvailability(makeRecord({ phones: [home] }), ready).sms).toEqual({
      enabled: false,
      reason: 'no_mobile',
    });
    expect(actionAvailability(makeRecord({ phones: [{ ...home, smsCapable: true }] }), ready).sms.enabled).toBe(true);
    expect(actionAvailability(makeRecord({ phones: [home, mobile] }), ready).sms.enabled).toBe(true);
    expect(actionAvailability(makeRecord({ phones: [mobile] }), { ...ready, smsRouteSet: false }).sms).toEqual({
      enabled: false,
      reason: 'no_sms_route',
    });
  });

  it('a home phone alone is enough to call', () => {
    const a = actionAvailability(makeRecord({ phones: [home] }), ready);
    expect(a.call.enabled).toBe(true);
    expect(a.blead.enabled).toBe(true);
  });

  it('Email needs an e-mail address and nothing else', () => {
    expect(actionAvailability(makeRecord({ phones: [] }), cut).email).toEqual({ enabled: true, reason: null });
    expect(actionAvailability(makeRecord({ emails: [] }), ready).email).toEqual({ enabled: false, reason: 'no_email' });
  });
});
