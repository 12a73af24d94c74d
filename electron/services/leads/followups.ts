import type { Tag } from '../../../shared/domain/model';
import { refusal } from '../../../shared/ipc/error-texts';
import { localParts } from '../../../shared/rules/time';
import { zonedToInstant } from '../../../shared/time/zoned';
import { isOnShift } from '../db/repos/agents';
import { leadsRepo } from '../db/repos/leads';
import type { ServiceContext } from '../context';

/**
 * Follow-ups (relances), from the procedures:
 * - FU-1 — « Chaque client doit être contacté tous les jours (appels et textos) idéalement 3
 *   round. Après 7 jours consécutifs sans contact, le dossier peut être mis Perdu BDC. »
 * - FU-2 — « il doit laisser une note claire dans le dossier. Exemple : PDR J3 R1 + TEXTO »
 * - FU-3 — « Si un agent ou un analyste est absent, tout le monde peut relancer ses
 *   clients »; no-shows of an agent on shift are theirs, even on break or lunch.
 *
 * Counters are computed from the activities, never stored (the history is the truth):
 * - the streak starts at the OPP's creation or the client's last contact, whichever is later
 *   (contact = a text from the client, an answered call in the call log, or a call activity
 *   marked answered);
 * - J (day) = the number of calendar days (centre's zone) on which a follow-up was logged in
 *   the streak, counting today; R (round) = today's follow-ups + 1;
 * - « + TEXTO » when a text went out to the client since the previous round today (or since
 *   the start of the day for R1);
 * - Perdu BDC is proposed when 7 or more calendar days have passed since the streak started
 *   (A: "7 consecutive days without contact" read as calendar days, weekends included).
 */

export const ROUNDS_PER_DAY = 3;
export const LOST_AFTER_DAYS = 7;

/** FU-2: the note of one follow-up. */
export function composeFollowUpNote(day: number, round: number, textSent: boolean): string {
  return `PDR J${day} R${round}${textSent ? ' + TEXTO' : ''}`;
}

export interface FollowUpState {
  opportunityId: string;
  clientId: string;
  day: number;
  round: number;
  roundsToday: number;
  textSent: boolean;
  daysWithoutContact: number;
  proposeLost: boolean;
  note: string;
}

export interface FollowUpItem extends FollowUpState {
  name: string;
  tag: Tag;
  managerId: string;
  managerName: string | null;
  /** Shown to others because the manager is absent (FU-3). */
  coverFor: boolean;
}

export type FollowUpDeps = Pick<ServiceContext, 'db' | 'work' | 'agents' | 'now' | 'settings' | 'receiver' | 'bus'>;

