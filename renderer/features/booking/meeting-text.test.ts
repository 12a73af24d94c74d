import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n';
import { meetingDepositText, meetingKindText } from './meeting-text';

describe('zone 7 after Marc books Louis St-Pierre', () => {
  const fr = createI18n('fr').getFixedT('fr', 'record');
  const en = createI18n('en').getFixedT('en', 'record');

  it('the deposit method is in words: « Oui (carte de crédit BDC) », not « Oui (bdc_card) »', () => {
    expect(meetingDepositText(fr, { deposit: true, depositMethod: 'bdc_card' })).toBe('Oui (carte de crédit BDC)');
    expect(meetingDepositText(en, { deposit: true, depositMethod: 'bank_transfer' })).toBe('Yes (bank transfer)');
    expect(meetingDepositText(fr, { deposit: true, depositMethod: null })).toBe('Oui');
    expect(meetingDepositText(fr, { deposit: true, depositMethod: 'cash_in_a_bag' })).toBe('Oui');
    expect(meetingDepositText(fr, { deposit: false, depositMethod: null })).toBe('Non');
  });

  it('a virtual meeting names the device « iPhone », in both languages', () => {
    expect(meetingKindText(fr, { kind: 'virtual', virtualDevice: 'iphone' })).toBe('Virtuel (iPhone)');
    expect(meetingKindText(en, { kind: 'virtual', virtualDevice: 'android' })).toBe('Virtual (Android)');
    expect(meetingKindText(fr, { kind: 'virtual', virtualDevice: 'nokia' })).toBe('Virtuel');
    expect(meetingKindText(fr, { kind: 'stock', virtualDevice: null })).toBe('Stock');
  });
});
