/// <reference types="vite/client" />
/**
 * Table-driven tests: every scenario in test/fixtures/rules/*.json with its expected verdict.
 * Fixtures are loaded with Vite's import.meta.glob so shared/ needs no node:fs.
 */
import { describe, expect, it } from 'vitest';
import { RULE_IDS, decide, parseScenario, verdictSchema } from './index';
import type { RuleId, Verdict } from './index';

interface Expectation {
  decision: Verdict['decision'];
  /** The first rule IDs, in order. */
  rules: RuleId[];
  transferTo?: string | null;
  owner?: string | null;
  opportunityId?: string | null;
  reservedUntil?: string | null;
  actions?: string[];
  actionsInclude?: string[];
  actionsExclude?: string[];
  rulesInclude?: RuleId[];
  rulesExclude?: RuleId[];
  /** Ids of the expected otherOpenFiles, in order. */
  otherOpenFiles?: string[];
  explanationIncludes?: { fr?: string; en?: string };
}

interface Fixture {
  title: string;
  scenario: unknown;
  expect: Expectation;
}

const modules = import.meta.glob<Fixture>('../../test/fixtures/rules/*.json', {
  eager: true,
  import: 'default',
});
const fixtures = Object.entries(modules)
  .map(([path, fixture]) => ({ file: path.split('/').pop() ?? path, fixture }))
  .sort((a, b) => a.file.localeCompare(b.file));

function verdictOf(fixture: Fixture): Verdict {
  const parsed = parseScenario(fixture.scenario);
  if (!parsed.ok) throw new Error(`${parsed.error.path}: ${parsed.error.message}`);
  return decide(parsed.value);
}

function checkOptional(v: Verdict, e: Expectation): void {
  if (e.transferTo !== undefined) expect(v.transferTo).toBe(e.transferTo);
  if (e.owner !== undefined) expect(v.owner).toBe(e.owner);
  if (e.opportunityId !== undefined) expect(v.opportunityId).toBe(e.opportunityId);
  if (e.reservedUntil !== undefined) expect(v.reservedUntil).toBe(e.reservedUntil);
  if (e.actions !== undefined) expect(v.actions).toEqual(e.actions);
  for (const a of e.actionsInclude ?? []) expect(v.actions).toContain(a);
  for (const a of e.actionsExclude ?? []) expect(v.actions).not.toContain(a);
  for (const r of e.rulesInclude ?? []) expect(v.rules).toContain(r);
  for (const r of e.rulesExclude ?? []) expect(v.rules).not.toContain(r);
  if (e.otherOpenFiles !== undefined) {
    expect(v.otherOpenFiles.map((f) => f.opportunityId)).toEqual(e.otherOpenFiles);
  }
  if (e.explanationIncludes?.fr) expect(v.explanation.fr).toContain(e.explanationIncludes.fr);
  if (e.explanationIncludes?.en) expect(v.explanation.en).toContain(e.explanationIncludes.en);
}

describe('inbound verdicts from the fixtures', () => {
  it('finds the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(3 * RULE_IDS.length);
  });

  it.each(fixtures)('$fixture.title ($file)', ({ fixture }) => {
    const v = verdictOf(fixture);
    expect(verdictSchema.safeParse(v).success).toBe(true);
    expect(v.decision).toBe(fixture.expect.decision);
    expect(v.rules.slice(0, fixture.expect.rules.length)).toEqual(fixture.expect.rules);
    checkOptional(v, fixture.expect);
  });

  it('covers every rule of the catalogue with at least three fixtures', () => {
    const counts = new Map<RuleId, number>();
    for (const { fixture } of fixtures) {
      const cited = new Set([...fixture.expect.rules, ...(fixture.expect.rulesInclude ?? [])]);
      for (const id of cited) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    const thin = RULE_IDS.filter((id) => (counts.get(id) ?? 0) < 3);
    expect(thin).toEqual([]);
  });
});

describe('explanations read aloud', () => {
  const byFile = (name: string): Fixture => {
    const found = fixtures.find((f) => f.file === name);
    if (!found) throw new Error(`missing fixture ${name}`);
    return found.fixture;
  };

  it('names the agents and says what Marc does when Julie is on a call (PU-1b)', () => {
    const v = verdictOf(byFile('pu-1b--manager-on-a-call-book-and-tag-da.json'));
    expect(v.explanation.fr).toContain('Julie Tremblay');
    expect(v.explanation.fr).toContain('Marc Gagnon');
    expect(v.explanation.fr).toContain('en appel');
    expect(v.explanation.en).toContain('Julie Tremblay, who is on a call');
    expect(v.explanation.en).toContain('Marc Gagnon books the meeting');
  });

  it('gives times in local Toronto time in both languages (CB-1)', () => {
    const v = verdictOf(byFile('cb-1--callback-within-3h-goes-to-note-author.json'));
    expect(v.explanation.fr).toContain('à 12 h 05');
    expect(v.explanation.en).toContain('at 12:05');
  });

  it('gives the day when the time is not today, as the record writes it (NS-1)', () => {
    const v = verdictOf(byFile('ns-1--no-show-followed-up-transfer-to-booker.json'));
    expect(v.explanation.fr).toContain('le 2026-03-09 à 17 h 00');
    expect(v.explanation.en).toContain('on 2026-03-09 at 17:00');
  });

  it('shows the countdown end of a reserved text (SMS-3a)', () => {
    const v = verdictOf(byFile('sms-3a--reserved-for-the-colleague-who-answered.json'));
    expect(v.explanation.fr).toContain('jusqu’à 14 h 06');
    expect(v.explanation.en).toContain('until 14:06');
  });

  it('makes the NS-3 assumption visible', () => {
    const v = verdictOf(byFile('ns-3--booker-not-on-shift.json'));
    expect(v.explanation.fr).toMatch(/Hypothèse/);
    expect(v.explanation.en).toMatch(/Assumption/);
  });

  it('says the tag is recomputed when the OPP changes hands (NL-1b)', () => {
    const v = verdictOf(byFile('nl-1b--opp-from-an-earlier-month.json'));
    expect(v.explanation.fr).toContain('balise est recalculée');
    expect(v.explanation.en).toContain('tag is recomputed');
    expect(v.explanation.fr).toContain('février 2026');
  });
});
