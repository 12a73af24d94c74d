import { describe, expect, it } from 'vitest';
import { testServices } from '../../leads/test-support';
import { newId } from '../ids';
import { leadsRepo } from './leads';

/** Characters JSON escapes or spells in several ways, and ones it does not escape at all. */
const AWKWARD = 'O\'Brien "Bob" \\ back\\slash / tab\t nl\n cr\r \u2028\u2029 é ñ 日本 😀 \u0001 \u007f';

describe('leadsRepo bulk writes (one JSON array of rows, read with jsonb_each)', () => {
  it('store every character and every type exactly as given', () => {
    const s = testServices();
    const repo = leadsRepo(s.db);
    const at = '2026-03-10T14:00:00.000Z';
    const clientId = newId();
    const oppId = newId();
    s.db.transaction(() => {
      repo.insertClientRows([[clientId, AWKWARD, 'Tremblay', 'en']], at);
      repo.insertPhoneRows([[newId(), clientId, '+15145550199', 'mobile', 1]], at);
      repo.insertEmailRows([[newId(), clientId, 'o.brien+bob@exemple.ca']], at);
      repo.insertOpportunityRows(
        [
          [
            oppId,
            clientId,
            'internet',
            'Kijiji',
            AWKWARD,
            'or',
            null,
            AWKWARD,
            2022,
            'Mazda',
            'CX-5',
            null,
            'S-12',
            '1HGCM82633A004352',
            null,
            '2026-03-10T13:00:00.000Z',
          ],
        ],
        at,
      );
      repo.insertActivityRows([
        [
          newId(),
          clientId,
          oppId,
          'opportunity_created',
          '2026-03-10T13:00:00.000Z',
          JSON.stringify({ note: AWKWARD, n: 1.5 }),
        ],
      ]);
    })();

    expect(s.db.prepare('SELECT first_name, last_name, language FROM clients WHERE id = ?').get(clientId)).toEqual({
      first_name: AWKWARD,
      last_name: 'Tremblay',
      language: 'en',
    });
    expect(s.db.prepare('SELECT e164, kind, sms_capable FROM client_phones WHERE client_id = ?').get(clientId)).toEqual(
      { e164: '+15145550199', kind: 'mobile', sms_capable: 1 },
    );
    const opp = s.db
      .prepare(
        'SELECT provider_ref, tag, manager_id, message, vehicle_year, typeof(vehicle_year) AS year_type, vehicle_trim, vehicle_vin FROM opportunities WHERE id = ?',
      )
      .get(oppId);
    expect(opp).toEqual({
      provider_ref: AWKWARD,
      tag: 'or',
      manager_id: null,
      message: AWKWARD,
      vehicle_year: 2022,
      year_type: 'integer',
      vehicle_trim: null,
      vehicle_vin: '1HGCM82633A004352',
    });
    const act = s.db.prepare('SELECT data FROM activities WHERE opportunity_id = ?').get(oppId) as { data: string };
    expect(JSON.parse(act.data)).toEqual({ note: AWKWARD, n: 1.5 });
    expect(
      repo.existingProviderRefs([
        ['Kijiji', AWKWARD],
        ['Kijiji', 'other'],
      ]),
    ).toEqual(new Set([`Kijiji\u0000${AWKWARD}`]));
    s.close();
  });
});
