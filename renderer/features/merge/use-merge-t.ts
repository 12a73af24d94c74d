import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/model';

/** The `merge` namespace's `t`, in the language the record is shown in (the console's, if none). */
export function useMergeT(language?: Language) {
  const { t } = useTranslation('merge', language ? { lng: language } : undefined);
  return t;
}

/** « Éloïse Côté et Eloise Cote » / "Éloïse Côté and Eloise Cote". */
export function joinNames(names: readonly string[], language: Language): string {
  return new Intl.ListFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { type: 'conjunction' }).format(names);
}
