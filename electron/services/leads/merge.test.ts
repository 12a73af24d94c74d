import { describe, expect, it } from 'vitest';
import { addAgent, addClient, ALWAYS } from '../../../test/support/seed';
import { testServices } from './test-support';

describe('the merge’s history line', () => {
  it('Marc merges Antoine’s and Catherine’s records into Éloïse’s: one line that names them, in no language', async () => {
    const s = testServices();
    addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
    const keep = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté-Tremblay', phones: ['+15145550142'] });
    const antoine = addClient(s.db, { firstName: 'Antoine', lastName: 'Côté', phones: ['+15145550142'] });
    const catherine = addClient(s.db, {
      firstName: 'Catherine',
      lastName: 'Côté-Tremblay',
      emails: ['cct@exemple.ca'],
    });

    await s.handlers['clients:merge']({ clientId: keep, mergeIds: [antoine, catherine] });

    const lines = s.db
      .prepare("SELECT kind, agent_id, note, data FROM activities WHERE client_id = ? AND kind = 'note'")
      .all(keep) as { kind: string; agent_id: string; note: string | null; data: string }[];
    expect(lines).toHaveLength(1);
    const [line] = lines;
    // No words stored: the console says it in the agent's language; no note, so no remark (NT-1).
    expect(line!.note).toBeNull();
    expect(line!.agent_id).toBe('marc');
    expect(JSON.parse(line!.data)).toMatchObject({
      action: 'merge',
      merged: [antoine, catherine],
      mergedNames: ['Antoine Côté', 'Catherine Côté-Tremblay'],
    });
    s.close();
  });
});
