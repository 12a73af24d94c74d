import { primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Empty, Field, ZoneFrame, type ZoneProps } from './zone';

/**
 * Zone 5: the client's request. The message comes from a web form or an e-mail and is
 * untrusted: it is only ever a React text node (escaped), kept as typed (`pre-wrap`),
 * and an address in it is not turned into a link.
 */
export function ZoneRequest({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const opp = primaryOpportunity(record);
  const vehicle = opp?.vehicle ?? null;
  const title = vehicle
    ? [vehicle.year, vehicle.make, vehicle.model, vehicle.trim].filter((v) => v !== null && v !== '').join(' ')
    : '';
  return (
    <ZoneFrame n={5} title={t('zone.request')} area="request">
      <h3 className="rec-subtitle">{t('request.message')}</h3>
      {opp?.message ? <p className="rec-message">{opp.message}</p> : <Empty>{t('request.noMessage')}</Empty>}
      <dl className="rec-fields rec-fields--inline">
        <Field label={t('request.vehicle')}>
          {vehicle && (title || vehicle.stock || vehicle.vin) ? (
            <span className="rec-vehicle">
              {title ? <span className="rec-vehicle-title">{title}</span> : null}
              {vehicle.stock ? (
                <span className="rec-vehicle-meta">
                  {t('request.stock')} <span className="rec-mono">{vehicle.stock}</span>
                </span>
              ) : null}
              {vehicle.vin ? (
                <span className="rec-vehicle-meta">
                  {t('request.vin')} <span className="rec-mono">{vehicle.vin}</span>
                </span>
              ) : null}
            </span>
          ) : (
            <span className="rec-muted">{t('request.noVehicle')}</span>
          )}
        </Field>
        <Field label={t('request.tradeIn')}>
          {opp?.tradeIn ? (
            <span className="rec-plain">{opp.tradeIn}</span>
          ) : (
            <span className="rec-muted">{t('request.noTradeIn')}</span>
          )}
        </Field>
      </dl>
    </ZoneFrame>
  );
}
