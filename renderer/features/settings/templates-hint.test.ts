import { describe, expect, it } from 'vitest';
import { SMS_PLACEHOLDERS, fillTemplate, placeholderKey } from '../../../shared/work/sms-text';
import { settingsLocales } from './locales';

describe('Réglages › Modèles SMS: the variables hint', () => {
  for (const language of ['fr', 'en'] as const) {
    const hint = settingsLocales[language].templates.hint;
    const named = [...hint.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');

    it(`lists every variable the filler knows (${language})`, () => {
      expect(new Set(named.map(placeholderKey))).toEqual(new Set(SMS_PLACEHOLDERS));
    });

    it(`each variable as the hint writes it is filled (${language})`, () => {
      const values = { prenom: 'A', nom: 'B', agent: 'C', succursale: 'D', stock: 'E' };
      for (const name of named) expect(fillTemplate(`{${name}}`, values).text).not.toContain('{');
    });
  }
});
