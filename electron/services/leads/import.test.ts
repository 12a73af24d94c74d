import { importProblemText, type ImportProblemCode } from '../../../shared/domain/import-problems';
import { describe, expect, it } from 'vitest';
import { addAgent, addClient, addMeeting, addOpportunity, ALWAYS } from '../../../test/support/seed';
import { importAdfText, importCsvBytes, importLeadFile } from './importer';
import { fixture, snapshot, testServices } from './test-support';

const ADF_FILES = ['oem-toyota-ca.xml', 'autotrader-ca.xml', 'kijiji-autos.xml', 'cargurus.xml', 'dealer-website-latin1.xml', 'spec-example.xml'];

function setUp() {
  const services = testServices();
  addAgent(services.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  return services;
}

describe('ADF/XML import: real-shaped files from several providers', () => {
  it.each(ADF_FILES)('%s imports: a client, an OPP in the queue (unless 8 weeks old), its activity and its search row', (file) => {
    const s = setUp();
    const report = importLeadFile(s.context, file, fixture(`adf/${file}`), 'picker');
    expect(report.errors).toEqual([]);
    expect(report.status).toBe('imported');
    expect(report.leads).toBeGreaterThan(0);
    expect(report.createdClients).toBe(report.leads);
    const opps = s.db.prepare("SELECT * FROM opportunities WHERE origin = 'import'").all() as { status: string; department: string; manager_id: string | null; provider: string }[];
    expect(opps).toHaveLength(report.leads);
    // The specification's own example asked on 2000-03-30: ST-1 expires it as it comes in.
    const status = file === 'spec-example.xml' ? 'expired' : 'in_progress';
    for (const o of opps) expect(o).toMatchObject({ status, department: 'bdc', manager_id: null });
    const acts = s.db.prepare("SELECT data FROM activities WHERE kind = 'opportunity_created'").all() as { data: string }[];
    expect(acts).toHaveLength(report.leads);
    expect(JSON.parse(acts[0]!.data)).toMatchObject({ type: 'internet' });
    expect(snapshot(s.db).client_search).toBe(report.createdClients);
    s.close();
  });

  it('keeps French accents, the vehicle, the comments and the provider (Toyota Canada)', () => {
    const s = setUp();
    importLeadFile(s.context, 'oem.xml', fixture('adf/oem-toyota-ca.xml'), 'picker');
    const client = s.db.prepare('SELECT * FROM clients').get() as { first_name: string; last_name: string; language: string };
    expect(client).toMatchObject({ first_name: 'Éloïse', last_name: 'Côté-Bélanger', language: 'fr' });
    const opp = s.db.prepare('SELECT * FROM opportunities').get() as Record<string, unknown>;
    expect(opp).toMatchObject({ provider: 'Toyota Canada – toyota.ca', provider_ref: 'TC-2026-0309-44120', vehicle_year: 2026, vehicle_make: 'Toyota', vehicle_model: 'RAV4 Hybride', vehicle_trim: 'XLE', created_at: '2026-03-09T15:22:00.000Z' });
    expect(opp.message).toContain('« gris céleste »');
    expect(opp.message).toContain("D'ici un mois");
    expect(s.db.prepare('SELECT e164, kind, sms_capable FROM client_phones').get()).toEqual({ e164: '+15145550142', kind: 'mobile', sms_capable: 1 });
    expect(s.db.prepare('SELECT email FROM client_emails').get()).toEqual({ email: 'eloise.cote@exemple.ca' });
    // Search as you type finds her by name without accents, by phone digits and by e-mail.
    expect(s.handlers['contacts:search']({ query: 'eloise cote' })).toHaveLength(1);
    expect(s.handlers['contacts:search']({ query: '514555' })).toHaveLength(1);
    expect(s.handlers['contacts:search']({ query: 'eloise.cote@exemple.ca' })).toHaveLength(1);
    s.close();
  });

  it("reads the spec's sloppy header, unquoted attributes and a local request date (Autotrader.ca)", () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'at.xml', fixture('adf/autotrader-ca.xml'), 'picker');
    expect(report.status).toBe('imported');
    const opp = s.db.prepare('SELECT * FROM opportunities').get() as Record<string, unknown>;
    // 2026-03-08 16:41:09 without offset is Montréal time: DST began at 2 h that day, so EDT (UTC−4).
    expect(opp).toMatchObject({ provider: 'AutoTrader.ca', provider_ref: 'AT-88213457', vehicle_vin: '2HGFE2F59MH012345', vehicle_stock: 'U4471', created_at: '2026-03-08T20:41:09.000Z' });
    expect(opp.message).toBe('Is this vehicle still available? Prix final & financement?');
    // The fax is not a number to call.
    expect(s.db.prepare('SELECT e164, kind FROM client_phones').all()).toEqual([{ e164: '+14185550177', kind: 'home' }]);
    s.close();
  });

  it('takes a lead with missing optional parts (Kijiji: first name and e-mail only, no date)', () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'kj.xml', fixture('adf/kijiji-autos.xml'), 'picker');
    expect(report.status).toBe('imported');
    expect(report.warnings.map((w) => w.message)).toContain('no <requestdate>: the import time is used');
    const client = s.db.prepare('SELECT first_name, last_name FROM clients').get();
    expect(client).toEqual({ first_name: 'Geneviève', last_name: '' });
    expect(s.db.prepare('SELECT created_at FROM opportunities').get()).toEqual({ created_at: '2026-03-10T14:00:00.000Z' });
    s.close();
  });

  it('reads two prospects, a trade-in, CDATA and character references (CarGurus)', () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'cg.xml', fixture('adf/cargurus.xml'), 'picker');
    expect(report).toMatchObject({ status: 'imported', leads: 2, createdClients: 2 });
    const rows = s.db.prepare('SELECT o.trade_in, o.message, c.last_name FROM opportunities o JOIN clients c ON c.id = o.client_id ORDER BY o.created_at').all() as { trade_in: string | null; message: string; last_name: string }[];
    expect(rows[0]).toMatchObject({ trade_in: '2012 Ford Escape', last_name: 'Lévesque' });
    expect(rows[0]!.message).toContain('<b>& payer</b>');
    expect(rows[1]!.last_name).toBe("O'Connor");
    expect(rows[1]!.message).toContain("Préfère l'anglais");
    // The work number with its extension is still a number.
    const phones = s.db.prepare("SELECT e164 FROM client_phones ORDER BY e164").all();
    expect(phones).toContainEqual({ e164: '+14505550123' });
    s.close();
  });

  it('reads a Latin-1 file that says so, and the client language it gives (dealer website)', () => {
    const s = setUp();
    importLeadFile(s.context, 'web.xml', fixture('adf/dealer-website-latin1.xml'), 'picker');
    expect(s.db.prepare('SELECT first_name, language FROM clients').get()).toEqual({ first_name: 'André', language: 'en' });
    s.close();
  });
});

