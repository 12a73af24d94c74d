import type { Database } from 'better-sqlite3';
import { settingsSchema, type Settings, type SipAccount } from '../../shared/domain/settings';
import type { AgentSummary } from '../../shared/ipc/dto';
import { requests } from '../../shared/ipc/contract';
import { schemaRefusal, type Handlers } from '../../shared/ipc/dispatch';
import { refusal } from '../../shared/ipc/error-texts';
import { ServiceError } from '../../shared/ipc/result';
import { startCheckpointer } from './db/checkpointer';
import { openDatabase } from './db/connection';
import { agentsRepo, isOnShift, type AgentRow, type ShiftRow } from './db/repos/agents';
import { contactsRepo } from './db/repos/contacts';
import { toContactRecord } from './contacts/record';
import { exactKeys, planSearch } from './contacts/search';
import { eventBus } from './events';
import { daService } from './inbound/da';
import { inboundService } from './inbound/inbound';
import { workRepo } from './db/repos/work';
import { silentLogger, type Logger } from './log/logger';
import type { ServiceContext } from './context';
import { callsHandlers } from './calls/handlers';
import { deskHandlers } from './desk/handlers';
import { leadsHandlers } from './leads/handlers';
import { leadFileReader } from './leads/reader';
import { folderScanner, startLeadsBackground } from './leads/watcher';
import { workHandlers } from './work/handlers';
import { stopSync, syncHandlers } from './sync/handlers';
import { memorySecretStore, type SecretStore } from './secrets/store';
import type { SettingsStore } from './settings/store';
import { errorMessage } from '../../shared/error-message';

/** After start, when the host is up: the warm-up must not delay the window's first paint. */
const WARM_UP_DELAY_MS = 1000;

export interface ServicesOptions {
  /** A database file, or ':memory:' in tests. */
  databaseFile: string;
  settings: SettingsStore;
  host: 'electron' | 'web';
  version: string;
  /** The clock; tests pin it. */
  now?: () => Date;
  logger?: Logger;
  /** The SIP password's keeper (keychain in Electron, memory in the web host). */
  secrets?: SecretStore;
  /** An account given by the environment (web host, POSTE_SIP_*), used instead of the stored one. */
  sipAccountOverride?: SipAccount;
  /** Background work (expiry every hour, watched folders): the hosts turn it on; tests and tools leave it off. */
  background?: boolean;
  /** WAL checkpoints on a worker thread (db/checkpointer.ts); by default where `background` is on. */
  checkpointThread?: boolean;
}

