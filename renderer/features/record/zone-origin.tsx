import { formatDateTime } from './format';
import { primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Empty, Field, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

/** Zone 4: where the OPP came from: type, provider, creation time, department. */
export function ZoneOrigin({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const opp = primaryOpportunity(record);
  return (
    <ZoneFrame n={4} title={t('zone.origin')} area="origin">
      {opp === null ? (
        <Empty>{t('status.noOpportunity')}</Empty>
      ) : (
        <dl className="rec-fields">
          <Field label={t('origin.type')}>{t(`leadTypes.${opp.type}`)}</Field>
          {opp.financingSource ? (
            <Field label={t('origin.financingSource')}>{t(`financingSources.${opp.financingSource}`)}</Field>
          ) : null}
          <Field label={t('origin.provider')}>{opp.provider ?? t('origin.noProvider')}</Field>
          <Field label={t('origin.createdAt')}>{formatDateTime(opp.createdAt, language, timeZone)}</Field>
          <Field label={t('origin.department')}>{t(`departments.${opp.department}`)}</Field>
        </dl>
      )}
    </ZoneFrame>
  );
}
