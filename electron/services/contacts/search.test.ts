import { describe, expect, it } from 'vitest';
import { planSearch } from './search';

describe('what an agent types, as a search', () => {
  it('reads a number typed any way as its digits, country code and all', () => {
    expect(planSearch('(514) 555-0')).toEqual({ kind: 'phone', digits: '5145550' });
    expect(planSearch('1 514 555 0199')).toEqual({ kind: 'phone', digits: '15145550199' });
    expect(planSearch('+33 6 12')).toEqual({ kind: 'phone', digits: '33612' });
    expect(planSearch('514.555.0199')).toEqual({ kind: 'phone', digits: '5145550199' });
    expect(planSearch('514 555 0199 #')).toEqual({ kind: 'phone', digits: '5145550199' });
  });

  it('quotes every word over names and e-mails, so typed operators change nothing', () => {
    expect(planSearch('julie OR "x" NEAR')).toEqual({
      kind: 'text',
      match: '{name emails} : "julie"* AND {name emails} : "or"* AND {name emails} : "near"*',
      words: null,
      phoneDigits: [],
    });
  });

  it('reads a group of digits among words both as text and as the start of a number', () => {
    expect(planSearch('Tremblay 514-555')).toEqual({
      kind: 'text',
      match: '{name emails} : "tremblay"* AND {name emails} : "514"* AND {name emails} : "555"*',
      words: '{name emails} : "tremblay"*',
      phoneDigits: ['514555'],
    });
    expect(planSearch('514 Roy 555 0199')).toMatchObject({
      words: '{name emails} : "roy"*',
      phoneDigits: ['514', '5550199'],
    });
    // Two digits are too few to be a number: text only.
    expect(planSearch('julie 42')).toEqual({
      kind: 'text',
      match: '{name emails} : "julie"* AND {name emails} : "42"*',
      words: null,
      phoneDigits: [],
    });
  });

  it('drops a lone initial beside a real word, keeps it when it is all there is', () => {
    expect(planSearch('Bélanger M')).toMatchObject({ match: '{name emails} : "bélanger"*' });
    expect(planSearch('m')).toMatchObject({ match: '{name emails} : "m"*' });
  });

  it('reads a name with an apostrophe as one word, as the search row indexes it', () => {
    expect(planSearch("O'Brien")).toMatchObject({ match: '{name emails} : "obrien"*' });
    expect(planSearch('Réjean d’Amours')).toMatchObject({ match: '{name emails} : "réjean"* AND {name emails} : "damours"*' });
    // An apostrophe that does not join two letters still separates.
    expect(planSearch("Roy ' Côté")).toMatchObject({ match: '{name emails} : "roy"* AND {name emails} : "côté"*' });
  });

  it('has nothing to search for in blanks or too few digits', () => {
    expect(planSearch('   ')).toBeNull();
    expect(planSearch('51')).toBeNull();
    expect(planSearch('(5)')).toBeNull();
  });
});
