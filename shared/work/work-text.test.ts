import { describe, expect, it } from 'vitest';
import { composeSubject, meetingTag, parseStocks, stocksInSubject } from './booking';
import { buildMailto, isEmailAddress } from './mailto';
import { SMS_PLACEHOLDERS, countSms, fillTemplate, placeholderKey, placeholdersLeft } from './sms-text';

describe('MT-1: the meeting subject', () => {
  it('composes each kind with the first name upper-cased', () => {
    expect(composeSubject('inventory', 'éloïse', [])).toEqual({ ok: true, subject: 'ÉLOÏSE / INVENTAIRE' });
    expect(composeSubject('stock', ' Marc-André ', ['s12345'])).toEqual({ ok: true, subject: 'MARC-ANDRÉ / S12345' });
    expect(composeSubject('deposit', 'Julie', ['A1'])).toEqual({ ok: true, subject: 'DÉPÔT / JULIE / A1' });
    expect(composeSubject('virtual', 'Julie', ['A1'])).toEqual({ ok: true, subject: 'VIRTUEL / JULIE / A1' });
    expect(composeSubject('transfer', 'Julie', ['A1', 'B2'])).toEqual({
      ok: true,
      subject: 'TRANSFERT / JULIE / A1, B2',
    });
  });
  it('refuses a missing first name, or a missing stock when the kind needs one', () => {
    expect(composeSubject('stock', '  ', ['A1'])).toEqual({ ok: false, error: 'first_name' });
    expect(composeSubject('stock', 'Julie', [' '])).toEqual({ ok: false, error: 'stock' });
    expect(composeSubject('inventory', 'Julie', [])).toMatchObject({ ok: true });
  });
  it('splits typed stock numbers and counts them back from a subject', () => {
    expect(parseStocks('a1, b2;c3  a1')).toEqual(['A1', 'B2', 'C3']);
    expect(stocksInSubject('JULIE / A1, B2')).toBe(2);
    expect(stocksInSubject('DÉPÔT / JULIE / A1')).toBe(1);
    expect(stocksInSubject('JULIE / INVENTAIRE')).toBe(0);
  });
});

describe('MT-2: the tag a meeting earns', () => {
  it('deposit → platine; one stock → or; several stocks or inventory → argent', () => {
    expect(meetingTag('deposit', 1, true)).toBe('platine');
    expect(meetingTag('stock', 1, true)).toBe('platine');
    expect(meetingTag('stock', 1, false)).toBe('or');
    expect(meetingTag('virtual', 1, false)).toBe('or');
    expect(meetingTag('stock', 2, false)).toBe('argent');
    expect(meetingTag('inventory', 0, false)).toBe('argent');
  });
});

describe('SMS counter: GSM-7 or UCS-2, and segments', () => {
  it('is empty with no text', () => {
    expect(countSms('')).toEqual({ encoding: 'gsm7', units: 0, segments: 0, remaining: 160 });
  });
  it('counts GSM-7 in 160, then 153 per part', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1, remaining: 0 });
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2, remaining: 145 });
    expect(countSms('a'.repeat(306))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSms('a'.repeat(307))).toMatchObject({ segments: 3 });
  });
  it('the extension characters count two septets', () => {
    expect(countSms('€')).toMatchObject({ encoding: 'gsm7', units: 2 });
    expect(countSms('[x]{}')).toMatchObject({ units: 9 });
    expect(countSms('é à ù É Ç')).toMatchObject({ encoding: 'gsm7', units: 9 });
  });
  it('anything outside GSM-7 (ê, ç, emoji) makes it UCS-2: 70, then 67 per part', () => {
    expect(countSms('Bientôt')).toMatchObject({ encoding: 'ucs2', units: 7, segments: 1 });
    expect(countSms('ç'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1, remaining: 0 });
    expect(countSms('ç'.repeat(71))).toMatchObject({ segments: 2, remaining: 63 });
    expect(countSms('🙂')).toMatchObject({ encoding: 'ucs2', units: 2 });
  });
});

