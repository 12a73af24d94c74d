import type { OpportunityStatus } from '../../../shared/domain/model';
import { formatDate, formatDateTime } from './format';
import { primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Empty, Field, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

export function StatusBadge({ status, label }: { status: OpportunityStatus; label: string }) {
  return <span className={`rec-status rec-status--${status}`}>{label}</span>;
}

/** Zone 3: the OPP's pipeline status, whether it is handled (traitée), its ST-1 expiry. */
export function ZoneStatus({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const opp = primaryOpportunity(record);
  return (
    <ZoneFrame n={3} title={t('zone.status')} area="status">
      {opp === null ? (
        <Empty>{t('status.noOpportunity')}</Empty>
      ) : (
        <dl className="rec-fields">
          <Field label={t('status.pipeline')}>
            <StatusBadge status={opp.status} label={t(`statuses.${opp.status}`)} />
          </Field>
          <Field label={t('status.handling')}>
            <span className={opp.handledBy ? 'rec-handled' : 'rec-not-handled'}>
              {opp.handledBy
                ? opp.handledAt
                  ? t('status.handledBy', {
                      name: opp.handledByName ?? opp.handledBy,
                      date: formatDateTime(opp.handledAt, language, timeZone),
                    })
                  : t('status.handledByNoDate', { name: opp.handledByName ?? opp.handledBy })
                : t('status.notHandled')}
            </span>
          </Field>
          <Field label={t('status.expires')}>{opp.expiresAt ? formatDate(opp.expiresAt, timeZone) : t('status.noExpiry')}</Field>
        </dl>
      )}
    </ZoneFrame>
  );
}
