import { memo, useCallback, useEffect, useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { ActionDialogs } from '../features/actions/action-dialogs';
import { ScheduledCalls } from '../features/actions/scheduled-calls';
import { useActionsStore } from '../features/actions/store';
import { DaList } from '../features/da/da-list';
import { FollowUpsPanel } from '../features/followups/followups-panel';
import { ImportsPanel } from '../features/imports/imports-panel';
import { QueuePanel } from '../features/queue/queue-panel';
import { ScreenPop } from '../features/inbound/screen-pop';
import { SimulateControl } from '../features/inbound/simulate-control';
import { VerdictBadge } from '../features/inbound/verdict-badge';
import { useInboundStore } from '../features/inbound/store';
import { RecordView, type RecordAction, type RecordContext } from '../features/record/record-view';
import { useRecordStore } from '../features/record/store';
import { SearchPanel } from '../features/search/search-panel';
import { SettingsScreen } from '../features/settings/settings-screen';
import { SyncStatus } from '../features/sync/sync-status';
import { softphoneStore, useSoftphone } from '../features/softphone/store';
import { useSoftphoneBridgeEffect } from '../features/softphone/use-softphone-bridge';
import { IncomingCallActions } from '../features/softphone/ui/incoming-call-actions';
import { RegistrationBadge } from '../features/softphone/ui/registration-badge';
import { SoftphonePanel } from '../features/softphone/ui/softphone-panel';
import type { AgentSummary } from '../../shared/ipc/dto';
import type { PosteClient } from './client';
import { createI18n, type Language } from './i18n';
import { withWordedErrors } from './worded-errors';
import { followClientCount, useAppStore } from './store';
import { useDesk, type DeskHandlers } from './use-desk';
import { warmUpRingPath } from './warm-up';

// The sidebar's panels re-render only when their own props or stores change, not with
// every ring or record the shell shows (a ring must paint its record at once).
const Search = memo(SearchPanel);
const Queue = memo(QueuePanel);
const FollowUps = memo(FollowUpsPanel);
const Imports = memo(ImportsPanel);
const Scheduled = memo(ScheduledCalls);
const Da = memo(DaList);
const Phone = memo(SoftphonePanel);

interface AppProps {
  client: PosteClient;
}

/** The console: header, search on the left, the screen-pop and the contact record in the middle. */
export function App({ client }: AppProps) {
  const language = useAppStore((s) => s.language);
  const i18n = useMemo(() => createI18n('fr'), []);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language === 'fr' ? 'fr-CA' : 'en-CA';
  }, [i18n, language]);
  // Every panel gets the services' refusals worded in the agent's language.
  const worded = useMemo(() => withWordedErrors(client, i18n), [client, i18n]);
  return (
    <I18nextProvider i18n={i18n}>
      <Shell client={worded} />
    </I18nextProvider>
  );
}

