import { describe, expect, it } from 'vitest';
import { CsvImportError, parseAgentsCsv, parseCsv, parseSchedule } from './agents-csv';

const SHEET = [
  'id;nom;rôle;poste;courriel;sip;actif;horaire',
  'julie;Julie Tremblay;agent;201;Julie@BDC.ca;sip:julie@pbx.bdc.ca;oui;lun-ven 08:00-16:30 | sam 09:00-13:00',
  'marc;"Gagnon; Marc";superviseur;;;;non;',
].join('\r\n');

describe('the agents directory from the schedule sheet', () => {
  it('reads agents and their week, French headers and ; delimiter', () => {
    const rows = parseAgentsCsv(`\uFEFF${SHEET}\r\n`);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      line: 2,
      agent: { id: 'julie', name: 'Julie Tremblay', role: 'agent', extension: '201', email: 'julie@bdc.ca', sipUri: 'sip:julie@pbx.bdc.ca', active: true },
    });
    expect(rows[0]?.shifts).toHaveLength(6);
    expect(rows[0]?.shifts?.[0]).toEqual({ weekday: 1, startMinute: 480, endMinute: 990 });
    expect(rows[1]).toMatchObject({ agent: { id: 'marc', name: 'Gagnon; Marc', role: 'supervisor', extension: null, active: false }, shifts: [] });
  });

  it('reads English headers with commas, without a schedule column', () => {
    const rows = parseAgentsCsv('id,name,role,email\nkim,Kim Nguyen,da,kim@bdc.ca\n');
    expect(rows).toEqual([{ line: 2, agent: expect.objectContaining({ id: 'kim', role: 'da', active: true }), shifts: null }]);
  });

  it('wraps a schedule over the week end (sam-lun)', () => {
    expect(parseSchedule('sam-lun 10:00-12:00', 2).map((s) => s.weekday)).toEqual([6, 0, 1]);
  });

  it.each([
    ['', 1, /vide/],
    ['id;nom\njulie;Julie', 1, /role/],
    ['id;nom;rôle;salaire\njulie;Julie;agent;1', 1, /colonne inconnue/],
    ['id;nom;rôle\n', 2, /aucun agent/],
    ['id;nom;rôle\njulie;Julie;patron', 2, /rôle inconnu/],
    ['id;nom;rôle\njulie;Julie', 2, /2 champs pour 3 colonnes/],
    ['id;nom;rôle\njulie;Julie;agent\njulie;Julie T;agent', 3, /deux fois/],
    ["id;nom;rôle\nx' OR 1=1;Julie;agent", 2, /id/],
    ['id;nom;rôle;courriel\njulie;Julie;agent;pas-un-courriel', 2, /courriel|e-mail/],
    ['id;nom;rôle;horaire\njulie;Julie;agent;lun 17:00-08:00', 2, /fin doit suivre/],
    ['id;nom;rôle;horaire\njulie;Julie;agent;lundi matin', 2, /horaire invalide/],
    ['id;nom;rôle;horaire\njulie;Julie;agent;xyz 08:00-09:00', 2, /jour inconnu/],
    ['id;nom;rôle;horaire\njulie;Julie;agent;lun 25:00-26:00', 2, /heure invalide/],
    ['id;nom;rôle;actif\njulie;Julie;agent;peut-être', 2, /oui ou non/],
    ['id;nom;rôle\njulie;"Julie;agent', 2, /guillemet/],
  ])('refuses a bad file and names the line: %j', (csv, line, message) => {
    try {
      parseAgentsCsv(csv);
      expect.unreachable('the file should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(CsvImportError);
      expect((error as CsvImportError).line).toBe(line);
      expect((error as CsvImportError).message).toMatch(message);
    }
  });

  it('keeps quoted quotes and new lines inside a field', () => {
    expect(parseCsv('a,"b ""c""\nd"\n1,2', ',')).toEqual([
      { line: 1, fields: ['a', 'b "c"\nd'] },
      { line: 3, fields: ['1', '2'] },
    ]);
  });
});
