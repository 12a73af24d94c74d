/**
 * The verdict's machine-readable actions (rules.md: `assign_opportunity:o1:marc`, …), parsed
 * into a union so the services can apply exactly one known thing per button.
 */
export type VerdictAction =
  | { kind: 'assign_opportunity'; opportunityId: string; agentId: string }
  | { kind: 'tag_da'; opportunityId: string; agentId: string }
  | { kind: 'assign_meeting'; meetingId: string; agentId: string }
  | { kind: 'invalidate_opportunity'; opportunityId: string }
  | { kind: 'cancel_meeting'; meetingId: string }
  | { kind: 'add_note'; opportunityId: string; note: string }
  | { kind: 'recompute_tag'; opportunityId: string }
  | { kind: 'keep_meeting_owner'; meetingId: string }
  | { kind: 'create_opportunity'; type: string; agentId: string }
  | { kind: 'ask_email' };

export function parseVerdictAction(raw: string): VerdictAction | null {
  const [kind, a, ...rest] = raw.split(':');
  const b = rest.join(':');
  switch (kind) {
    case 'assign_opportunity':
    case 'tag_da':
      return a && b ? { kind, opportunityId: a, agentId: b } : null;
    case 'assign_meeting':
      return a && b ? { kind, meetingId: a, agentId: b } : null;
    case 'invalidate_opportunity':
    case 'recompute_tag':
      return a && !b ? { kind, opportunityId: a } : null;
    case 'cancel_meeting':
    case 'keep_meeting_owner':
      return a && !b ? { kind, meetingId: a } : null;
    case 'add_note':
      return a && b ? { kind, opportunityId: a, note: b } : null;
    case 'create_opportunity':
      return a && b ? { kind, type: a, agentId: b } : null;
    case 'ask_email':
      return a === undefined ? { kind } : null;
    default:
      return null;
  }
}
