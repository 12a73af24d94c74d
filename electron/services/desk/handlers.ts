import { newId } from '../db/ids';
import { arch, platform, release } from 'node:os';
import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { deskRequests, Shift } from '../../../shared/ipc/contract-desk';
import { ServiceError } from '../../../shared/ipc/result';
import { refusal } from '../../../shared/ipc/error-texts';
import type { ServiceContext } from '../context';
import { deskConfigRepo } from '../db/repos/desk-config';
import { deskDirectoryRepo } from '../db/repos/desk-directory';
import { CsvImportError, parseAgentsCsv } from './agents-csv';
import { diagnosticsText } from './diagnostics';
import { deskRuntime } from './runtime';

/** How many log lines « copier les diagnostics » carries. */
export const DIAGNOSTIC_LOG_LINES = 200;

function overlapping(shifts: readonly Shift[]): boolean {
  const sorted = [...shifts].sort((a, b) => a.weekday - b.weekday || a.startMinute - b.startMinute);
  return sorted.some((s, i) => {
    const prev = sorted[i - 1];
    return prev !== undefined && prev.weekday === s.weekday && s.startMinute < prev.endMinute;
  });
}

/** The handlers of this area's contract fragment (shared/ipc/contract-desk.ts). */
export function deskHandlers(context: ServiceContext): HandlersFor<typeof deskRequests> {
  const { db, bus, logger } = context;
  const directory = deskDirectoryRepo(db);
  const config = deskConfigRepo(db);
  const runtime = deskRuntime(context);
  const at = () => context.now().toISOString();

  function agentOrThrow(id: string) {
    const agent = directory.get(id);
    if (!agent) throw refusal('not_found', 'agent_not_found', { id }, 'agentId');
    return agent;
  }

  function count(table: string): number {
    try {
      return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    } catch {
      return -1;
    }
  }

  return {
    'directory:list': () => directory.list(),
    'directory:save': ({ agent }) => {
      directory.upsert(agent, at());
      bus.emit('desk:configChanged', { area: 'directory' });
      logger.info('agent saved', { agentId: agent.id, active: agent.active });
      return agentOrThrow(agent.id);
    },
    'directory:setShifts': ({ agentId, shifts }) => {
      agentOrThrow(agentId);
      if (overlapping(shifts)) throw refusal('invalid_input', 'shifts_overlap', {}, 'shifts');
      db.transaction(() => directory.replaceShifts(agentId, shifts, at()))();
      bus.emit('desk:configChanged', { area: 'directory' });
      return agentOrThrow(agentId);
    },
    'directory:importCsv': ({ csv }) => {
      let rows;
      try {
        rows = parseAgentsCsv(csv);
        for (const row of rows) {
          if (row.shifts && overlapping(row.shifts)) throw new CsvImportError(row.line, 'deux plages se chevauchent le même jour');
        }
      } catch (error) {
        if (error instanceof CsvImportError) throw new ServiceError('invalid_input', error.message, 'csv');
        throw error;
      }
      const when = at();
      let shifts = 0;
      db.transaction(() => {
        for (const row of rows) {
          directory.upsert(row.agent, when);
          if (row.shifts) {
            directory.replaceShifts(row.agent.id, row.shifts, when);
            shifts += row.shifts.length;
          }
        }
      })();
      bus.emit('desk:configChanged', { area: 'directory' });
      logger.info('agents imported', { agents: rows.length, shifts });
      return { agents: rows.length, shifts };
    },

    'templates:list': () => config.templates(),
    'templates:save': ({ template }) => {
      const id = template.id ?? newId();
      const existing = template.id ? config.template(template.id) : undefined;
      if (template.id && !existing) throw refusal('not_found', 'template_not_found', { id: template.id }, 'template.id');
      const clash = config.templateByName(template.name);
      if (clash && clash.id !== id) throw refusal('conflict', 'template_name_taken', { name: template.name }, 'template.name');
      const saved = { id, name: template.name, body: template.body, sort: template.sort ?? existing?.sort ?? config.templates().length };
      config.saveTemplate(saved, at());
      bus.emit('desk:configChanged', { area: 'templates' });
      logger.info('sms template saved', { templateId: id });
      return saved;
    },
    'templates:remove': ({ id }) => {
      if (!config.removeTemplate(id)) throw refusal('not_found', 'template_not_found', { id }, 'id');
      bus.emit('desk:configChanged', { area: 'templates' });
      return { id };
    },

    'results:list': () => config.results(),
    'results:save': ({ result }) => {
      const id = result.id ?? newId();
      const existing = result.id ? config.result(result.id) : undefined;
      if (result.id && !existing) throw refusal('not_found', 'result_not_found', { id: result.id }, 'result.id');
      if (result.opens === 'booking' && result.mapsToStatus !== null && result.mapsToStatus !== 'appointment_booked') {
        throw refusal('invalid_input', 'result_booking_status', {}, 'result.mapsToStatus');
      }
      const saved = {
        id,
        labelFr: result.labelFr,
        labelEn: result.labelEn,
        mapsToStatus: result.mapsToStatus,
        opens: result.opens,
        sort: result.sort ?? existing?.sort ?? config.results().length,
      };
      config.saveResult(saved, at());
      bus.emit('desk:configChanged', { area: 'results' });
      return saved;
    },
    'results:remove': ({ id }) => {
      if (!config.removeResult(id)) throw refusal('not_found', 'result_not_found', { id }, 'id');
      bus.emit('desk:configChanged', { area: 'results' });
      return { id };
    },

    'branches:list': () => config.branches(),
    'branches:save': ({ branch }) => {
      const id = branch.id ?? newId();
      if (branch.id && !config.branch(branch.id)) throw refusal('not_found', 'branch_not_found', { id: branch.id }, 'branch.id');
      const clash = config.branchByName(branch.name);
      if (clash && clash.id !== id) throw refusal('conflict', 'branch_name_taken', { name: branch.name }, 'branch.name');
      const saved = {
        id,
        name: branch.name,
        salesReps: [...new Set(branch.salesReps)],
        virtualSalesGroup: branch.virtualSalesGroup?.toLowerCase() ?? null,
      };
      config.saveBranch(saved, at());
      bus.emit('desk:configChanged', { area: 'branches' });
      return saved;
    },
    'branches:remove': ({ id }) => {
      if (!config.removeBranch(id)) throw refusal('not_found', 'branch_not_found', { id }, 'id');
      bus.emit('desk:configChanged', { area: 'branches' });
      return { id };
    },

    'diagnostics:get': () => {
      const agent = context.currentAgent();
      const environment = {
        'Version de Poste': process.env.npm_package_version ?? 'inconnue',
        'Node.js': process.versions.node,
        'Système': `${platform()} ${release()} (${arch()})`,
        ...runtime.host.environment?.(),
      };
      const text = diagnosticsText({
        now: context.now(),
        host: context.host,
        environment,
        settings: context.settings(),
        sipPasswordSet: context.secrets.getSipPassword() !== null,
        runtime,
        agent: agent ? { id: agent.id, name: agent.name } : null,
        counts: { clients: count('clients'), opportunities: count('opportunities'), call_log: count('call_log') },
        logLines: runtime.host.logTail ? runtime.host.logTail(DIAGNOSTIC_LOG_LINES) : null,
      });
      return { text };
    },
    'desk:setBadge': ({ missedCalls, unreadTexts }) => {
      runtime.badge = { missedCalls, unreadTexts };
      const total = missedCalls + unreadTexts;
      runtime.host.setBadge?.(total);
      return { count: total };
    },
    'desk:setStatus': ({ registration, presence }) => {
      const changed = runtime.status?.registration !== registration || runtime.status?.presence !== presence;
      runtime.status = { registration, presence, at: at() };
      runtime.host.setStatus?.(runtime.status);
      if (changed) logger.info('softphone status', { registration, presence });
      return {};
    },
    'desk:microphoneAccess': () => ({ status: runtime.microphone }),
    'desk:takeLinks': () => runtime.links.take(),
  };
}