function Shell({ client }: AppProps) {
  const { t, i18n } = useTranslation('app');
  // Each value through its own selector: a ring changes the inbound and record stores, and
  // the shell (header, sidebar) must not re-render for it; RecordSlot and the pop do.
  const info = useAppStore((s) => s.info);
  const agents = useAppStore((s) => s.agents);
  const language = useAppStore((s) => s.language);
  const error = useAppStore((s) => s.error);
  const load = useAppStore((s) => s.load);
  const setLanguage = useAppStore((s) => s.setLanguage);
  const setAgent = useAppStore((s) => s.setAgent);
  const open = useRecordStore((s) => s.open);
  const receive = useInboundStore((s) => s.receive);
  useSoftphoneBridgeEffect(client);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [microphone, setMicrophone] = useState<string>('unknown');
  const desk = useMemo<DeskHandlers>(
    () => ({
      openSettings: () => setSettingsOpen(true),
      nextLead: () => document.getElementById('next-lead')?.click(),
      microphone: setMicrophone,
    }),
    [],
  );
  useDesk(client, desk);

  useEffect(() => {
    void load(client);
    const offInbound = client.on('inbound:contact', receive);
    const offSettings = client.on('settings:changed', () => void load(client));
    // The header's count of clients follows imports and merges without a reload.
    const offCount = followClientCount(client);
    return () => {
      offInbound();
      offSettings();
      offCount();
    };
  }, [client, load, receive]);

  // Once the console has loaded, its idle time compiles and lays out the ring's path.
  const loaded = info !== null;
  useEffect(() => {
    if (!loaded) return;
    const { language: lang, agents: list, info: now } = useAppStore.getState();
    return warmUpRingPath({ client, i18n, language: lang, agents: list, me: now?.agent ?? null });
  }, [client, i18n, loaded]);

  const me = info?.agent ?? null;
  const openRecord = useCallback((id: string) => void open(client, id), [client, open]);
  const other: Language = language === 'fr' ? 'en' : 'fr';
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="brand">
          <span className="brand-name">{t('title')}</span>
          <span className="brand-tagline">{t('tagline')}</span>
        </div>
        <div className="header-status">
          {agents.length > 0 && (
            <label className="header-item">
              <span className="visually-hidden">{t('agentAtConsole')}</span>
              <select
                className="agent-select"
                aria-label={t('agentAtConsole')}
                value={me?.id ?? ''}
                onChange={(event) => void setAgent(client, event.target.value)}
              >
                {agents.map((agent) => (
                  <option key={agent.id} value={agent.id}>
                    {agent.name} ({t(`roles.${agent.role}`)})
                  </option>
                ))}
              </select>
            </label>
          )}
          {info && <span className="header-item muted">{t('clients', { count: info.clients })}</span>}
          {info && <span className="header-item badge">{t(`host.${info.host}`)}</span>}
          <RegistrationBadge />
          <SyncStatus client={client} />
          <SimulateControl client={client} />
          <button type="button" className="lang-switch" aria-label={t('openSettings')} onClick={() => setSettingsOpen(true)}>
            ⚙
          </button>
          <button
            type="button"
            className="lang-switch"
            title={t('switchLanguage')}
            lang={other === 'en' ? 'en' : 'fr'}
            onClick={() => void setLanguage(client, other)}
          >
            {other === 'en' ? t('switchToEnglish') : t('switchToFrench')}
          </button>
        </div>
      </header>
      {error && (
        <div className="shell-error" role="alert">
          {t('error', { message: error })}
        </div>
      )}
      {(microphone === 'denied' || microphone === 'restricted') && (
        <div className="shell-error" role="alert">
          {t('microphoneDenied')}
        </div>
      )}
      {settingsOpen && <SettingsScreen client={client} onClose={() => setSettingsOpen(false)} />}
      <div className="shell-body">
        <aside className="shell-sidebar" aria-label={t('sidebar')}>
          <SearchSlot client={client} onOpen={openRecord} />
          {me?.role === 'da' && <Da client={client} onOpen={openRecord} />}
          <Scheduled client={client} onOpen={openRecord} />
          <Queue client={client} language={language} onOpen={openRecord} />
          <FollowUps client={client} onOpen={openRecord} />
          <Imports client={client} />
          <Phone agents={agents} meId={me?.id ?? null} />
        </aside>
        <main className="shell-main" aria-label={t('main')}>
          <IncomingCallActions agents={agents} />
          <ScreenPop client={client} agents={agents} me={me} language={language} />
          <ActionDialogs client={client} />
          <RecordSlot client={client} agents={agents} language={language} />
        </main>
      </div>
    </div>
  );
}

/** The search panel, highlighting the record on screen (read here, not in the shell). */
const SearchSlot = memo(function SearchSlot({ client, onOpen }: { client: PosteClient; onOpen: (id: string) => void }) {
  const clientId = useRecordStore((s) => s.clientId);
  return <Search client={client} selectedId={clientId} onOpen={onOpen} />;
});

const callNumber = (e164: string): void => void softphoneStore.getState().actions.call(e164);
const openRecordAction = (action: RecordAction | 'analysts'): void => {
  const record = useRecordStore.getState().record;
  if (record) useActionsStore.getState().openAction(action, record);
};
const openAnalysts = (): void => openRecordAction('analysts');

interface RecordSlotProps {
  client: PosteClient;
  agents: readonly AgentSummary[];
  language: Language;
}

/**
 * The record under the screen-pop, with the live verdict in zone 6. Its props are kept
 * stable (memoised context, verdict and callbacks) so that the zones a ring does not
 * change are not rendered again.
 */
function RecordSlot({ client, agents, language }: RecordSlotProps) {
  const { t } = useTranslation('app');
  const clientId = useRecordStore((s) => s.clientId);
  const current = useInboundStore((s) => s.current);
  const registered = useSoftphone((s) => s.registration.state === 'registered');
  const hasCallbackDevice = useAppStore((s) => (s.settings?.callbackDevices.length ?? 0) > 0);
  const smsRouteSet = useAppStore((s) => Boolean(s.settings?.smsDomain));
  const context = useMemo<RecordContext>(
    () => ({ registered, hasCallbackDevice, smsRouteSet, language }),
    [registered, hasCallbackDevice, smsRouteSet, language],
  );
  const verdict = current && current.clientId === clientId ? current.verdict : null;
  const badge = useMemo(() => (verdict ? <VerdictBadge verdict={verdict} agents={agents} /> : undefined), [verdict, agents]);
  if (!clientId) return current ? null : <p className="shell-empty">{t('empty')}</p>;
  return <RecordView client={client} context={context} onCall={callNumber} onAction={openRecordAction} onAnalysts={openAnalysts} verdict={badge} />;
}
