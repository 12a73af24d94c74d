import { useTranslation } from 'react-i18next';
import { useSoftphoneBridge } from '../bridge';
import { useSoftphone } from '../store';
import { registrationProblem } from '../failure';
import { useNow } from './use-now';

/** The registration state, always in the header: Connecté, Connexion…, retry countdown, Déconnecté. */
export function RegistrationBadge() {
  const { t } = useTranslation('softphone');
  const registration = useSoftphone((s) => s.registration);
  const account = useSoftphoneBridge((s) => s.account);
  const now = useNow(registration.state === 'retrying');

  let text: string;
  let tone: 'ok' | 'busy' | 'down';
  if (account === 'missing' || account === 'error') {
    text = t('badge.noAccount');
    tone = 'down';
  } else if (registration.state === 'retrying') {
    const seconds = Math.max(0, Math.ceil(((registration.nextRetryAt ?? now) - now) / 1000));
    text = t('badge.retrying', { seconds });
    tone = 'busy';
  } else {
    text = t(`badge.${registration.state}`);
    tone = registration.state === 'registered' ? 'ok' : registration.state === 'stopped' ? 'down' : 'busy';
  }
  const error = registration.state !== 'registered' ? registration.lastError : undefined;
  return (
    <span className={`sp-badge sp-badge--${tone}`} role="status" aria-label={t('badge.label')} aria-live="polite">
      <span className="sp-badge-lamp" aria-hidden="true" />
      <span className="sp-badge-text">{text}</span>
      {error && (
        <span className="sp-badge-error" title={error}>
          {t(`badge.problem.${registrationProblem(error)}`)}
        </span>
      )}
    </span>
  );
}
