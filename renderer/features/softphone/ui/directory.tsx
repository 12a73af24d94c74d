import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../../../shared/ipc/dto';
import type { ColleagueStatus } from '../engine';
import { useSoftphone } from '../store';

/** The services' presence (schedule + last report) when SIP presence has said nothing yet. */
function fallbackStatus(agent: AgentSummary): ColleagueStatus {
  if (!agent.onShift) return 'offline';
  return agent.presence === 'on_call' || agent.presence === 'break' || agent.presence === 'offline' ? agent.presence : 'available';
}

/** Colleagues with live lamps: SIP presence and dialog state, else the schedule. */
export function Directory({ colleagues }: { colleagues: readonly AgentSummary[] }) {
  const { t } = useTranslation('softphone');
  const live = useSoftphone((s) => s.colleagues);
  return (
    <section className="sp-directory" aria-label={t('directory')}>
      <h3 className="sp-subtitle">{t('directory')}</h3>
      {colleagues.length === 0 ? (
        <p className="side-empty">{t('noColleagues')}</p>
      ) : (
        <ul className="sp-colleagues">
          {colleagues.map((agent) => {
            const observed = agent.sipUri ? live[agent.sipUri] : undefined;
            const status = observed && observed.status !== 'unknown' ? observed.status : fallbackStatus(agent);
            return (
              <li key={agent.id} className="sp-colleague" data-status={status}>
                <span className={`sp-lamp sp-lamp--${status}`} aria-hidden="true" />
                <span className="sp-colleague-name">{agent.name}</span>
                <span className="sp-colleague-status">{t(`lamp.${status}`)}</span>
                {agent.extension && <span className="sp-colleague-ext">{agent.extension}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
