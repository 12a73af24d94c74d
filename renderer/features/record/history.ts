import { LEAD_TYPES, OPPORTUNITY_STATUSES, type Language } from '../../../shared/domain/model';
import type { ActivityDto, ContactRecord } from '../../../shared/ipc/dto';
import { ofNames } from '../merge/wording';
import { CENTRE_TIME_ZONE, formatDateTime, formatDuration } from './format';

/**
 * The slice of i18next's `t` the formatter needs, bound to the `record` namespace
 * (`useTranslation('record').t` or `i18n.getFixedT(lng, 'record')`).
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface HistoryOptions {
  timeZone?: string;
  /** Resolves a meeting id to its subject (MT-1) when the activity's data lacks it. */
  meetingSubject?: (meetingId: string) => string | null;
  /**
   * Resolves an agent id to the agent's name, for the activities whose data hold ids
   * (Q-1's assignment: `{ from, to }`). The activity's own agent is resolved without it.
   */
  agentName?: (agentId: string) => string | null;
}

/**
 * The agents' names a record knows, by id (its activities' agents, its OPPs' managers,
 * handlers and collaborators): a fallback `agentName` when the console's list is not at hand.
 */
export function agentNamesOf(
  record: Pick<ContactRecord, 'activities' | 'opportunities'>,
): (agentId: string) => string | null {
  const names = new Map<string, string>();
  const add = (id: string | null, name: string | null) => {
    if (id && name?.trim() && !names.has(id)) names.set(id, name.trim());
  };
  for (const a of record.activities) add(a.agentId, a.agentName);
  for (const o of record.opportunities) {
    add(o.managerId, o.managerName);
    add(o.handledBy, o.handledByName);
    add(o.collaboratorId, o.collaboratorName);
  }
  return (agentId) => names.get(agentId) ?? null;
}

type Data = Record<string, unknown>;

/** The first of `keys` that holds a non-blank string (or a number, as text). */
function text(data: Data | null, ...keys: string[]): string | null {
  if (!data) return null;
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    if (Array.isArray(value)) {
      const items = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
      if (items.length > 0) return items.join(', ');
    }
  }
  return null;
}

/** The non-blank strings of an array field (`merged`, `mergedNames`). */
function strings(data: Data | null, key: string): string[] {
  const value = data?.[key];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}

