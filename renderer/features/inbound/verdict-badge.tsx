import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../../shared/ipc/dto';
import type { Verdict } from '../../../shared/rules/scenario';

/** Zone 6's live verdict: who owns the client now, under which rule. */
export function VerdictBadge({ verdict, agents }: { verdict: Verdict; agents: readonly AgentSummary[] }) {
  const { t } = useTranslation('inbound');
  const nameOf = (id: string | null) => agents.find((a) => a.id === id)?.name ?? id ?? '—';
  return (
    <div className="verdict-badge">
      <strong>{t(`decision.${verdict.decision}`, { name: nameOf(verdict.transferTo ?? verdict.owner) })}</strong>
      <span className="pop-rule">{t('rule', { id: verdict.rules[0] })}</span>
      {verdict.owner && <div>{t('owner', { name: nameOf(verdict.owner) })}</div>}
    </div>
  );
}
