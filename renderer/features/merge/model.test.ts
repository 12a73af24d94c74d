import { describe, expect, it } from 'vitest';
import { makeActivity, makeOpportunity, makeRecord } from '../record/record-fixture';
import {
  formatMatch,
  mergeCandidates,
  mergeErrorKind,
  preselection,
  summarizeMerge,
  toggleSelection,
  uniqueProposals,
} from './model';

const eloise = makeRecord({
  client: {
    id: 'keep',
    firstName: 'Éloïse',
    lastName: 'Côté',
    language: 'fr',
    cre: null,
    tag: 'or',
    createdAt: '2026-03-01T12:00:00.000Z',
  },
  phones: [{ id: 'p1', e164: '+15145550142', national: '(514) 555-0142', kind: 'mobile', smsCapable: true }],
  emails: [{ id: 'e1', email: 'eloise@exemple.ca' }],
  opportunities: [makeOpportunity({ id: 'o1' })],
  activities: [makeActivity({ id: 'a1' })],
});
const eloiseAgain = makeRecord({
  client: {
    id: 'b',
    firstName: 'Eloise',
    lastName: 'Cote',
    language: 'fr',
    cre: 'CRE-77',
    tag: 'bronze',
    createdAt: '2026-03-02T12:00:00.000Z',
  },
  phones: [
    { id: 'p2', e164: '+15145550142', national: '(514) 555-0142', kind: 'mobile', smsCapable: true },
    { id: 'p3', e164: '+14385550100', national: '(438) 555-0100', kind: 'home', smsCapable: false },
  ],
  emails: [{ id: 'e2', email: 'Eloise@Exemple.ca' }],
  opportunities: [makeOpportunity({ id: 'o2' }), makeOpportunity({ id: 'o3' })],
  activities: [makeActivity({ id: 'a2' }), makeActivity({ id: 'a3' })],
  texts: [
    { id: 't1', at: '2026-03-09T15:00:00.000Z', direction: 'in', body: 'Oui', templateName: null, agentName: null },
  ],
});
const atWork = makeRecord({
  client: {
    id: 'c',
    firstName: 'E.',
    lastName: 'Côté',
    language: 'fr',
    cre: null,
    tag: 'bronze',
    createdAt: '2026-03-03T12:00:00.000Z',
  },
  phones: [],
  emails: [{ id: 'e3', email: 'eloise.cote@travail.ca' }],
  opportunities: [makeOpportunity({ id: 'o4' })],
  activities: [],
});

describe('picking the records to merge', () => {
  it('Marc ticks two records, then a third is refused until he unticks one', () => {
    let selected = toggleSelection([], 'b');
    selected = toggleSelection(selected, 'c');
    expect(selected).toEqual(['b', 'c']);
    expect(toggleSelection(selected, 'd')).toEqual(['b', 'c']);
    selected = toggleSelection(selected, 'b');
    expect(selected).toEqual(['c']);
    expect(toggleSelection(selected, 'd')).toEqual(['c', 'd']);
  });

  it('an import proposal ticks its records, never the kept one, two at most, only real candidates', () => {
    const candidates = mergeCandidates(
      'keep',
      [{ clientId: 'b', name: 'Eloise Cote', phones: [], emails: [], opportunities: 2, matchedOn: ['+15145550142'] }],
      [atWork],
    );
    expect(preselection(candidates, ['c', 'b', 'b', 'ghost'])).toEqual(['c', 'b']);
    expect(preselection(candidates, ['keep'])).toEqual([]);
  });

  it('the duplicates found come first; a proposed record they lack is added and marked proposed', () => {
    const candidates = mergeCandidates(
      'keep',
      [
        {
          clientId: 'b',
          name: 'Eloise Cote',
          phones: ['+15145550142'],
          emails: [],
          opportunities: 2,
          matchedOn: ['+15145550142'],
        },
        { clientId: 'keep', name: 'Éloïse Côté', phones: [], emails: [], opportunities: 1, matchedOn: [] },
      ],
      [eloiseAgain, atWork],
    );
    expect(candidates.map((c) => [c.clientId, c.proposed])).toEqual([
      ['b', false],
      ['c', true],
    ]);
    expect(candidates[1]).toMatchObject({
      name: 'E. Côté',
      emails: ['eloise.cote@travail.ca'],
      opportunities: 1,
      matchedOn: [],
    });
  });
});

describe('the summary of a merge', () => {
  it('sums every OPP, activity and text, and keeps each number and e-mail once', () => {
    const summary = summarizeMerge(eloise, [eloiseAgain, atWork]);
    expect(summary.keep).toMatchObject({ clientId: 'keep', name: 'Éloïse Côté' });
    expect(summary.merged.map((m) => m.name)).toEqual(['Eloise Cote', 'E. Côté']);
    expect(summary.total).toEqual({ opportunities: 4, activities: 3, texts: 1, meetings: 0, calls: 0 });
    expect(summary.merged[0]?.counts).toEqual({ opportunities: 2, activities: 2, texts: 1, meetings: 0, calls: 0 });
    expect(summary.phones).toEqual(['+15145550142', '+14385550100']);
    expect(summary.emails).toEqual(['eloise@exemple.ca', 'eloise.cote@travail.ca']);
  });

  it('ends with a merged record’s CRE, as the service copies it over the kept one', () => {
    expect(summarizeMerge(eloise, [atWork]).cre).toBeNull();
    expect(summarizeMerge(eloise, [eloiseAgain, atWork]).cre).toBe('CRE-77');
    const withCre = makeRecord({ ...eloise, client: { ...eloise.client, cre: 'CRE-1' } });
    expect(summarizeMerge(withCre, [atWork]).cre).toBe('CRE-1');
  });
});

describe('showing proposals, matches and errors', () => {
  it('lists each import proposal once, in order, and drops the ones naming a single record', () => {
    const proposals = uniqueProposals([
      {
        mergeProposals: [
          ['a', 'b'],
          ['c', 'c'],
        ],
      },
      {
        mergeProposals: [
          ['b', 'a'],
          ['d', 'e', 'f'],
        ],
      },
    ]);
    expect(proposals).toEqual([
      ['a', 'b'],
      ['d', 'e', 'f'],
    ]);
  });

  it('reads a matched phone in local format and an e-mail as is', () => {
    expect(formatMatch('+15145550142')).toBe('(514) 555-0142');
    expect(formatMatch('eloise@exemple.ca')).toBe('eloise@exemple.ca');
  });

  it('explains a refused merge by its code, and anything else as a failure', () => {
    expect(mergeErrorKind('not_found')).toBe('not_found');
    expect(mergeErrorKind('invalid_input')).toBe('invalid_input');
    expect(mergeErrorKind('internal')).toBe('other');
    expect(mergeErrorKind('network')).toBe('other');
  });
});