/** The console's services behind the contract, the same for both hosts. */
export function createServices(options: ServicesOptions) {
  const db: Database = openDatabase(options.databaseFile);
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? silentLogger;
  const bus = eventBus();
  const agents = agentsRepo(db);
  const contacts = contactsRepo(db);
  const secrets = options.secrets ?? memorySecretStore();

  /**
   * The stored settings, read once: every ring asks for them (the agent, the time zone), and
   * reading the file and validating it each time cost more than the rest of the lookup's
   * JavaScript. Every write goes through writeSettings, which keeps the copy current. Frozen,
   * so that no caller can change them by accident.
   */
  let stored: Settings | null = null;
  function storedSettings(): Settings {
    return (stored ??= deepFreeze(options.settings.read()));
  }
  function writeSettings(next: Settings): void {
    options.settings.write(next);
    stored = deepFreeze(structuredClone(next));
  }
  /** The settings in force: the stored ones, with the host's SIP account if it imposes one. */
  function settings(): Settings {
    const current = storedSettings();
    return options.sipAccountOverride ? { ...current, sip: options.sipAccountOverride } : current;
  }

  /** One agent as the contract shows it, on shift or not now (the centre's time zone). */
  function summarise(a: AgentRow, shifts: readonly ShiftRow[], at: Date, timeZone: string): AgentSummary {
    return {
      id: a.id,
      name: a.name,
      role: a.role,
      extension: a.extension,
      email: a.email,
      sipUri: a.sip_uri,
      presence: a.presence,
      onShift: isOnShift(
        shifts.filter((s) => s.agent_id === a.id),
        at,
        timeZone,
      ),
    };
  }

  function agentSummaries(): AgentSummary[] {
    const { timeZone } = settings();
    const shifts = agents.shifts();
    const at = now();
    return agents.list().map((a) => summarise(a, shifts, at, timeZone));
  }

  /** Who uses this console: the chosen agent, else the demo's Marc, else the first agent. */
  function currentAgent(): AgentSummary | null {
    // The ring's hot path asks this on every call: that agent alone, without summarising
    // (and computing the shifts of) the whole directory, chosen or not.
    const chosenId = settings().agentId;
    let chosen = chosenId ? agents.get(chosenId) : undefined;
    if (!chosen) {
      const list = agents.list();
      chosen = list.find((a) => a.id === 'marc') ?? list.find((a) => a.role === 'agent');
    }
    return chosen ? summarise(chosen, agents.shifts(), now(), settings().timeZone) : null;
  }

  const work = workRepo(db);
  function receiver() {
    const agent = currentAgent();
    if (!agent) throw refusal('conflict', 'no_console_agent');
    return agent;
  }
  const inbound = inboundService({
    db,
    agents,
    contacts,
    work,
    bus,
    logger,
    now,
    timeZone: () => settings().timeZone,
    receiver,
  });
  const da = daService({ db, work, bus, now, user: receiver });

  /** What every area's handlers get: the cache, its repositories, the clock and who is at the console. */
  const context: ServiceContext = {
    db,
    agents,
    contacts,
    work,
    bus,
    logger,
    now,
    settings,
    writeSettings,
    secrets,
    currentAgent,
    receiver,
    host: options.host,
  };

  function readRecord(clientId: string) {
    const bundle = contacts.read(clientId);
    if (!bundle) throw refusal('not_found', 'client_not_found', { id: clientId });
    return toContactRecord(bundle);
  }

  function search(query: string, limit: number) {
    const ids: string[] = [];
    const { e164, email } = exactKeys(query);
    if (e164) ids.push(...contacts.clientIdsByPhone(e164));
    if (email) ids.push(...contacts.clientIdsByEmail(email));
    const plan = planSearch(query);
    const add = (found: readonly string[]) => {
      for (const id of found) if (ids.length < limit && !ids.includes(id)) ids.push(id);
    };
    if (plan?.kind === 'phone') add(contacts.searchPhones(plan.digits, limit));
    else if (plan) {
      add(contacts.search(plan.match, limit));
      if (plan.words && ids.length < limit) add(contacts.search(plan.words, limit, plan.phoneDigits));
    }
    return contacts.summaries(ids.slice(0, limit)).flatMap(({ id, client, phones, emails, opp }) =>
      client
        ? [
            {
              clientId: id,
              name: `${client.first_name} ${client.last_name}`,
              phones: phones.map((p) => p.e164),
              emails: emails.map((e) => e.email),
              tag: opp?.tag ?? 'bronze',
              status: opp?.status ?? null,
            },
          ]
        : [],
    );
  }

  function settingsView() {
    return { settings: settings(), sipPasswordSet: secrets.getSipPassword() !== null };
  }

  /** Lead files are read on this worker while the file before is written. */
  const leadReader = leadFileReader(logger);
  /** The watched folders, scanned by the background and by the Imports panel's button. */
  const leadFolders = folderScanner(context, leadReader);
  const handlers: Handlers = {
    ...leadsHandlers(context, leadReader, leadFolders),
    ...workHandlers(context),
    ...deskHandlers(context),
    ...callsHandlers(context),
    ...syncHandlers(context),
    'app:info': () => ({
      version: options.version,
      host: options.host,
      agent: currentAgent(),
      clients: contacts.count(),
    }),
    'agents:list': () => agentSummaries(),
    'contacts:search': ({ query, limit }) => search(query, limit ?? 20),
    'contacts:get': ({ clientId }) => readRecord(clientId),
    'settings:get': () => settingsView(),
    'inbound:lookup': ({ number, channel, at }) => inbound.lookup(number, channel ?? 'phone', false, at),
    'inbound:simulate': ({ number }) => inbound.simulate(number),
    'inbound:apply': ({ callId, action }) => inbound.apply(callId, action),
    'inbound:override': ({ callId, reason }) => inbound.override(callId, reason),
    'inbound:checkEmail': ({ callId, email }) => inbound.checkEmail(callId, email),
    'inbound:createPhoneUp': (input) => inbound.createPhoneUp(input),
    'da:list': () => da.list(),
    'da:resolve': ({ taskId, resolution }) => da.resolve(taskId, resolution),
    'softphone:account': () => {
      const account = settings().sip;
      return account ? { account, password: secrets.getSipPassword() ?? '' } : null;
    },
    'settings:setSipPassword': ({ password }) => {
      secrets.setSipPassword(password === '' ? null : password);
      logger.info('sip password updated', { set: password !== '' });
      return settingsView();
    },
    'settings:update': ({ patch }) => {
      // Merged into the stored settings: a SIP account the host imposes is not written down.
      const next = settingsSchema.safeParse({ ...storedSettings(), ...patch });
      if (!next.success) {
        const { message, path, text } = schemaRefusal(next.error);
        throw new ServiceError('invalid_input', message, path ? `patch.${path}` : 'patch', text);
      }
      if (next.data.agentId && !agents.get(next.data.agentId)) {
        throw refusal('invalid_input', 'settings_agent_unknown', { id: next.data.agentId }, 'patch.agentId');
      }
      writeSettings(next.data);
      bus.emit('settings:changed', { settings: settings() });
      logger.info('settings updated', { keys: Object.keys(patch) });
      return settingsView();
    },
  };

  /** ST-1 at start and every hour, and the watched lead folders. */
  const leadsBackground = options.background ? startLeadsBackground(context, leadFolders) : null;
  // The hosts warm the ring's path up once they are serving (tests and tools need not).
  const warmUp = options.background
    ? setTimeout(() => {
        try {
          requests['inbound:lookup'].input.parse({ number: '+15145550100', channel: 'phone', at: now().toISOString() });
          inbound.warmUp();
        } catch (error) {
          logger.warn('warming the ring path up failed', { error: errorMessage(error) });
        }
      }, WARM_UP_DELAY_MS)
    : null;
  warmUp?.unref();
  const checkpointer = startCheckpointer(db, logger, { thread: options.checkpointThread ?? options.background ?? false });

  return {
    db,
    context,
    inbound,
    handlers,
    events: bus,
    now,
    logger,
    /** Stops background work and the team sync, then closes the cache. */
    async close(): Promise<void> {
      if (warmUp) clearTimeout(warmUp);
      await leadsBackground?.stop();
      await checkpointer.stop();
      await leadReader.close();
      await stopSync(context);
      db.close();
    },
  };
}
export type Services = ReturnType<typeof createServices>;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
