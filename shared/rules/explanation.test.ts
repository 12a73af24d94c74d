/// <reference types="vite/client" />
/**
 * The verdict's explanation is read by the agent, aloud if need be: it names the meeting by its
 * day and time, the OPP by its type and day, the financing request by its source — never by a
 * database id, which stays in the verdict's fields and actions for the one-click buttons.
 * French uses the typographic apostrophe and the record's date style.
 */
import { describe, expect, it } from 'vitest';
import { decide, parseScenario } from './index';
import type { Scenario, ScenarioClient, ScenarioInput, Verdict } from './index';

/** What a database id looks like in the console (UUID v7). */
const UUID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}/i;

interface Fixture {
  title: string;
  scenario: unknown;
}

const modules = import.meta.glob<Fixture>('../../test/fixtures/rules/*.json', { eager: true, import: 'default' });
const fixtures = Object.entries(modules)
  .map(([path, fixture]) => ({ file: path.split('/').pop() ?? path, fixture }))
  .sort((a, b) => a.file.localeCompare(b.file));

function parsed(json: unknown): Scenario {
  const result = parseScenario(json);
  if (!result.ok) throw new Error(`${result.error.path}: ${result.error.message}`);
  return result.value;
}

/**
 * The scenario as the console builds it from its cache: every client, OPP and meeting id is a
 * UUID (`a087eb8d-da59-42b4-…`). Agents keep theirs: the console names them.
 */
function withDatabaseIds(s: Scenario): { scenario: Scenario; uuid: (id: string) => string } {
  const ids = new Map<string, string>();
  const uuid = (id: string): string => {
    let out = ids.get(id);
    if (out === undefined) {
      const n = (ids.size + 1).toString(16).padStart(4, '0');
      out = `a087eb${n.slice(0, 2)}-${n}-42b4-b423-2d54367e${n}`;
      ids.set(id, out);
    }
    return out;
  };
  const client = (c: ScenarioClient): ScenarioClient => ({
    ...c,
    id: uuid(`client:${c.id}`),
    opportunities: c.opportunities.map((o) => ({ ...o, id: uuid(`opp:${o.id}`) })),
    meetings: c.meetings.map((m) => ({
      ...m,
      id: uuid(`meeting:${m.id}`),
      opportunityId: uuid(`opp:${m.opportunityId}`),
    })),
    activities: c.activities.map((a) => ({
      ...a,
      ...(a.opportunityId !== undefined ? { opportunityId: uuid(`opp:${a.opportunityId}`) } : {}),
      ...(a.meetingId !== undefined ? { meetingId: uuid(`meeting:${a.meetingId}`) } : {}),
    })),
  });
  return {
    scenario: { ...s, client: s.client ? client(s.client) : null, emailMatches: s.emailMatches.map(client) },
    uuid: (id) => uuid(`opp:${id}`),
  };
}

function explanationOf(v: Verdict): string {
  return `${v.explanation.fr}\n${v.explanation.en}`;
}

describe('the explanation never shows a database id', () => {
  it.each(fixtures)('$fixture.title ($file)', ({ fixture }) => {
    const original = parsed(fixture.scenario);
    const { scenario, uuid } = withDatabaseIds(original);
    const v = decide(scenario);
    expect(explanationOf(v)).not.toMatch(UUID_LIKE);
    // The contract keeps the ids where the console needs them: same decision, ids in the fields.
    const before = decide(original);
    expect(v.decision).toBe(before.decision);
    expect(v.rules).toEqual(before.rules);
    expect(v.opportunityId).toBe(before.opportunityId === null ? null : uuid(before.opportunityId));
    expect(v.actions.length).toBe(before.actions.length);
  });
});

describe('the explanation uses the typographic apostrophe in both languages', () => {
  it.each(fixtures)('$fixture.title ($file)', ({ fixture }) => {
    const s = parsed(fixture.scenario);
    const v = decide(s);
    // Names are the agents' own spelling (« Kevin O'Brien »), not the engine's wording.
    let text = explanationOf(v);
    for (const a of s.agents) if (a.name) text = text.split(a.name).join('');
    expect(text).not.toContain("'");
  });
});

/** Nathalie Savard's file in the demo (review 2, item 1): a Credsii request and Emily's planned meeting. */
const NOW = '2026-12-07T03:00:00-05:00';
const financingClient = (label?: { fr: string; en: string }): ScenarioInput => ({
  now: NOW,
  timeZone: 'America/Toronto',
  channel: 'phone',
  receiverId: 'marc',
  agents: [
    { id: 'marc', name: 'Marc Gagnon', role: 'agent', onShift: true, presence: 'available' },
    { id: 'emily', name: 'Emily Smith', role: 'agent', onShift: true, presence: 'available' },
    { id: 'isabelle', name: 'Isabelle Côté', role: 'analyst', onShift: true, presence: 'available' },
    { id: 'sophie', name: 'Sophie Roy', role: 'da', onShift: true, presence: 'available' },
  ],
  client: {
    id: 'a087eb85-0000-4000-8000-000000000000',
    opportunities: [
      {
        id: 'a087eb88-d3e3-43d4-a95e-04234aaaf1cc',
        type: 'internet',
        department: 'bdc',
        status: 'appointment_booked',
        managerId: 'emily',
        handled: true,
        createdAt: '2026-12-03T03:19:00-05:00',
        ...(label ? { label } : {}),
      },
      {
        id: 'a087eb8d-da59-42b4-b423-2d54367e8aa1',
        type: 'financing',
        source: 'credsii_de',
        department: 'financing',
        status: 'in_progress',
        managerId: 'isabelle',
        createdAt: '2026-12-05T14:00:00-05:00',
      },
    ],
    meetings: [
      {
        id: 'a087eb8b-b243-47f2-b651-c7a00ee67353',
        opportunityId: 'a087eb88-d3e3-43d4-a95e-04234aaaf1cc',
        bookedBy: 'emily',
        at: '2026-12-08T10:00:00-05:00',
        status: 'planned',
        deposit: false,
      },
    ],
    activities: [],
    chats: [],
    texts: [],
  },
});

