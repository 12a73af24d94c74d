import { describe, expect, it } from 'vitest';
import { buildSearchQuery } from './search';

describe('what an agent types, as a search', () => {
  it('reads a number typed any way as phone digits', () => {
    expect(buildSearchQuery('(514) 555-0')).toBe('phones : "5145550"*');
    expect(buildSearchQuery('1 514 555 0199')).toBe('phones : "5145550199"*');
  });

  it('quotes every word so typed operators change nothing', () => {
    expect(buildSearchQuery('julie OR "x" NEAR')).toBe(
      '{name emails phones} : "julie"* AND {name emails phones} : "or"* AND {name emails phones} : "x"* AND {name emails phones} : "near"*'.replace(' AND {name emails phones} : "x"*', ''),
    );
  });

  it('drops a lone initial beside a real word, keeps it when it is all there is', () => {
    expect(buildSearchQuery('Bélanger M')).toBe('{name emails phones} : "bélanger"*');
    expect(buildSearchQuery('m')).toBe('{name emails phones} : "m"*');
  });

  it('has nothing to search for in blanks or too few digits', () => {
    expect(buildSearchQuery('   ')).toBeNull();
    expect(buildSearchQuery('51')).toBeNull();
  });
});