describe('SMS templates: placeholders', () => {
  it('fills {prenom}, {nom}, {agent}, {succursale}, {stock}, case-insensitively', () => {
    expect(
      fillTemplate('Bonjour {prenom} {NOM}, ici {agent} de {succursale} ({stock}).', {
        prenom: 'Éloïse',
        nom: 'Côté',
        agent: 'Marc Gagnon',
        succursale: 'Laval',
        stock: 'S12345',
      }),
    ).toEqual({ text: 'Bonjour Éloïse Côté, ici Marc Gagnon de Laval (S12345).', missing: [] });
  });
  it('a missing value is left blank and reported; an unknown word is kept', () => {
    expect(fillTemplate('Bonjour {prenom} {nom}, voir {stock}. {autre}', { prenom: 'Éloïse' })).toEqual({
      text: 'Bonjour Éloïse, voir. {autre}',
      missing: ['nom', 'stock'],
    });
  });
});

describe('SMS templates: accents and what is left unfilled', () => {
  const values = {
    prenom: 'Andrée-Anne',
    nom: 'Proulx',
    agent: 'Marc Gagnon',
    succursale: 'Longueuil',
    stock: 'S92722',
  };

  it('« Test accents »: {prénom} as the settings hint writes it is filled like {prenom}', () => {
    expect(fillTemplate('Bonjour {prénom}, ici {agent} pour le {stock} à {succursale}. {Nom}', values)).toEqual({
      text: 'Bonjour Andrée-Anne, ici Marc Gagnon pour le S92722 à Longueuil. Proulx',
      missing: [],
    });
    expect(fillTemplate('{PRÉNOM} {Prénom} { prenom }', values).text).toBe('Andrée-Anne Andrée-Anne Andrée-Anne');
    expect(placeholderKey('Prénom')).toBe('prenom');
  });

  it('an unknown {variable} stays and is found before sending, once each, as typed', () => {
    const filled = fillTemplate('Bonjour {prénom}, votre {véhicule} est prêt. {véhicule} {modèle}', values);
    expect(filled.text).toBe('Bonjour Andrée-Anne, votre {véhicule} est prêt. {véhicule} {modèle}');
    expect(placeholdersLeft(filled.text)).toEqual(['{véhicule}', '{modèle}']);
    expect(placeholdersLeft('Bonjour Andrée-Anne, à bientôt.')).toEqual([]);
    // A known one typed by hand in the box is not filled there either.
    expect(placeholdersLeft('Bonjour {prenom}')).toEqual(['{prenom}']);
  });

  it('the placeholders are unaccented ids', () => {
    for (const p of SMS_PLACEHOLDERS) expect(placeholderKey(p)).toBe(p);
  });
});

describe('mailto (RFC 6068)', () => {
  it('encodes the subject and the body as UTF-8, line breaks as CRLF', () => {
    expect(buildMailto({ to: ['eloise@exemple.ca'], subject: 'Suite à votre contact' })).toBe(
      'mailto:eloise@exemple.ca?subject=Suite%20%C3%A0%20votre%20contact',
    );
    expect(
      buildMailto({
        to: ['a@b.ca', 'c@d.ca'],
        subject: 'Contact : Poste à traiter',
        body: 'Éloïse\nposte://contact/c1',
      }),
    ).toBe(
      'mailto:a@b.ca,c@d.ca?subject=Contact%20%3A%20Poste%20%C3%A0%20traiter&body=%C3%89lo%C3%AFse%0D%0Aposte%3A%2F%2Fcontact%2Fc1',
    );
  });
  it('escapes what would end the address or start a header (? & # %)', () => {
    expect(buildMailto({ to: ['a?b&c#d%e@x.ca'] })).toBe('mailto:a%3Fb%26c%23d%25e@x.ca');
  });
  it('accepts one plain address only', () => {
    expect(isEmailAddress('julie@poste.ca')).toBe(true);
    for (const bad of ['julie', 'a@b', 'a b@c.ca', 'a@b.ca,c@d.ca', '<a@b.ca>', 'a@b.c'])
      expect(isEmailAddress(bad)).toBe(false);
  });
});
