import { describe, expect, it } from 'vitest';
import { LEAD_TYPES } from '../../../shared/domain/model';
import { createI18n } from '../../app/i18n';
import { queueLocales } from './locales';
import { leadTypeKey, ownerOf } from './model';

describe('whose lead is it (Q-1)', () => {
  it('Marc may work an unassigned lead and his own', () => {
    expect(ownerOf({ managerId: null, managerName: null }, 'marc')).toBeNull();
    expect(ownerOf({ managerId: 'marc', managerName: 'Marc Gagnon' }, 'marc')).toBeNull();
  });

  it('Nadia’s lead is hers: Marc sees her name instead of « Traiter »', () => {
    expect(ownerOf({ managerId: 'nadia', managerName: 'Nadia Lévesque' }, 'marc')).toBe('Nadia Lévesque');
    expect(ownerOf({ managerId: 'nadia', managerName: null }, 'marc')).toBe('nadia');
  });

  it('before the console knows who is at it, an assigned lead is nobody’s to take', () => {
    expect(ownerOf({ managerId: 'nadia', managerName: 'Nadia Lévesque' }, null)).toBe('Nadia Lévesque');
  });
});

describe('lead types read the same in the queue, the pop and the record', () => {
  it('the queue has no labels of its own for the types', () => {
    expect(Object.keys(queueLocales.fr.type).sort()).toEqual(['any', 'label']);
    expect(Object.keys(queueLocales.en.type).sort()).toEqual(['any', 'label']);
  });

  it.each(['fr', 'en'] as const)('in %s, every type is worded by the record’s labels', (language) => {
    const i18n = createI18n(language);
    for (const type of LEAD_TYPES) {
      const label = i18n.t(leadTypeKey(type));
      expect(label).toBe(i18n.t(`record:leadTypes.${type}`));
      expect(label).not.toContain('leadTypes');
    }
  });
});