describe('ADF in e-mails', () => {
  it.each([
    ['autotrader-plain.eml', 'Élodie', 'Autotrader.ca'],
    ['ford-oem-quoted-printable.eml', 'Jérôme', 'Ford Canada — ford.ca'],
    ['kijiji-base64-attachment.eml', 'Hélène', 'Kijiji Autos'],
  ])('%s: the ADF is found in the body and decoded', (file, firstName, provider) => {
    const s = setUp();
    const report = importLeadFile(s.context, file, fixture(`adf/eml/${file}`), 'picker');
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ source: 'eml', status: 'imported', leads: 1 });
    expect((s.db.prepare('SELECT first_name FROM clients').get() as { first_name: string }).first_name).toBe(firstName);
    expect((s.db.prepare('SELECT provider FROM opportunities').get() as { provider: string }).provider).toBe(provider);
    s.close();
  });

  it('an HTML mail that shows the ADF escaped (&lt;adf&gt;) is unescaped once, then read', () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'crm-forward-html-escaped.eml', fixture('adf/eml/crm-forward-html-escaped.eml'), 'folder');
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ source: 'eml', status: 'imported', leads: 1 });
    expect(s.db.prepare('SELECT first_name, last_name FROM clients').get()).toEqual({ first_name: 'Maëlle', last_name: 'Thériault' });
    const opp = s.db.prepare('SELECT provider, provider_ref, message, vehicle_make FROM opportunities').get();
    // `&amp;amp;` in the mail is `&amp;` in the XML, so the message reads « & ».
    expect(opp).toEqual({ provider: 'Mazda Canada', provider_ref: 'MZ-5521', message: 'Essai routier samedi? Prix & rabais', vehicle_make: 'Mazda' });
    expect(s.db.prepare('SELECT e164 FROM client_phones').pluck().all()).toEqual(['+15815550142']);
    s.close();
  });

  it('an e-mail without ADF is reported and writes nothing', () => {
    const s = setUp();
    const before = snapshot(s.db);
    const report = importLeadFile(s.context, 'no-adf.eml', fixture('adf/eml/no-adf.eml'), 'picker');
    expect(report.status).toBe('failed');
    expect(report.errors[0]!.message).toMatch(/no part of this e-mail carries an ADF/);
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  });
});

