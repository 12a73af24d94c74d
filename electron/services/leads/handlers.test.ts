import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../shared/ipc/dispatch';
import { addAgent, ALWAYS } from '../../../test/support/seed';
import { fixture, snapshot, testServices } from './test-support';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('the leads contract, as the renderer calls it', () => {
  it('picked files: each is its own all-or-nothing import; events tell the queue', async () => {
    const s = testServices();
    addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
    const events: string[] = [];
    s.events.subscribe((e) => events.push(e));
    const r = await dispatch(s.handlers, 'leads:importFiles', {
      files: [
        { name: 'oem.xml', base64: b64(fixture('adf/oem-toyota-ca.xml')) },
        { name: 'bad.xml', base64: b64(fixture('adf/hostile/truncated.xml')) },
        { name: 'mail.eml', base64: b64(fixture('adf/eml/ford-oem-quoted-printable.eml')) },
      ],
    });
    expect(r.ok).toBe(true);
    const reports = (r as { value: { reports: { status: string }[] } }).value.reports;
    expect(reports.map((x) => x.status)).toEqual(['imported', 'failed', 'imported']);
    expect(events).toContain('queue:changed');
    expect(events.filter((e) => e === 'record:changed')).toHaveLength(2);
    // The history lists them newest first, though one pick records them in the same instant,
    // and keeps each problem's code, for the panel to word it.
    const history = await s.handlers['leads:batches']({ limit: 10 });
    expect(history.map((b) => [b.fileName, b.status, b.errors.map((e) => e.code)])).toEqual([
      ['mail.eml', 'imported', []],
      ['bad.xml', 'failed', ['xml_truncated']],
      ['oem.xml', 'imported', []],
    ]);
    s.close();
  });

  it('CSV: preview with a suggested mapping, then the import with that mapping', async () => {
    const s = testServices();
    addAgent(s.db, { id: 'marc', name: 'Marc Gagnon' });
    const base64 = b64(fixture('csv/crm-export-semicolon-bom.csv'));
    const preview = await s.handlers['leads:csvPreview']({ name: 'crm.csv', base64 });
    expect(preview).toMatchObject({ delimiter: ';', encoding: 'utf-8', totalRows: 3 });
    expect(preview.header[0]).toBe('Prénom');
    expect(preview.suggested).toMatchObject({ firstName: 0, lastName: 1, email: 2, mobilePhone: 3, homePhone: 4, language: 5, provider: 6, providerRef: 7, createdAt: 8, vehicleYear: 9, vehicleMake: 10, vehicleModel: 11, vehicleStock: 12, message: 13 });
    expect(preview.rows[1]).toMatchObject({ line: 3 });
    const report = await s.handlers['leads:importCsv']({ name: 'crm.csv', base64, mapping: preview.suggested });
    expect(report).toMatchObject({ status: 'imported', leads: 3 });
    s.close();
  });

  it('refuses bad input before any handler runs: not base64, unknown mapping field, too many files', async () => {
    const s = testServices();
    const before = snapshot(s.db);
    expect(await dispatch(s.handlers, 'leads:importFiles', { files: [{ name: 'x.xml', base64: '<adf>' }] })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(s.handlers, 'leads:importCsv', { name: 'x.csv', base64: '', mapping: { nope: 1 } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(s.handlers, 'leads:importFiles', { files: Array.from({ length: 21 }, () => ({ name: 'a.xml', base64: '' })) })).toMatchObject({ ok: false });
    expect(await dispatch(s.handlers, 'queue:take', { opportunityId: 'x', reason: 'r'.repeat(501) })).toMatchObject({ ok: false });
    expect(snapshot(s.db)).toEqual(before);
    s.close();
  });

  it('a refusal carries its key and values, for the console to word it in the agent’s language', async () => {
    const s = testServices();
    expect(await dispatch(s.handlers, 'leads:addFolder', { path: 'Leads/entrants' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'give the full path of the folder (e.g. /Users/bdc/Leads)',
        path: 'path',
        text: { key: 'errors:folder_not_absolute', params: {} },
      },
    });
    const csv = await dispatch(s.handlers, 'leads:csvPreview', { name: 'q.csv', base64: b64(fixture('csv/unterminated-quote.csv')) });
    expect(csv).toMatchObject({ ok: false, error: { text: { key: 'errors:csv_unreadable', params: { code: 'csv_quote_unclosed' } } } });
    s.close();
  });
});
