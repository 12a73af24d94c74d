import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain/model';
import type { Translate } from './history';

/** The `record` namespace's `t`, fixed to the language the record is shown in. */
export function useRecordT(language: Language): Translate {
  const { t } = useTranslation('record', { lng: language });
  return t;
}