describe('hostile ADF files: reported with path and line, nothing written', () => {
  // Each with its code, from which the console words it in the agent's language.
  const cases: [string, RegExp, string | null, number | null, ImportProblemCode][] = [
    // Ten lines, the last ended by its newline: truncated at line 10, not at a line 11 that is not there.
    ['truncated.xml', /truncated/, 'adf/prospect', 10, 'xml_truncated'],
    ['wrong-root.xml', /root element is <lead>, not <adf>/, 'lead', 2, 'adf_wrong_root'],
    ['entity-expansion.xml', /DOCTYPE and ENTITY declarations are refused/, '', 2, 'xml_doctype'],
    ['external-entity.xml', /DOCTYPE and ENTITY declarations are refused/, '', 2, 'xml_doctype'],
    ['bad-encoding.xml', /not valid UTF-8: byte 0xE9 at line 3/, '', 3, 'decode_bad_utf8'],
    ['unknown-encoding.xml', /EBCDIC-CP-US/, '', 1, 'decode_unknown_charset'],
    ['mismatched.xml', /closing tag <\/contact> does not match <name> opened at line 6/, 'adf/prospect/customer/contact/name', 6, 'xml_close_mismatch'],
    ['second-prospect-bad-phone.xml', /"pas de numéro" is not a phone number/, 'adf/prospect[2]/customer/contact/phone', 12, 'bad_phone'],
    ['binary.xml', /NUL bytes/, '', 1, 'file_nul'],
  ];
  it.each(cases)('%s', (file, message, path, line, code) => {
    const s = setUp();
    const before = snapshot(s.db);
    const report = importLeadFile(s.context, file, fixture(`adf/hostile/${file}`), 'folder');
    expect(report.status).toBe('failed');
    expect(report.errors[0]!.message).toMatch(message);
    expect(report.errors[0]!.code).toBe(code);
    expect(report.errors[0]!.message).toBe(importProblemText(code, report.errors[0]!.params));
    if (path !== null) expect(report.errors[0]!.path).toBe(path);
    if (line !== null) expect(report.errors[0]!.line).toBe(line);
    expect(snapshot(s.db)).toEqual(before);
    // The failed batch is on record, with its errors.
    expect(s.db.prepare("SELECT status FROM lead_import_batches").get()).toEqual({ status: 'failed' });
    s.close();
  });

  it('a one-line text file that is not XML is refused as a whole, without a line (not « line 2 »)', () => {
    const s = setUp();
    for (const [name, body] of [['notes.txt', 'hello\n'], ['notes-no-newline.txt', 'hello'], ['blank.xml', '\n\n\n']] as const) {
      const report = importLeadFile(s.context, name, new TextEncoder().encode(body), 'picker');
      expect(report.status).toBe('failed');
      expect(report.errors).toHaveLength(1);
      expect(report.errors[0]).toMatchObject({ code: 'xml_empty', path: '', line: 0 });
    }
    s.close();
  });

  it('a 10 MB comment is refused at its line, quickly, and writes nothing', () => {
    const s = setUp();
    const before = snapshot(s.db);
    const text = `<?xml version="1.0"?>\n<adf>\n<!--${'x'.repeat(10 * 1024 * 1024)}-->\n<prospect><customer><contact><name>A B</name><phone>5145550100</phone></contact></customer></prospect></adf>`;
    const started = Date.now();
    const report = importAdfText(s.context, text, 'comment.xml');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(report.status).toBe('failed');
    expect(report.errors[0]).toMatchObject({ line: 3, path: 'adf' });
    expect(report.errors[0]!.message).toMatch(/comment longer than/);
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  });

  it('a file over the size cap is refused without being read', () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'big.xml', new Uint8Array(25 * 1024 * 1024).fill(0x20), 'folder');
    expect(report.status).toBe('failed');
    expect(report.errors[0]!.message).toMatch(/larger than 24 MB/);
    s.close();
  });

  it('an unknown entity without a DOCTYPE stays literal text (never expanded)', () => {
    const s = setUp();
    const report = importLeadFile(s.context, 'e.xml', fixture('adf/hostile/entity-reference-only.xml'), 'folder');
    expect(report.status).toBe('imported');
    expect(s.db.prepare('SELECT first_name, last_name FROM clients').get()).toEqual({ first_name: '&xxe;', last_name: 'Roy' });
    s.close();
  });
});

