import type { Tag } from '../../../shared/domain/model';

/**
 * MT-2: the tag a file earns from its planned meetings. « Platine : si dépôt · Or : Si RDV sur
 * stock · Argent : Si RDV sur plusieurs stock ou inventaire »; A: no meeting → Bronze.
 */
export function tagFromMeetings(meetings: readonly { kind: string; deposit: boolean; stocks?: number }[]): Tag {
  if (meetings.length === 0) return 'bronze';
  if (meetings.some((m) => m.deposit || m.kind === 'deposit')) return 'platine';
  if (meetings.some((m) => m.kind === 'inventory' || (m.stocks ?? 1) > 1)) return 'argent';
  return 'or';
}
