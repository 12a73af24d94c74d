import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../../../shared/ipc/dto';
import { useInboundStore } from '../../inbound/store';
import { agentTarget, useSoftphoneBridge } from '../bridge';
import { useSoftphone } from '../store';

interface IncomingCallActionsProps {
  agents: readonly AgentSummary[];
}

/**
 * The live call behind the screen-pop: while it rings, Répondre / Refuser / Répondre et
 * transférer (to the verdict's colleague) sit right above the record and the verdict.
 */
export function IncomingCallActions({ agents }: IncomingCallActionsProps) {
  const { t } = useTranslation('softphone');
  const current = useInboundStore((s) => s.current);
  const liveByLogId = useSoftphoneBridge((s) => s.liveByLogId);
  const calls = useSoftphone((s) => s.calls);
  const actions = useSoftphone((s) => s.actions);
  if (!current) return null;
  const callId = liveByLogId[current.callId];
  const call = callId ? calls.find((c) => c.id === callId) : undefined;
  if (!call || call.state !== 'ringing') return null;
  const transferAgent = current.verdict.transferTo ? agents.find((a) => a.id === current.verdict.transferTo) : undefined;
  const transferTarget = transferAgent ? agentTarget(transferAgent) : null;
  const name = current.record
    ? `${current.record.client.firstName} ${current.record.client.lastName}`
    : call.remoteName || call.remoteNumber || t('unknownCaller');
  return (
    <div className="sp-incoming" role="group" aria-label={t('liveCall', { name })}>
      <span className="sp-incoming-state">
        {t('state.ringing')}
        {call.waiting && <span className="sp-waiting"> · {t('waiting')}</span>}
      </span>
      <button type="button" className="sp-btn sp-btn--ok" onClick={() => void actions.answer(call.id)}>
        {t('answer')}
      </button>
      <button type="button" className="sp-btn sp-btn--danger" onClick={() => void actions.decline(call.id)}>
        {t('decline')}
      </button>
      {transferAgent && transferTarget && (
        <button type="button" className="sp-btn" onClick={() => void actions.answerAndTransfer(call.id, transferTarget)}>
          {t('answerAndTransfer', { name: transferAgent.name })}
        </button>
      )}
    </div>
  );
}
