import type { ReactNode } from 'react';
import { primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Field, ZoneFrame, type ZoneProps } from './zone';

interface ZoneCollaboratorProps extends ZoneProps {
  /** The live ownership verdict (who owns, reserved until …), rendered by its owner. */
  verdict?: ReactNode;
}

/** Zone 6: the OPP's manager (owner), the last collaborator, and the live verdict. */
export function ZoneCollaborator({ record, language, verdict }: ZoneCollaboratorProps) {
  const t = useRecordT(language);
  const opp = primaryOpportunity(record);
  return (
    <ZoneFrame n={6} title={t('zone.collaborator')} area="collaborator">
      <dl className="rec-fields">
        <Field label={t('collaborator.manager')}>
          {opp?.managerName ?? opp?.managerId ?? <span className="rec-muted">{t('collaborator.noManager')}</span>}
        </Field>
        <Field label={t('collaborator.last')}>
          {opp?.collaboratorName ?? opp?.collaboratorId ?? (
            <span className="rec-muted">{t('collaborator.noCollaborator')}</span>
          )}
        </Field>
      </dl>
      <div className="rec-verdict" aria-live="polite">
        <h3 className="rec-subtitle">{t('collaborator.verdict')}</h3>
        {verdict ?? <p className="rec-empty">{t('collaborator.noVerdict')}</p>}
      </div>
    </ZoneFrame>
  );
}
