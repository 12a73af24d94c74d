import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n';
import { sipFailureOf } from '../softphone/failure';
import { sipFailureText } from './sip-failure';

describe('SIP failures in the agent’s words', () => {
  it('Marc’s softphone is not registered: SMS and BLEAD both say so in French, not in SIP.js’s English', () => {
    const i18n = createI18n('fr');
    const t = i18n.getFixedT('fr', 'actions');
    const sms = sipFailureText(t, sipFailureOf('Not connected to the server'));
    const blead = sipFailureText(t, sipFailureOf('The phone is not registered'));
    expect(sms).toBe('le téléphone logiciel n’est pas connecté au serveur');
    expect(blead).toBe(sms);
    expect(i18n.t('actions:smsFailed', { reason: sms })).toBe(
      'Le SMS n’est pas parti : le téléphone logiciel n’est pas connecté au serveur. Rien n’a été enregistré.',
    );
  });

  it('a refusal keeps its SIP code, whether the engine gave it apart or in the text', () => {
    expect(sipFailureOf('404 Not Found', 404)).toEqual({ kind: 'rejected', code: 404, detail: '404 Not Found' });
    expect(sipFailureOf('486 Busy Here')).toMatchObject({ kind: 'rejected', code: 486 });
    const t = createI18n('en').getFixedT('en', 'actions');
    expect(sipFailureText(t, sipFailureOf('404 Not Found', 404))).toBe('the server refused it (code 404)');
  });

  it('timeouts, bad numbers, a hung-up device and anything else get a sentence too', () => {
    expect(sipFailureOf('No answer from the server (timeout)').kind).toBe('timeout');
    expect(sipFailureOf('Cannot dial "abc"').kind).toBe('bad_number');
    expect(sipFailureOf('the device hung up before the contact answered').kind).toBe('device_hung_up');
    expect(sipFailureOf('no media to bridge').kind).toBe('no_media');
    expect(sipFailureOf('something odd').kind).toBe('other');
    expect(sipFailureOf(undefined)).toEqual({ kind: 'other', detail: '' });
    expect(sipFailureOf('403 Forbidden')).toMatchObject({ kind: 'rejected', code: 403 });
    expect(sipFailureOf('Registration lost').kind).toBe('lost');
    const t = createI18n('fr').getFixedT('fr', 'actions');
    for (const reason of ['timeout', 'Cannot dial x', 'hung up', 'no media', 'odd', 'Forbidden', 'Registration lost']) {
      expect(sipFailureText(t, sipFailureOf(reason))).not.toMatch(/sipFailure|[A-Z]{3,}/);
    }
  });
});
