import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n';
import { newOpportunityType } from './new-opportunity-type';

describe('the OPP an unknown contact opens (EL-1), in words', () => {
  it('names the channel’s type in both languages, in the decision and the form', () => {
    const fr = createI18n('fr');
    const t = fr.getFixedT('fr', 'inbound');
    expect(['phone', 'sms', 'chat'].map((c) => newOpportunityType(t, c as 'phone' | 'sms' | 'chat'))).toEqual(['Phone-Up', 'SMS', 'Clavardage']);
    expect(t('decision.new_opportunity', { type: newOpportunityType(t, 'sms') })).toBe('Créer une OPP SMS');
    expect(t('form.title', { type: newOpportunityType(t, 'phone') })).toBe('Nouvelle OPP Phone-Up');
    const en = createI18n('en').getFixedT('en', 'inbound');
    expect(en('form.title', { type: newOpportunityType(en, 'chat') })).toBe('New Chat OPP');
  });
});
