/** A verdict action string (`tag_da:o1:julie`) read for its button. */
export interface ParsedAction {
  raw: string;
  kind: string;
  agentId: string | null;
  note: string | null;
}

const KNOWN = new Set([
  'assign_opportunity',
  'tag_da',
  'assign_meeting',
  'invalidate_opportunity',
  'cancel_meeting',
  'add_note',
  'recompute_tag',
  'keep_meeting_owner',
  'create_opportunity',
  'ask_email',
]);

export function parseAction(raw: string): ParsedAction | null {
  const [kind = '', _first, ...rest] = raw.split(':');
  if (!KNOWN.has(kind)) return null;
  const tail = rest.join(':');
  return {
    raw,
    kind,
    agentId: kind === 'assign_opportunity' || kind === 'tag_da' || kind === 'assign_meeting' || kind === 'create_opportunity' ? tail || null : null,
    note: kind === 'add_note' ? tail : null,
  };
}