describe('re-imports, matches and NL-1', () => {
  it('re-importing the same file (same provider and id) changes nothing', () => {
    const s = setUp();
    importLeadFile(s.context, 'cg.xml', fixture('adf/cargurus.xml'), 'picker');
    const before = snapshot(s.db);
    const again = importLeadFile(s.context, 'cg.xml', fixture('adf/cargurus.xml'), 'picker');
    expect(again).toMatchObject({ status: 'imported', duplicates: 2, createdClients: 0, joinedClients: 0 });
    expect(snapshot(s.db)).toEqual(before);
    // The spec's example has no id: its content identifies it.
    importLeadFile(s.context, 'spec.xml', fixture('adf/spec-example.xml'), 'picker');
    const afterSpec = snapshot(s.db);
    expect(importLeadFile(s.context, 'spec.xml', fixture('adf/spec-example.xml'), 'picker').duplicates).toBe(1);
    expect(snapshot(s.db)).toEqual(afterSpec);
    s.close();
  });

  it("NL-1a: a lead whose phone matches Julie's client of this month joins it with Julie's name and Platine tag", async () => {
    const s = setUp();
    addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', presence: 'offline' });
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550142'] });
    const original = addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie', tag: 'platine', createdAt: '2026-03-02T15:00:00.000Z' });
    addMeeting(s.db, { clientId, opportunityId: original, bookedBy: 'julie', at: '2026-03-12T15:00:00.000Z', kind: 'deposit', deposit: true });
    const report = importLeadFile(s.context, 'oem.xml', fixture('adf/oem-toyota-ca.xml'), 'picker');
    expect(report).toMatchObject({ joinedClients: 1, createdClients: 0 });
    const opp = s.db.prepare("SELECT client_id, manager_id, tag FROM opportunities WHERE origin = 'import'").get();
    expect(opp).toEqual({ client_id: clientId, manager_id: 'julie', tag: 'platine' });
    // Her new e-mail joins the record and the search row.
    expect(s.db.prepare('SELECT email FROM client_emails WHERE client_id = ?').all(clientId)).toEqual([{ email: 'eloise.cote@exemple.ca' }]);
    expect((await s.handlers['contacts:search']({ query: 'eloise.cote@exemple' }))[0]?.clientId).toBe(clientId);
    const act = s.db.prepare("SELECT data FROM activities WHERE kind = 'opportunity_created'").get() as { data: string };
    expect(JSON.parse(act.data)).toMatchObject({ type: 'internet', provider: 'Toyota Canada – toyota.ca', rule: 'NL-1a' });
    s.close();
  });

  it('NL-1b: the original OPP is from February and Julie is off shift → no manager, Bronze, in the unassigned queue', () => {
    const s = setUp();
    addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', presence: 'offline' });
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', emails: ['eloise.cote@exemple.ca'] });
    addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie', tag: 'or', createdAt: '2026-02-27T15:00:00.000Z' });
    importLeadFile(s.context, 'oem.xml', fixture('adf/oem-toyota-ca.xml'), 'picker');
    expect(s.db.prepare("SELECT client_id, manager_id, tag FROM opportunities WHERE origin = 'import'").get()).toEqual({ client_id: clientId, manager_id: null, tag: 'bronze' });
    s.close();
  });

  it('earlier month but the manager is on shift → the manager keeps the client and its tag (002 changes them only off shift)', () => {
    const s = setUp();
    addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', presence: 'available', shifts: ALWAYS });
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', emails: ['eloise.cote@exemple.ca'] });
    addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie', tag: 'or', createdAt: '2026-02-27T15:00:00.000Z' });
    importLeadFile(s.context, 'oem.xml', fixture('adf/oem-toyota-ca.xml'), 'picker');
    expect(s.db.prepare("SELECT manager_id, tag FROM opportunities WHERE origin = 'import'").get()).toEqual({ manager_id: 'julie', tag: 'or' });
    s.close();
  });

  it('NL-1 compares with the month in progress, not the lead\'s: a February lead imported in March leaves Julie\'s February OPP', () => {
    // The clock is 2026-03-10; the lead asked on February 28 and its file comes in now.
    const s = setUp();
    addAgent(s.db, { id: 'julie', name: 'Julie Tremblay', presence: 'offline' });
    const clientId = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550142'] });
    addOpportunity(s.db, { clientId, managerId: 'julie', handledBy: 'julie', tag: 'or', createdAt: '2026-02-20T15:00:00.000Z' });
    const late = `<?adf version="1.0"?><adf><prospect><id source="Kijiji Autos">K-228</id><requestdate>2026-02-28T20:00:00-05:00</requestdate>
      <customer><contact><name part="full">Éloïse Côté</name><phone>514-555-0142</phone></contact></customer></prospect></adf>`;
    expect(importAdfText(s.context, late, 'late.xml')).toMatchObject({ status: 'imported', joinedClients: 1 });
    expect(s.db.prepare("SELECT client_id, manager_id, tag FROM opportunities WHERE origin = 'import'").get()).toEqual({ client_id: clientId, manager_id: null, tag: 'bronze' });
    const act = s.db.prepare("SELECT data FROM activities WHERE kind = 'opportunity_created'").get() as { data: string };
    expect(JSON.parse(act.data)).toMatchObject({ rule: 'NL-1b' });
    s.close();
  });

  it('a lead matching two records (phone of one, e-mail of the other) proposes their merge', () => {
    const s = setUp();
    const a = addClient(s.db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550142'] });
    const b = addClient(s.db, { firstName: 'Eloise', lastName: 'Cote', emails: ['eloise.cote@exemple.ca'] });
    const report = importLeadFile(s.context, 'oem.xml', fixture('adf/oem-toyota-ca.xml'), 'picker');
    expect(report.mergeProposals).toEqual([[a, b]]);
    s.close();
  });

  it('a lead matching four records proposes all four, the record it joined first', () => {
    const s = setUp();
    const a = addClient(s.db, { firstName: 'Daniel', lastName: 'Bouchard', phones: ['+15145550101'] });
    const b = addClient(s.db, { firstName: 'Kevin', lastName: 'Wilson', phones: ['+15145550102'] });
    const c = addClient(s.db, { firstName: 'Sylvie', lastName: 'Paquette', phones: ['+15145550103'] });
    const d = addClient(s.db, { firstName: 'Zoé', lastName: 'Bélanger', emails: ['zoe@exemple.ca'] });
    // Kevin has the latest file: the lead joins him.
    addOpportunity(s.db, { clientId: b, createdAt: '2026-03-09T15:00:00.000Z' });
    addOpportunity(s.db, { clientId: a, createdAt: '2026-03-01T15:00:00.000Z' });
    const lead = `<?adf version="1.0"?><adf><prospect><id source="Kijiji Autos">K-4</id><requestdate>2026-03-10T09:00:00-05:00</requestdate>
      <customer><contact><name part="full">Famille</name><phone>514-555-0101</phone><phone>514-555-0102</phone><phone>514-555-0103</phone>
      <email>zoe@exemple.ca</email></contact></customer></prospect></adf>`;
    const report = importAdfText(s.context, lead, 'famille.xml');
    expect(report).toMatchObject({ status: 'imported', joinedClients: 1 });
    expect(report.mergeProposals).toHaveLength(1);
    expect(report.mergeProposals[0]![0]).toBe(b);
    expect([...report.mergeProposals[0]!].sort()).toEqual([a, b, c, d].sort());
    s.close();
  });
});

describe('CSV import', () => {
  const mapping = { firstName: 0, lastName: 1, email: 2, mobilePhone: 3, homePhone: 4, language: 5, provider: 6, providerRef: 7, createdAt: 8, vehicleYear: 9, vehicleMake: 10, vehicleModel: 11, vehicleStock: 12, message: 13 };

  it('UTF-8 with BOM, ";" delimiter, quoted fields with line breaks and doubled quotes', () => {
    const s = setUp();
    const report = importCsvBytes(s.context, fixture('csv/crm-export-semicolon-bom.csv'), { mapping }, 'crm.csv', 'picker');
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ status: 'imported', leads: 3, createdClients: 3 });
    const olivier = s.db.prepare("SELECT o.message, o.provider_ref FROM opportunities o JOIN clients c ON c.id = o.client_id WHERE c.first_name = 'Olivier'").get();
    expect(olivier).toEqual({ message: 'Demande sur plusieurs lignes:\nligne 2 avec "guillemets"', provider_ref: 'CRM-1002' });
    expect(s.db.prepare("SELECT count(*) AS n FROM client_phones").get()).toEqual({ n: 3 });
    // Re-importing the same export changes nothing.
    const before = snapshot(s.db);
    expect(importCsvBytes(s.context, fixture('csv/crm-export-semicolon-bom.csv'), { mapping }, 'crm.csv', 'picker').duplicates).toBe(3);
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  });

  it('Windows-1252 falls back and keeps the accents', () => {
    const s = setUp();
    const report = importCsvBytes(
      s.context,
      fixture('csv/crm-export-windows-1252.csv'),
      { mapping: { firstName: 0, lastName: 1, email: 2, phone: 3, language: 4, provider: 5, providerRef: 6, createdAt: 7, vehicleMake: 8, vehicleModel: 9, message: 10 } },
      'w.csv',
      'picker',
    );
    expect(report.status).toBe('imported');
    expect(s.db.prepare('SELECT first_name, last_name FROM clients ORDER BY first_name').all()).toEqual([
      { first_name: 'Noël', last_name: 'Lefèbvre' },
      { first_name: 'Zoé', last_name: 'Bérubé' },
    ]);
    s.close();
  });

  it('ST-1 at once: a row older than 8 weeks comes in expired, with its activity, and never heads the queue', async () => {
    // The clock is 2026-03-10: 8 weeks before is 2026-01-13.
    const s = setUp();
    const csv = ['Prénom,Nom,Cellulaire,Date', 'Vieux,Lead,514-555-0901,2025-12-01 10:00', 'Neuf,Lead,514-555-0902,2026-03-09 10:00'].join('\n');
    const report = importCsvBytes(s.context, new TextEncoder().encode(csv), { mapping: { firstName: 0, lastName: 1, mobilePhone: 2, createdAt: 3 } }, 'histo.csv', 'picker');
    expect(report).toMatchObject({ status: 'imported', leads: 2 });
    const rows = s.db.prepare("SELECT c.first_name AS name, o.status FROM opportunities o JOIN clients c ON c.id = o.client_id ORDER BY c.first_name").all();
    expect(rows).toEqual([
      { name: 'Neuf', status: 'in_progress' },
      { name: 'Vieux', status: 'expired' },
    ]);
    const change = s.db.prepare("SELECT data FROM activities WHERE kind = 'status_change'").all() as { data: string }[];
    expect(change.map((c) => JSON.parse(c.data))).toEqual([{ from: 'in_progress', to: 'expired', rule: 'ST-1' }]);
    expect((await s.handlers['queue:next']({}))?.name).toBe('Neuf Lead');
    s.close();
  });

  it('bad rows are reported by line number and nothing is written', () => {
    const s = setUp();
    const before = snapshot(s.db);
    const report = importCsvBytes(s.context, fixture('csv/bad-rows.csv'), { mapping: { firstName: 0, lastName: 1, email: 2, mobilePhone: 3 } }, 'bad.csv', 'picker');
    expect(report.status).toBe('failed');
    expect(report.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(report.errors[1]).toEqual({ path: '', line: 5, message: '5 columns where the header has 4', code: 'csv_columns', params: { count: 5, header: 4 } });
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  });

  it('an unterminated quote is reported at the line it opens', () => {
    const s = setUp();
    const report = importCsvBytes(s.context, fixture('csv/unterminated-quote.csv'), { mapping: { firstName: 0, lastName: 1, mobilePhone: 2 } }, 'q.csv', 'picker');
    expect(report.errors[0]).toMatchObject({ line: 2 });
    s.close();
  });

  it('a mapping without a name or a phone/e-mail column is refused before any row is read', () => {
    const s = setUp();
    const report = importCsvBytes(s.context, fixture('csv/bad-rows.csv'), { mapping: { email: 2 } }, 'bad.csv', 'picker');
    expect(report.errors.map((e) => e.message)).toEqual(['map a name column (first name, last name or full name)']);
    s.close();
  });
});
