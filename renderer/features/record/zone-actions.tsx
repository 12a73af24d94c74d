import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_ACTIONS, actionAvailability, type RecordAction, type RecordContext } from './actions';
import { useRecordT } from './use-record-t';
import { ZoneFrame, type ZoneProps } from './zone';

interface ZoneActionsProps extends ZoneProps {
  context: RecordContext;
  onAction?: (action: RecordAction) => void;
  /** AN-1: opens the hand-off to the analysts (not one of the six actions). */
  onAnalysts?: () => void;
}

/**
 * Zone 9 (reference record's name): the six actions. An inactive one is `disabled` and
 * says why, both as its tooltip and as its accessible description.
 */
export function ZoneActions({ record, language, context, onAction, onAnalysts }: ZoneActionsProps) {
  const t = useRecordT(language);
  const { t: tf } = useTranslation('followups', { lng: language });
  const baseId = useId();
  const availability = actionAvailability(record, context);
  return (
    <ZoneFrame n={9} title={t('zone.actions')} area="actions">
      <div className="rec-actions" role="group" aria-label={t('actions.group')}>
        {RECORD_ACTIONS.map((action) => {
          const { enabled, reason } = availability[action];
          const why = reason ? t(`actions.why.${reason}`) : null;
          const whyId = `${baseId}-${action}-why`;
          return (
            <div key={action} className="rec-action-cell">
              <button
                type="button"
                className={`rec-action rec-action--${action}`}
                disabled={!enabled}
                title={why ?? undefined}
                aria-describedby={why ? whyId : undefined}
                onClick={() => {
                  if (enabled) onAction?.(action);
                }}
              >
                {t(`actions.${action}`)}
              </button>
              {why ? (
                <span id={whyId} className="rec-action-why">
                  {why}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      {onAnalysts ? (
        <div className="rec-actions-more">
          <button type="button" className="rec-action-link" onClick={onAnalysts}>
            {tf('analysts.open')}
          </button>
        </div>
      ) : null}
    </ZoneFrame>
  );
}
