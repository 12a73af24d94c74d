import { useTranslation } from 'react-i18next';
import type { AgentSummary } from '../../../../shared/ipc/dto';
import type { OwnPresence, ShadowMode } from '../engine';
import { useSoftphoneBridge } from '../bridge';
import { useSoftphone } from '../store';
import { CallCard } from './call-card';
import { DialPad } from './dial-pad';
import { Directory } from './directory';
import './softphone.css';
import { useDialDraft } from '../dial-draft';

const PRESENCES: readonly OwnPresence[] = ['available', 'break', 'lunch', 'offline'];
const SHADOW_MODES: readonly ShadowMode[] = ['listen', 'whisper', 'barge'];

interface SoftphonePanelProps {
  /** Everyone in the directory (the agent at the console included; left out here). */
  agents: readonly AgentSummary[];
  meId: string | null;
}

/** The sidebar phone: presence, shadow headset mode, dialler, calls and colleagues. */
export function SoftphonePanel({ agents, meId }: SoftphonePanelProps) {
  const { t } = useTranslation('softphone');
  const account = useSoftphoneBridge((s) => s.account);
  const accountError = useSoftphoneBridge((s) => s.accountError);

  if (account === 'missing' || account === 'error') {
    return (
      <section className="sp-panel" aria-label={t('panel')}>
        <h2 className="side-title">{t('panel')}</h2>
        <p className="sp-empty-account" role="note">
          <strong>{t('noAccount')}</strong>
          <span className="sp-hint">{account === 'error' ? t('accountError', { error: accountError ?? '' }) : t('noAccountHint')}</span>
        </p>
      </section>
    );
  }
  const colleagues = agents.filter((a) => a.id !== meId && (a.sipUri || a.extension));
  return (
    <section className="sp-panel" aria-label={t('panel')}>
      <h2 className="side-title">{t('panel')}</h2>
      <OwnPresenceSelect />
      <ShadowModeSelect />
      <Notices />
      <Dialler />
      <Calls colleagues={colleagues} />
      <Directory colleagues={colleagues} />
    </section>
  );
}

function OwnPresenceSelect() {
  const { t } = useTranslation('softphone');
  const own = useSoftphone((s) => s.ownPresence);
  const unavailable = useSoftphone((s) => s.presenceUnavailable);
  const actions = useSoftphone((s) => s.actions);
  return (
    <div className="sp-row">
      <label className="sp-field">
        <span>{t('presence')}</span>
        <select aria-label={t('presence')} value={own} onChange={(e) => void actions.setOwnPresence(e.target.value as OwnPresence)}>
          {PRESENCES.map((p) => (
            <option key={p} value={p}>
              {t(`presenceState.${p}`)}
            </option>
          ))}
        </select>
      </label>
      {unavailable && (
        <p className="sp-hint sp-warn" role="note" title={unavailable}>
          {t('presenceUnavailable')}
        </p>
      )}
    </div>
  );
}

/** The shadow headset's microphone mode: always on screen while a shadow output is set. */
function ShadowModeSelect() {
  const { t } = useTranslation('softphone');
  const audio = useSoftphone((s) => s.audio);
  const actions = useSoftphone((s) => s.actions);
  if (audio.shadowOutputId === null) return null;
  return (
    <fieldset className={`sp-shadow sp-shadow--${audio.shadowMode}`}>
      <legend>{t('shadow')}</legend>
      <div className="sp-shadow-modes" role="radiogroup" aria-label={t('shadow')}>
        {SHADOW_MODES.map((mode) => (
          <label key={mode} className="sp-shadow-mode">
            <input
              type="radio"
              name="sp-shadow-mode"
              value={mode}
              checked={audio.shadowMode === mode}
              onChange={() => void actions.setShadowMode(mode)}
            />
            {t(`shadowMode.${mode}`)}
          </label>
        ))}
      </div>
      <p className="sp-hint">{t(`shadowHint.${audio.shadowMode}`)}</p>
    </fieldset>
  );
}

function Notices() {
  const { t } = useTranslation('softphone');
  const notices = useSoftphone((s) => s.notices);
  const lastError = useSoftphone((s) => s.lastError);
  const actions = useSoftphone((s) => s.actions);
  if (notices.length === 0 && !lastError) return null;
  return (
    <ul className="sp-notices" aria-label={t('notice')}>
      {lastError && (
        <li className="sp-notice sp-notice--error" role="alert">
          <span>{t('error', { message: lastError })}</span>
          <button type="button" className="sp-dismiss" aria-label={t('dismiss')} onClick={() => actions.clearLastError()}>
            ×
          </button>
        </li>
      )}
      {notices.map((n) => (
        <li key={n.id} className="sp-notice" role="status">
          <span>{n.message}</span>
          <button type="button" className="sp-dismiss" aria-label={t('dismiss')} onClick={() => actions.dismissNotice(n.id)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

function Dialler() {
  const { t } = useTranslation('softphone');
  const number = useDialDraft((s) => s.value);
  const setNumber = useDialDraft((s) => s.set);
  const registered = useSoftphone((s) => s.registration.state === 'registered');
  const canRedial = useSoftphone((s) => s.recentCalls.some((c) => c.direction === 'outbound'));
  const actions = useSoftphone((s) => s.actions);
  return (
    <form
      className="sp-dialler"
      onSubmit={(e) => {
        e.preventDefault();
        if (number.trim()) void actions.call(number.trim());
      }}
    >
      <label className="sp-field">
        <span>{t('number')}</span>
        <input
          type="tel"
          aria-label={t('number')}
          placeholder={t('numberPlaceholder')}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
        />
      </label>
      <DialPad label={t('dialpad')} onDigit={(d) => setNumber(number + d)} />
      <div className="sp-call-buttons">
        <button type="submit" className="sp-btn sp-btn--ok" disabled={!registered || !number.trim()}>
          {t('call')}
        </button>
        <button type="button" className="sp-btn" disabled={!registered || !canRedial} onClick={() => void actions.redial()}>
          {t('redial')}
        </button>
        <button type="button" className="sp-btn" aria-label={t('backspace')} onClick={() => setNumber(number.slice(0, -1))}>
          ⌫
        </button>
      </div>
    </form>
  );
}

function Calls({ colleagues }: { colleagues: readonly AgentSummary[] }) {
  const { t } = useTranslation('softphone');
  const calls = useSoftphone((s) => s.calls);
  if (calls.length === 0) return null;
  return (
    <ul className="sp-calls" aria-label={t('calls')}>
      {calls
        .filter((c) => !c.consultFor)
        .map((call) => (
          <CallCard key={call.id} call={call} consult={calls.find((c) => c.consultFor === call.id)} colleagues={colleagues} />
        ))}
      {calls
        .filter((c) => c.consultFor)
        .map((call) => (
          <CallCard key={call.id} call={call} consult={undefined} colleagues={colleagues} />
        ))}
    </ul>
  );
}