describe('FIN-1 names what the DA must undo', () => {
  it('names the request by its source, the meeting by its day and time, the OPP by its type and day', () => {
    const v = decide(parsed(financingClient()));
    expect(v.decision).toBe('escalate_da');
    expect(v.actions).toEqual([
      'cancel_meeting:a087eb8b-b243-47f2-b651-c7a00ee67353',
      'invalidate_opportunity:a087eb88-d3e3-43d4-a95e-04234aaaf1cc',
    ]);
    expect(v.explanation.fr).toBe(
      'Le client a une demande de financement (Credsii cote D/E, créée le 2026-12-05) alors qu’il a déjà un rendez-vous ou un contrat/dépôt au BDC : ' +
        'annulez le rendez-vous du 2026-12-08 à 10 h 00 et allez voir un DA immédiatement (Sophie Roy est en poste), ' +
        'qui supprimera la réunion et mettra l’OPP « Lead Internet du 2026-12-03 » invalide. ' +
        'À noter : autres dossiers ouverts : « Lead Internet du 2026-12-03 » (BDC).',
    );
    expect(v.explanation.en).toBe(
      'The client has a financing request (Credsii D/E rating, created on 2026-12-05) while already having a BDC meeting or a contract/deposit: ' +
        'cancel the meeting on 2026-12-08 at 10:00 and see a DA right away (Sophie Roy is on shift), ' +
        'who will delete the meeting and set OPP “Internet lead of 2026-12-03” invalid. ' +
        'Also: other open files: “Internet lead of 2026-12-03” (BDC).',
    );
  });

  it('uses the console’s label for the OPP when it gives one', () => {
    const v = decide(parsed(financingClient({ fr: '« Lead Internet du 3 déc. »', en: '“Internet lead of Dec. 3”' })));
    expect(v.explanation.fr).toContain('mettra l’OPP « Lead Internet du 3 déc. » invalide');
    expect(v.explanation.en).toContain('set OPP “Internet lead of Dec. 3” invalid');
  });
});

describe('NS-1 names the missed meeting', () => {
  it('by its day and time and by who booked it, in the centre’s zone', () => {
    const s = parsed({
      now: '2026-12-07T03:00:00-05:00',
      receiverId: 'marc',
      agents: [
        { id: 'marc', name: 'Marc Gagnon', onShift: true, presence: 'available' },
        { id: 'julie', name: 'Julie Tremblay', onShift: true, presence: 'on_call' },
      ],
      client: {
        id: 'a087eb7a-0000-4000-8000-000000000000',
        opportunities: [
          {
            id: 'a087eb7c-0000-4000-8000-000000000000',
            type: 'internet',
            department: 'bdc',
            status: 'in_progress',
            managerId: 'julie',
            handled: true,
            createdAt: '2026-12-01T10:00:00-05:00',
          },
        ],
        meetings: [
          {
            id: 'a087eb7b-0c60-4b76-bfdd-7395d6bbdfe5',
            opportunityId: 'a087eb7c-0000-4000-8000-000000000000',
            bookedBy: 'julie',
            at: '2026-12-05T14:30:00-05:00',
            status: 'no_show',
          },
        ],
        activities: [
          {
            at: '2026-12-06T21:19:00-05:00',
            agentId: 'julie',
            kind: 'follow_up',
            meetingId: 'a087eb7b-0c60-4b76-bfdd-7395d6bbdfe5',
            note: 'PDR J1 R1',
          },
        ],
      },
    });
    const v = decide(s);
    expect(v.decision).toBe('book_for_owner');
    expect(v.explanation.fr).toBe(
      'Le client a fait un no-show au rendez-vous du 2026-12-05 à 14 h 30 pris par Julie Tremblay, qui l’a relancé le 2026-12-06 à 21 h 19 (il y a 72 h ou moins) ' +
        'et est en appel : bookez le nouveau rendez-vous au nom de Julie Tremblay, ses no-show lui restent.',
    );
    expect(v.explanation.en).toBe(
      'The client was a no-show at the meeting on 2026-12-05 at 14:30 booked by Julie Tremblay, who followed it up on 2026-12-06 at 21:19 (72 h ago or less) ' +
        'and is on a call: book the new meeting in Julie Tremblay’s name; their no-shows stay theirs.',
    );
  });
});
