import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../../../shared/ipc/dto';
import type { CallInfo } from '../engine';
import { agentTarget } from '../bridge';
import { useSoftphone } from '../store';
import { DialPad } from './dial-pad';
import { formatDuration, useNow } from './use-now';

interface CallCardProps {
  call: CallInfo;
  /** The consultation leg started for this call (attended transfer), if any. */
  consult: CallInfo | undefined;
  colleagues: readonly AgentSummary[];
}

/** One call: who, state, timer, quality, and what the agent can do with it. */
export function CallCard({ call, consult, colleagues }: CallCardProps) {
  const { t } = useTranslation('softphone');
  const actions = useSoftphone((s) => s.actions);
  const [showDtmf, setShowDtmf] = useState(false);
  const [target, setTarget] = useState('');
  const now = useNow(call.state === 'active');
  const who = call.remoteName ? `${call.remoteName} (${call.remoteNumber})` : call.remoteNumber || call.remoteUri;
  const active = call.state === 'active';
  const ringing = call.state === 'ringing';
  const dialling = call.state === 'calling' || call.state === 'proceeding';
  const onHold = call.hold === 'held' || call.hold === 'holding' || call.hold === 'holdFailed';

  return (
    <li className={`sp-call sp-call--${call.state}`} aria-label={who}>
      <div className="sp-call-head">
        <span className="sp-call-who">{who}</span>
        <span className="sp-call-state">{t(`state.${call.state}`)}</span>
        {active && call.answeredAt !== undefined && (
          <span className="sp-call-timer" role="timer" aria-label={t('timer')}>
            {formatDuration(now - call.answeredAt)}
          </span>
        )}
      </div>
      {call.waiting && ringing && <div className="sp-call-note">{t('waiting')}</div>}
      {call.consultFor && <div className="sp-call-note">{t('consult')}</div>}
      {call.recovering && <div className="sp-call-note sp-warn">{t('recovering')}</div>}
      {call.hold === 'held' && <div className="sp-call-note">{t('held')}</div>}
      {call.hold === 'holdFailed' && (
        <div className="sp-call-note sp-warn" role="alert">
          {t('holdFailed')}
        </div>
      )}
      {call.transfer && (
        <div className="sp-call-note">
          {t(`transfer.${call.transfer.state}`, { target: call.transfer.target, reason: call.transfer.reason ?? '' })}
        </div>
      )}
      {call.quality && (
        <div className={`sp-quality sp-quality--${call.quality.grade}`}>
          {t('quality', { grade: t(`grade.${call.quality.grade}`), mos: call.quality.mos.toFixed(1) })}
        </div>
      )}
      <div className="sp-call-buttons">
        {ringing && (
          <>
            <button type="button" className="sp-btn sp-btn--ok" onClick={() => void actions.answer(call.id)}>
              {t('answer')}
            </button>
            <button type="button" className="sp-btn sp-btn--danger" onClick={() => void actions.decline(call.id)}>
              {t('decline')}
            </button>
          </>
        )}
        {dialling && (
          <button type="button" className="sp-btn sp-btn--danger" onClick={() => void actions.cancel(call.id)}>
            {t('cancel')}
          </button>
        )}
        {!ringing && !dialling && (
          <button type="button" className="sp-btn sp-btn--danger" onClick={() => void actions.hangup(call.id)}>
            {t('hangup')}
          </button>
        )}
        {active && (
          <>
            <button type="button" className="sp-btn" aria-pressed={call.muted} onClick={() => actions.toggleMute(call.id)}>
              {call.muted ? t('unmute') : t('mute')}
            </button>
            <button
              type="button"
              className="sp-btn"
              aria-pressed={onHold}
              disabled={call.hold === 'holding' || call.hold === 'resuming'}
              onClick={() => void (onHold ? actions.resume(call.id) : actions.hold(call.id))}
            >
              {onHold ? t('resume') : t('hold')}
            </button>
            <button type="button" className="sp-btn" aria-expanded={showDtmf} onClick={() => setShowDtmf((v) => !v)}>
              {t('dtmf')}
            </button>
          </>
        )}
      </div>
      {active && showDtmf && <DialPad label={t('dtmf')} onDigit={(d) => void actions.sendDtmf(call.id, d)} />}
      {active && !call.consultFor && colleagues.length > 0 && (
        <div className="sp-transfer">
          <label>
            <span>{t('transferTo')}</span>
            <select aria-label={t('transferTo')} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">{t('chooseColleague')}</option>
              {colleagues.map((a) => {
                const to = agentTarget(a);
                return to ? (
                  <option key={a.id} value={to}>
                    {a.name}
                  </option>
                ) : null;
              })}
            </select>
          </label>
          <button type="button" className="sp-btn" disabled={!target} onClick={() => void actions.blindTransfer(call.id, target)}>
            {t('blindTransfer')}
          </button>
          {consult ? (
            <button
              type="button"
              className="sp-btn sp-btn--ok"
              disabled={consult.state !== 'active'}
              onClick={() => void actions.completeAttendedTransfer(call.id, consult.id)}
            >
              {t('completeTransfer')}
            </button>
          ) : (
            <button type="button" className="sp-btn" disabled={!target} onClick={() => void actions.startConsult(call.id, target)}>
              {t('consultTransfer')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
