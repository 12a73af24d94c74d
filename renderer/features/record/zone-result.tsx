import { formatDateTime } from './format';
import { primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Empty, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

/** Zone 10: the OPP's latest result, when and by whom. */
export function ZoneResult({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const result = primaryOpportunity(record)?.result ?? null;
  return (
    <ZoneFrame n={10} title={t('zone.result')} area="result">
      {result === null ? (
        <Empty>{t('result.empty')}</Empty>
      ) : (
        <div className="rec-result">
          <p className="rec-result-label">{t('result.latest', { label: result.label })}</p>
          <p className="rec-result-meta">
            {result.byName
              ? t('result.by', { name: result.byName, date: formatDateTime(result.at, language, timeZone) })
              : t('result.at', { date: formatDateTime(result.at, language, timeZone) })}
          </p>
        </div>
      )}
    </ZoneFrame>
  );
}