function dayNumber(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Math.round(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

export function followUpService(deps: FollowUpDeps) {
  const repo = leadsRepo(deps.db);

  function state(opportunityId: string): FollowUpState {
    const opp = repo.opportunity(opportunityId);
    if (!opp) throw refusal('not_found', 'opportunity_not_found', { id: opportunityId }, 'opportunityId');
    const { timeZone } = deps.settings();
    const nowMs = deps.now().getTime();
    const today = dayNumber(nowMs, timeZone);
    const lastContact = repo.lastContactAt(opp.client_id);
    const start = lastContact && lastContact > opp.created_at ? lastContact : opp.created_at;
    const followUps = repo.followUpsSince(opp.id, start);
    const days = new Set(followUps.map((f) => dayNumber(Date.parse(f.at), timeZone)));
    const todays = followUps.filter((f) => dayNumber(Date.parse(f.at), timeZone) === today);
    const day = days.size + (days.has(today) ? 0 : 1);
    const round = todays.length + 1;
    const p = localParts(nowMs, timeZone);
    const startOfDay = zonedToInstant(p.year, p.month, p.day, 0, 0, timeZone).toISOString();
    const since = todays.length ? todays[todays.length - 1]!.at : startOfDay;
    const textSent = repo.textsOutSince(opp.client_id, since > start ? since : start) > 0;
    const daysWithoutContact = today - dayNumber(Date.parse(start), timeZone);
    return {
      opportunityId: opp.id,
      clientId: opp.client_id,
      day,
      round,
      roundsToday: todays.length,
      textSent,
      daysWithoutContact,
      // Perdu BDC is a BDC status: an analyst's (financing) file is followed up, never set so.
      proposeLost: opp.department === 'bdc' && daysWithoutContact >= LOST_AFTER_DAYS,
      note: composeFollowUpNote(day, round, textSent),
    };
  }

  /** Who is absent (FU-3, rules.md: not on shift, or offline) and who is on shift, right now. */
  function presence() {
    const { timeZone } = deps.settings();
    const now = deps.now();
    const shifts = deps.agents.shifts();
    const agents = deps.agents.list();
    const onShift = new Map(agents.map((a) => [a.id, isOnShift(shifts.filter((s) => s.agent_id === a.id), now, timeZone)]));
    return {
      agents,
      onShift: (id: string) => onShift.get(id) ?? false,
      absent: (id: string) => !(onShift.get(id) ?? false) || agents.find((a) => a.id === id)?.presence === 'offline',
    };
  }

  /**
   * FU-3: why `me` may not follow this OPP up, or null when they may. The day's list offers
   * only what logging would accept: the same question for both.
   */
  function whyNot(opp: { id: string; manager_id: string | null }, me: string, who: ReturnType<typeof presence>) {
    if (!opp.manager_id) return refusal('conflict', 'followup_in_queue', {}, 'opportunityId');
    // An on-shift agent's no-shows are theirs, even on a file someone else manages.
    const meeting = repo.latestMeeting(opp.id);
    if (meeting?.status === 'no_show' && meeting.booked_by && meeting.booked_by !== me && who.onShift(meeting.booked_by)) {
      return refusal('forbidden', 'followup_noshow_booker', {}, 'opportunityId');
    }
    if (opp.manager_id !== me && !who.absent(opp.manager_id)) return refusal('forbidden', 'followup_manager_on_shift', {}, 'opportunityId');
    return null;
  }

  /** FU-3: may `me` follow this OPP up? Throws the reason when not. */
  function checkMayFollowUp(opp: { id: string; manager_id: string | null }, me: string, who = presence()): void {
    const refused = whyNot(opp, me, who);
    if (refused) throw refused;
  }

  return {
    state,

    /** FU-1: today's follow-ups for the agent at the console: theirs, and absent colleagues' (FU-3). */
    today(limit: number): FollowUpItem[] {
      const me = deps.receiver().id;
      const who = presence();
      const managers = [me, ...who.agents.filter((a) => a.id !== me && (a.role === 'agent' || a.role === 'analyst') && who.absent(a.id)).map((a) => a.id)];
      const names = new Map(who.agents.map((a) => [a.id, a.name]));
      const out: FollowUpItem[] = [];
      // Candidates are read in queue order, a bounded number per manager, so the list stays
      // quick at a million clients; the rest comes as the first ones are worked.
      for (const managerId of managers) {
        for (const row of repo.followUpCandidates(managerId, Math.max(limit * 2, 100))) {
          if (out.length >= limit) break;
          if (whyNot({ id: row.id, manager_id: managerId }, me, who)) continue;
          const s = state(row.id);
          if (s.roundsToday >= ROUNDS_PER_DAY) continue;
          out.push({
            ...s,
            name: `${row.first_name} ${row.last_name}`.trim(),
            tag: row.tag,
            managerId,
            managerName: names.get(managerId) ?? null,
            coverFor: managerId !== me,
          });
        }
      }
      return out;
    },

    /**
     * Logs a follow-up with its composed note (FU-2). It is the agent's action on the file:
     * the OPP becomes handled by its manager if it was not yet, and the agent its collaborator.
     */
    log(opportunityId: string, options: { textSent?: boolean }): FollowUpState {
      const me = deps.receiver().id;
      const at = deps.now().toISOString();
      const result = deps.db
        .transaction(() => {
          const opp = repo.opportunity(opportunityId);
          if (!opp) throw refusal('not_found', 'opportunity_not_found', { id: opportunityId }, 'opportunityId');
          if (!['in_progress', 'response_sent', 'contacted'].includes(opp.status)) {
            throw refusal('conflict', 'followup_closed', { status: opp.status }, 'opportunityId');
          }
          checkMayFollowUp(opp, me);
          const s = state(opportunityId);
          // FU-1 says "ideally 3 rounds": a fourth is allowed and numbered R4.
          const textSent = s.textSent || options.textSent === true;
          const note = composeFollowUpNote(s.day, s.round, textSent);
          deps.work.insertActivity({
            clientId: opp.client_id,
            opportunityId: opp.id,
            agentId: me,
            kind: 'follow_up',
            at,
            note,
            data: { day: s.day, round: s.round, text: textSent, rule: 'FU-2' },
          });
          if (opp.manager_id === me) repo.markHandled(opp.id, me, at);
          repo.setCollaborator(opp.id, me, at);
          return { ...s, textSent, note, roundsToday: s.roundsToday + 1, round: s.round };
        })
        .immediate();
      deps.bus.emit('record:changed', { clientId: result.clientId });
      deps.bus.emit('queue:changed', {});
      return result;
    },

    /** FU-1: after 7 days without contact, the agent may set the file Perdu BDC. */
    markLost(opportunityId: string): { opportunityId: string; status: 'lost_bdc' } {
      const me = deps.receiver().id;
      const at = deps.now().toISOString();
      const clientId = deps.db
        .transaction(() => {
          const opp = repo.opportunity(opportunityId);
          if (!opp) throw refusal('not_found', 'opportunity_not_found', { id: opportunityId }, 'opportunityId');
          if (!['in_progress', 'response_sent', 'contacted'].includes(opp.status)) {
            throw refusal('conflict', 'followup_closed', { status: opp.status }, 'opportunityId');
          }
          checkMayFollowUp(opp, me);
          if (opp.department !== 'bdc') throw refusal('conflict', 'lost_not_bdc', {}, 'opportunityId');
          const s = state(opportunityId);
          if (!s.proposeLost) {
            throw refusal('conflict', 'followup_lost_too_early', { count: s.daysWithoutContact, after: LOST_AFTER_DAYS }, 'opportunityId');
          }
          deps.work.setStatus(opp.id, 'lost_bdc', at);
          deps.work.insertActivity({ clientId: opp.client_id, opportunityId: opp.id, agentId: me, kind: 'status_change', at, data: { from: opp.status, to: 'lost_bdc', rule: 'FU-1' } });
          return opp.client_id;
        })
        .immediate();
      deps.bus.emit('record:changed', { clientId });
      return { opportunityId, status: 'lost_bdc' };
    },
  };
}
export type FollowUpService = ReturnType<typeof followUpService>;
