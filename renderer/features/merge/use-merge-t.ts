import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/model';

/** The `merge` namespace's `t`, in the language the record is shown in (the console's, if none). */
export function useMergeT(language?: Language) {
  const { t } = useTranslation('merge', language ? { lng: language } : undefined);
  return t;
}
