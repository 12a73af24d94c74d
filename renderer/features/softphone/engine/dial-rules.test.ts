import { describe, it, expect } from 'vitest';
import { applyDialRules } from './dial-rules';

const domain = 'poste.test';

describe('dial rules', () => {
  it('dials a Montréal number typed any usual way as +1 E.164', () => {
    for (const typed of [
      '514-555-1234',
      '(514) 555 1234',
      '1 514 555 1234',
      '+1 514.555.1234',
      'tel:+1-514-555-1234',
    ]) {
      expect(applyDialRules(typed, { domain })).toEqual({
        ok: true,
        dialed: '+15145551234',
        uri: 'sip:+15145551234@poste.test',
        kind: 'national',
      });
    }
  });

  it('adds the outside-line prefix and the trunk format', () => {
    expect(applyDialRules('514 555 1234', { domain, outsideLinePrefix: '9', nationalFormat: '11' })).toMatchObject({
      dialed: '915145551234',
    });
    expect(applyDialRules('+1 514 555 1234', { domain, outsideLinePrefix: '9', nationalFormat: '10' })).toMatchObject({
      dialed: '95145551234',
    });
  });

  it('keeps extensions internal, without prefix', () => {
    expect(applyDialRules('2041', { domain, outsideLinePrefix: '9' })).toEqual({
      ok: true,
      dialed: '2041',
      uri: 'sip:2041@poste.test',
      kind: 'extension',
    });
  });

  it('sends 911 through the outside line', () => {
    expect(applyDialRules('911', { domain, outsideLinePrefix: '9' })).toMatchObject({
      dialed: '9911',
      kind: 'service',
    });
  });

  it('handles international numbers', () => {
    expect(applyDialRules('+33 1 42 68 53 00', { domain })).toMatchObject({
      dialed: '+33142685300',
      kind: 'international',
    });
    expect(applyDialRules('+33 1 42 68 53 00', { domain, nationalFormat: '10', outsideLinePrefix: '9' })).toMatchObject(
      { dialed: '901133142685300' },
    );
    expect(applyDialRules('011 33 1 42 68 53 00', { domain })).toMatchObject({ dialed: '+33142685300' });
  });

  it('maps vanity letters to keypad digits', () => {
    expect(applyDialRules('1-800-FLOWERS', { domain, nationalFormat: '11' })).toMatchObject({ dialed: '18003569377' });
  });

  it('passes SIP URIs through and completes user@host', () => {
    expect(applyDialRules('sip:colleague@poste.test', { domain })).toMatchObject({
      uri: 'sip:colleague@poste.test',
      kind: 'uri',
    });
    expect(applyDialRules('julie@poste.test', { domain })).toMatchObject({ uri: 'sip:julie@poste.test' });
    expect(applyDialRules('sip:broken', { domain })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('escapes # in the user part', () => {
    expect(applyDialRules('*72#', { domain })).toMatchObject({ uri: 'sip:*72%23@poste.test' });
  });

  it('refuses what cannot be dialled', () => {
    expect(applyDialRules('   ', { domain })).toEqual({ ok: false, reason: 'empty' });
    expect(applyDialRules('514555123', { domain, maxExtensionLength: 4 })).toEqual({ ok: false, reason: 'invalid' });
    expect(applyDialRules('123-555-1234', { domain })).toEqual({ ok: false, reason: 'invalid' });
    expect(applyDialRules('hello!', { domain })).toEqual({ ok: false, reason: 'invalid' });
  });
});
