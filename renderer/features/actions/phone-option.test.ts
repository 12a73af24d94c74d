import { describe, expect, it } from 'vitest';
import { createI18n } from '../../app/i18n';
import { phoneOption } from './phone-option';

describe('the phone pickers of Appeler, BLEAD and SMS', () => {
  it('name each number’s kind in the agent’s language, as zone 2 does', () => {
    const fr = createI18n('fr').getFixedT('fr', 'actions');
    const en = createI18n('en').getFixedT('en', 'actions');
    expect(phoneOption(fr, { national: '(450) 555-5440', kind: 'home' })).toBe('(450) 555-5440 (Maison)');
    expect(phoneOption(fr, { national: '(819) 555-2272', kind: 'mobile' })).toBe('(819) 555-2272 (Cellulaire)');
    expect(phoneOption(fr, { national: '(418) 555-3856', kind: 'work' })).toBe('(418) 555-3856 (Travail)');
    expect(phoneOption(en, { national: '(450) 555-5440', kind: 'home' })).toBe('(450) 555-5440 (Home)');
  });

  it('a kind it does not know is left out rather than shown raw', () => {
    const fr = createI18n('fr').getFixedT('fr', 'actions');
    expect(phoneOption(fr, { national: '(450) 555-5440', kind: 'fax' })).toBe('(450) 555-5440');
  });
});
