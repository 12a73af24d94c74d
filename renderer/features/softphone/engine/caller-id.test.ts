import { describe, it, expect } from 'vitest';
import { extractCallerId, parseNameAddr, uriNumber } from './caller-id';

describe('caller id of an incoming call', () => {
  it('takes the number from P-Asserted-Identity and keeps the From display name', () => {
    const id = extractCallerId({
      pAssertedIdentity: '<sip:+15145551234@gw.example.com;user=phone>',
      from: '"Jean Tremblay" <sip:anonymous@anonymous.invalid>;tag=abc',
    });
    expect(id).toEqual({
      number: '+15145551234',
      name: 'Jean Tremblay',
      uri: 'sip:+15145551234@gw.example.com',
      source: 'p-asserted-identity',
    });
  });

  it('prefers the tel: identity when the network asserts both a sip: and a tel: URI', () => {
    const id = extractCallerId({
      pAssertedIdentity: '"Garage Roy" <sip:roy@carrier.example>, <tel:+1-450-555-0101>',
      from: '<sip:roy@carrier.example>;tag=1',
    });
    expect(id.number).toBe('+14505550101');
    expect(id.name).toBe('Garage Roy');
    expect(id.source).toBe('p-asserted-identity');
  });

  it('falls back to From when there is no P-Asserted-Identity', () => {
    const id = extractCallerId({ from: '"Marie-Ève \\"Mév\\" Roy" <sip:4185550199@poste.test>;tag=xyz' });
    expect(id).toEqual({
      number: '4185550199',
      name: 'Marie-Ève "Mév" Roy',
      uri: 'sip:4185550199@poste.test',
      source: 'from',
    });
  });

  it('reads token display names, addr-spec Froms and escaped user parts', () => {
    expect(extractCallerId({ from: 'Client <sip:client@poste.test>' }).name).toBe('Client');
    expect(extractCallerId({ from: 'sip:%2B15145550000@poste.test;tag=1' })).toEqual({
      number: '+15145550000',
      uri: 'sip:%2B15145550000@poste.test',
      source: 'from',
    });
  });

  it('ignores an unusable P-Asserted-Identity', () => {
    const id = extractCallerId({ pAssertedIdentity: 'garbage', from: '<sip:5145550000@poste.test>' });
    expect(id.number).toBe('5145550000');
    expect(id.source).toBe('from');
  });

  it('parses name-addr edge cases', () => {
    expect(parseNameAddr('"A, B" <sip:ab@x.test>')).toEqual({ name: 'A, B', uri: 'sip:ab@x.test', number: 'ab' });
    expect(parseNameAddr('<mailto:a@b>')).toBeUndefined();
    expect(uriNumber('tel:+1 (514) 555-1234;ext=2')).toBe('+15145551234');
    expect(uriNumber('sip:poste.test')).toBe('');
  });
});
