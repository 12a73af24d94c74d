import type { Database } from 'better-sqlite3';
import type { Settings } from '../../shared/domain/settings';
import type { AgentSummary } from '../../shared/ipc/dto';
import type { AgentsRepo } from './db/repos/agents';
import type { ContactsRepo } from './db/repos/contacts';
import type { WorkRepo } from './db/repos/work';
import type { EventBus } from './events';
import type { Logger } from './log/logger';
import type { SecretStore } from './secrets/store';

/**
 * What each area's handlers receive from createServices: the cache and its repositories,
 * the event bus, the clock, the settings, and who is at the console. Areas add their own
 * repositories under db/repos and their handlers under services/<area>/handlers.ts.
 */
export interface ServiceContext {
  db: Database;
  agents: AgentsRepo;
  contacts: ContactsRepo;
  work: WorkRepo;
  bus: EventBus;
  logger: Logger;
  now(): Date;
  settings(): Settings;
  writeSettings(next: Settings): void;
  secrets: SecretStore;
  /** The agent at this console, or null when the cache has no agent yet. */
  currentAgent(): AgentSummary | null;
  /** The agent at this console; throws a ServiceError when none is set. */
  receiver(): AgentSummary;
  host: 'electron' | 'web';
}