/** A field that holds an id (never shown as is: an id is no name). */
function id(data: Data | null, key: string): string | null {
  const value = data?.[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function seconds(data: Data | null): number | null {
  if (!data) return null;
  for (const key of ['durationS', 'duration_s', 'duration']) {
    const value = data[key];
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n;
  }
  return null;
}

function statusLabel(value: string | null, t: Translate): string | null {
  if (value === null) return null;
  return (OPPORTUNITY_STATUSES as readonly string[]).includes(value) ? t(`statuses.${value}`) : value;
}

function leadTypeLabel(value: string | null, t: Translate): string | null {
  if (value === null) return null;
  return (LEAD_TYPES as readonly string[]).includes(value) ? t(`leadTypes.${value}`) : value;
}

/**
 * What happened, without the date: « Rappel effectué par Julie Tremblay, durée 03:07 ».
 * The six actions' lines are product.md's to the letter; the console's own kinds read
 * their `data` defensively (any field may be absent) and fall back to a plainer line.
 */
export function historyText(
  activity: ActivityDto,
  t: Translate,
  language: Language,
  options: HistoryOptions = {},
): string {
  const data = activity.data;
  const agent = activity.agentName?.trim() || text(data, 'agentName') || t('unknownAgent');
  const note = activity.note?.trim() || null;
  // Q-1 keeps the agent's reason for taking a lead out of order in the activity's note, and
  // an overridden verdict the reason the agent gave for it.
  const queued = text(data, 'rule') === 'Q-1';
  const reason = text(data, 'reason') ?? (queued || activity.kind === 'verdict_override' ? note : null);
  const withReason = (line: string): string => (reason ? line + t('history.reason', { reason }) : line);
  /** An agent id as a name: the activity's own agent, else the console's list; never the id. */
  const nameOf = (agentId: string | null): string | null => {
    if (!agentId) return null;
    if (agentId === activity.agentId && activity.agentName?.trim()) return activity.agentName.trim();
    return options.agentName?.(agentId)?.trim() || null;
  };
  /** the agent took the OPP from the queue, by « Lead suivant » or out of order. */
  const queueLine = (): string =>
    withReason(t(text(data, 'via') === 'out_of_order' ? 'history.queueOutOfOrder' : 'history.queueNext', { agent }));

  switch (activity.kind) {
    case 'call':
    case 'blead_call': {
      const inbound = activity.kind === 'call' && text(data, 'direction') === 'inbound';
      const line = t(inbound ? 'history.callInbound' : 'history.call', { agent });
      const duration = seconds(data);
      if (duration !== null) return line + t('history.duration', { duration: formatDuration(duration) });
      // Appeler's outcome once the call ended unanswered (issue 5): the actions namespace's words.
      return data?.answered === false ? line + t('actions:history.notAnswered') : line;
    }
    case 'sms': {
      const template = text(data, 'templateName', 'template');
      return template ? t('history.sms', { template, agent }) : t('history.smsBlank', { agent });
    }
    case 'email':
      return t('history.email', { agent });
    case 'redirect': {
      const recipient = text(data, 'recipientName', 'toName', 'targetName', 'recipient', 'to', 'email');
      return recipient ? t('history.redirect', { recipient, agent }) : t('history.redirectUnknown', { agent });
    }
    case 'result': {
      // The choice's English label when the record is read in English (the French one is the reference).
      const choice = (language === 'en' ? text(data, 'labelEn') : null) ?? text(data, 'label', 'choice', 'result') ?? note;
      return choice ? t('history.result', { choice, agent }) : t('history.resultUnknown', { agent });
    }
    case 'follow_up':
      return note ? t('history.followUp', { agent, note }) : t('history.followUpBlank', { agent });
    case 'note': {
      if (data?.action === 'merge') {
        // merge.ts: the merged records' names; lines written before them (with a bilingual
        // note, « Fiches fusionnées / Records merged: 3 ») only have their ids.
        const names = strings(data, 'mergedNames');
        if (names.length > 0) return t('history.merge', { count: names.length, ofNames: ofNames(names, language), agent });
        const merged = strings(data, 'merged');
        if (merged.length > 0) return t('history.mergeCount', { count: merged.length, agent });
        return t('history.mergeBlank', { agent });
      }
      // the agent already held the lead taken out of order; the note is the reason.
      if (queued && note) return queueLine();
      return note ? t('history.note', { agent, note }) : t('history.noteBlank', { agent });
    }
    case 'status_change': {
      const from = statusLabel(text(data, 'from', 'fromStatus'), t);
      const to = statusLabel(text(data, 'to', 'toStatus', 'status'), t);
      if (from && to) return withReason(t('history.statusChange', { from, to, agent }));
      if (to) return withReason(t('history.statusChangeTo', { to, agent }));
      return withReason(t('history.statusChangeBlank', { agent }));
    }
    case 'assignment': {
      const to = id(data, 'to');
      if (queued && (to === null || to === activity.agentId)) return queueLine();
      const target = text(data, 'targetName', 'toName', 'managerName') ?? nameOf(to);
      const from = text(data, 'fromName') ?? nameOf(id(data, 'from'));
      if (target && from) return withReason(t('history.assignmentFrom', { from, target, agent }));
      if (target) return withReason(t('history.assignment', { target, agent }));
      return withReason(t('history.assignmentBlank', { agent }));
    }
    case 'tag_da': {
      const target = text(data, 'targetName', 'ownerName', 'toName', 'to');
      return withReason(target ? t('history.tagDa', { target, agent }) : t('history.tagDaBlank', { agent }));
    }
    case 'invalidate':
      return withReason(t('history.invalidate', { agent }));
    case 'cancel_meeting': {
      const subject =
        text(data, 'subject') ?? (activity.meetingId ? (options.meetingSubject?.(activity.meetingId) ?? null) : null);
      return withReason(
        subject ? t('history.cancelMeeting', { subject, agent }) : t('history.cancelMeetingBlank', { agent }),
      );
    }
    case 'booking': {
      const subject =
        text(data, 'subject') ?? (activity.meetingId ? (options.meetingSubject?.(activity.meetingId) ?? null) : null);
      const at = text(data, 'at', 'meetingAt');
      if (subject && at && text(data, 'movedFrom')) {
        // RDV-1: a move keeps the booker; the line says who moved it, not who booked it.
        const when = formatDateTime(at, language, options.timeZone ?? CENTRE_TIME_ZONE);
        return t('actions:history.meetingMoved', { subject, when, agent });
      }
      if (subject && at) {
        const when = formatDateTime(at, language, options.timeZone ?? CENTRE_TIME_ZONE);
        return t('history.booking', { subject, when, agent });
      }
      if (subject) return t('history.bookingNoTime', { subject, agent });
      return t('history.bookingBlank', { agent });
    }
    case 'opportunity_created': {
      const type = leadTypeLabel(text(data, 'type', 'leadType'), t);
      if (!activity.agentName?.trim() && !text(data, 'agentName')) {
        return type ? t('history.opportunityReceived', { type }) : t('history.opportunityReceivedBlank');
      }
      return type ? t('history.opportunityCreated', { type, agent }) : t('history.opportunityCreatedBlank', { agent });
    }
    case 'verdict_override': {
      const rule = text(data, 'rule', 'rules', 'decision');
      return withReason(
        rule ? t('history.verdictOverride', { rule, agent }) : t('history.verdictOverrideBlank', { agent }),
      );
    }
    default: {
      // A kind added to the domain before this formatter knows it: show it rather than hide it.
      const unknown: string = activity.kind;
      return note ? `${unknown} — ${note}` : unknown;
    }
  }
}

/**
 * One line of zone 8: `{date} {heure} — {what}`, e.g.
 * « 2026-03-10 14 h 05 — Rappel effectué par Julie Tremblay, durée 03:07 ».
 */
export function historyLine(
  activity: ActivityDto,
  t: Translate,
  language: Language,
  options: HistoryOptions = {},
): string {
  const when = formatDateTime(activity.at, language, options.timeZone ?? CENTRE_TIME_ZONE);
  return t('history.line', { when, text: historyText(activity, t, language, options) });
}
