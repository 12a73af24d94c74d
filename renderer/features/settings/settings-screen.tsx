import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useModalFocus } from '../../app/modal-frame';
import { Notice } from './fields';
import { AccountSection } from './section-account';
import { AgentsSection } from './section-agents';
import { AudioSection } from './section-audio';
import { CallsSection, GeneralSection } from './section-general';
import { BranchesSection, ResultsSection, TemplatesSection } from './section-lists';
import { useSettingsStore } from './store';
import './settings.css';

const SECTIONS = ['account', 'audio', 'calls', 'templates', 'results', 'agents', 'branches', 'general', 'diagnostics'] as const;
type Section = (typeof SECTIONS)[number];

interface SettingsScreenProps {
  client: PosteClient;
  onClose(): void;
}

/** The settings screen: one section at a time, every value checked next to its field. */
export function SettingsScreen({ client, onClose }: SettingsScreenProps) {
  const { t } = useTranslation('settings');
  const { settings, loadError, load, refresh, setMicrophone } = useSettingsStore();
  const [section, setSection] = useState<Section>('account');

  useEffect(() => {
    void load(client);
    const offConfig = client.on('desk:configChanged', ({ area }) => void refresh(client, area));
    const offMic = client.on('desk:microphoneAccess', ({ status }) => setMicrophone(status));
    return () => {
      offConfig();
      offMic();
    };
  }, [client, load, refresh, setMicrophone]);

  // A modal screen: it takes the focus, keeps Tab inside, closes on Escape and gives the
  // focus back to ⚙ (the console behind it stays out of reach of the keyboard).
  const self = useRef<HTMLDivElement>(null);
  useModalFocus(self, onClose);

  return (
    <div ref={self} className="settings-screen" role="dialog" aria-modal="true" aria-labelledby="settings-title" tabIndex={-1}>
      <header className="settings-header">
        <h1 id="settings-title">{t('title')}</h1>
        <button type="button" className="settings-close" onClick={onClose}>
          {t('close')}
        </button>
      </header>
      <div className="settings-body">
        <nav className="settings-nav" aria-label={t('title')}>
          <ul role="tablist" aria-orientation="vertical">
            {SECTIONS.map((s) => (
              <li key={s}>
                <button type="button" role="tab" id={`settings-tab-${s}`} aria-selected={section === s} aria-controls="settings-panel" onClick={() => setSection(s)}>
                  {t(`sections.${s}`)}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <section className="settings-panel" id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${section}`}>
          <h2>{t(`sections.${section}`)}</h2>
          {loadError && (
            <p className="settings-error" role="alert">
              {t('errors.server', { message: loadError })}
            </p>
          )}
          {!settings ? <p>{t('loading')}</p> : <Panel key={section} section={section} client={client} />}
        </section>
      </div>
    </div>
  );
}

function Panel({ section, client }: { section: Section; client: PosteClient }) {
  switch (section) {
    case 'account':
      return <AccountSection client={client} />;
    case 'audio':
      return <AudioSection client={client} />;
    case 'calls':
      return <CallsSection client={client} />;
    case 'templates':
      return <TemplatesSection client={client} />;
    case 'results':
      return <ResultsSection client={client} />;
    case 'agents':
      return <AgentsSection client={client} />;
    case 'branches':
      return <BranchesSection client={client} />;
    case 'general':
      return <GeneralSection client={client} />;
    case 'diagnostics':
      return <DiagnosticsSection client={client} />;
  }
}

/** « Copier les diagnostics »: the same text as the Help menu of the app. */
function DiagnosticsSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { diagnostics, loadDiagnostics } = useSettingsStore();
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void loadDiagnostics(client);
  }, [client, loadDiagnostics]);
  return (
    <div className="settings-form">
      <p className="settings-hint">{t('diagnostics.intro')}</p>
      <textarea className="settings-diagnostics" readOnly rows={18} value={diagnostics} aria-label={t('sections.diagnostics')} />
      <div className="settings-actions">
        <button
          type="button"
          onClick={() =>
            void navigator.clipboard.writeText(diagnostics).then(
              () => setNotice(t('diagnostics.copied')),
              () => setNotice(t('diagnostics.copyFailed')),
            )
          }
        >
          {t('diagnostics.copy')}
        </button>
        <button type="button" onClick={() => void loadDiagnostics(client)}>
          {t('diagnostics.refresh')}
        </button>
      </div>
      <Notice text={notice} />
    </div>
  );
}
