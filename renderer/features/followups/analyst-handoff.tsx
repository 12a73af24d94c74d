import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';

interface AnalystHandoffProps {
  client: PosteClient;
  clientId: string;
  /** Opens the mail program with the composed `mailto:` (the shell's external-URL opener). */
  openMail(url: string): void;
}

/** AN-1: the hand-off mail to the analysts; the services refuse it and say what is missing. */
export function AnalystHandoff({ client, clientId, openMail }: AnalystHandoffProps) {
  const { t } = useTranslation('followups');
  const [reasons, setReasons] = useState('');
  const [cre, setCre] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="analyst-handoff"
      aria-label={t('analysts.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void client.tryCall('analysts:compose', { clientId, reasons, ...(cre.trim() ? { cre: cre.trim() } : {}) }).then((r) => {
          if (r.ok) {
            setError(null);
            openMail(r.value.mailto);
          } else setError(r.error.message);
        });
      }}
    >
      <h3>{t('analysts.title')}</h3>
      <label>
        {t('analysts.cre')}
        <input value={cre} maxLength={40} onChange={(e) => setCre(e.target.value)} />
      </label>
      <label>
        {t('analysts.reasons')}
        <textarea value={reasons} maxLength={2000} onChange={(e) => setReasons(e.target.value)} />
      </label>
      {error && <p role="alert">{error}</p>}
      <button type="submit">{t('analysts.compose')}</button>
    </form>
  );
}
