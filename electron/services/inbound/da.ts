import type { Database } from 'better-sqlite3';
import type { DaTask } from '../../../shared/ipc/dto';
import { refusal } from '../../../shared/ipc/error-texts';
import type { WorkRepo } from '../db/repos/work';
import type { EventBus } from '../events';

/**
 * The DA's work list: what agents tagged for the assistant manager (PU-1b « tague le DA pour
 * l'attribuer au gestionnaire initial », FIN-1 « Le DA supprimera la réunion et mettra l'OPP
 * invalide »). Only a DA sees it and resolves it; each resolution writes its activity.
 */
export function daService(d: { db: Database; work: WorkRepo; bus: EventBus; now(): Date; user(): { id: string; role: string } }) {
  function requireDa(): string {
    const user = d.user();
    if (user.role !== 'da') throw refusal('forbidden', 'da_only');
    return user.id;
  }

  return {
    list(): DaTask[] {
      requireDa();
      return d.work.openDaTasks().map((t) => ({
        id: t.id,
        clientId: t.client_id,
        clientName: `${t.first_name} ${t.last_name}`,
        opportunityId: t.opportunity_id,
        meetingId: t.meeting_id,
        kind: t.kind,
        targetAgentId: t.target_agent_id,
        targetAgentName: t.target_name,
        createdByName: t.created_by_name,
        rule: t.rule,
        note: t.note,
        createdAt: t.created_at,
      }));
    },

    resolve(taskId: string, resolution: 'done' | 'dismissed'): { taskId: string; state: 'done' | 'dismissed' } {
      const me = requireDa();
      const task = d.work.daTask(taskId);
      if (!task) throw refusal('not_found', 'da_task_not_found', { id: taskId }, 'taskId');
      if (task.state !== 'open') throw refusal('conflict', 'da_task_closed');
      const at = d.now().toISOString();
      d.db.transaction(() => {
        if (resolution === 'done') {
          const data = { rule: task.rule, task: task.kind };
          if (task.kind === 'assign' && task.opportunity_id && task.target_agent_id) {
            const from = d.work.opportunity(task.opportunity_id)?.manager_id ?? null;
            d.work.setManager(task.opportunity_id, task.target_agent_id, at);
            d.work.insertActivity({ clientId: task.client_id, opportunityId: task.opportunity_id, agentId: me, kind: 'assignment', at, data: { ...data, from, to: task.target_agent_id, toName: d.work.agentName(task.target_agent_id), fromName: d.work.agentName(from) } });
          } else if (task.kind === 'invalidate' && task.opportunity_id) {
            const from = d.work.opportunity(task.opportunity_id)?.status ?? null;
            d.work.setStatus(task.opportunity_id, 'invalid_bdc', at);
            d.work.insertActivity({ clientId: task.client_id, opportunityId: task.opportunity_id, agentId: me, kind: 'invalidate', at, data: { ...data, from } });
          } else if (task.kind === 'cancel_meeting' && task.meeting_id) {
            d.work.setMeetingStatus(task.meeting_id, 'cancelled', at);
            d.work.insertActivity({ clientId: task.client_id, opportunityId: task.opportunity_id, meetingId: task.meeting_id, agentId: me, kind: 'cancel_meeting', at, data });
          }
        }
        d.work.closeDaTask(task.id, resolution, me, at);
      })();
      d.bus.emit('record:changed', { clientId: task.client_id });
      d.bus.emit('da:changed', {});
      return { taskId, state: resolution };
    },
  };
}
