import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CSV_FIELD_NAMES, type CsvFieldName, type ImportBatchDto, type ImportProblemDto, type ImportReportDto } from '../../../shared/ipc/contract-leads';
import { useCentreDateTime } from '../../app/centre-time';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { MergeProposals } from '../merge/merge-proposals';
import { useImportsStore } from './store';
import './imports.css';

interface ImportsPanelProps {
  client: PosteClient;
}

/** Rows of the CSV shown under the mapping (the services send up to 20). */
const PREVIEW_ROWS = 10;

/** What made a file refused, each problem where it is: the element path and line, or the CSV line. */
function ProblemList({ problems }: { problems: readonly ImportProblemDto[] }) {
  const { t, i18n } = useTranslation('imports');
  // In the agent's language from its code; a problem without one (an older batch) as written.
  const text = (p: ImportProblemDto) => (p.code && i18n.exists(`imports:problems.${p.code}`) ? t(`problems.${p.code}`, p.params) : p.message);
  return (
    <ul className="import-errors">
      {problems.map((e, i) => (
        <li key={i}>
          {e.path ? <code>{t('report.where', { path: e.path, line: e.line })}</code> : e.line > 0 && <code>{t('report.line', { line: e.line })}</code>} {text(e)}
        </li>
      ))}
    </ul>
  );
}

/** What an imported file gave, each count with its own plural: « 3 leads importés — 1 nouveau client, 2 ajoutés… ». */
function ImportCounts({ leads, created, joined, duplicates }: { leads: number; created: number; joined: number; duplicates: number }) {
  const { t } = useTranslation('imports');
  return (
    <>
      {t('history.leads', { count: leads })} — {t('history.created', { count: created })}, {t('history.joined', { count: joined })},{' '}
      {t('history.duplicates', { count: duplicates })}
    </>
  );
}

function ReportView({ report }: { report: ImportReportDto }) {
  const { t } = useTranslation('imports');
  const ok = report.status === 'imported';
  return (
    <li className={`import-report is-${report.status}`} data-testid="import-report" data-status={report.status}>
      <p>
        {ok ? (
          <>
            {t('report.importedFile', { file: report.fileName })} <ImportCounts leads={report.leads} created={report.createdClients} joined={report.joinedClients} duplicates={report.duplicates} />
          </>
        ) : (
          t('report.failed', { file: report.fileName })
        )}
      </p>
      {report.errors.length > 0 && <ProblemList problems={report.errors} />}
      {report.warnings.length > 0 && (
        <details>
          <summary>{t('report.warnings')}</summary>
          <ProblemList problems={report.warnings} />
        </details>
      )}
      {report.mergeProposals.length > 0 && <p className="import-merge">{t('report.merge', { count: report.mergeProposals.length })}</p>}
    </li>
  );
}

/**
 * The CSV's column mapping over the whole window: each field picks a column, the preview's
 * headers say which field each column feeds, and a refused import's errors by line stay in
 * the dialog beside the mapping to change.
 */
function CsvMappingDialog({ client }: ImportsPanelProps) {
  const { t } = useTranslation('imports');
  const { csv, busy, error, setMapping, setProvider, confirmCsv, cancelCsv } = useImportsStore();
  if (!csv) return null;
  const { preview, mapping, failed } = csv;
  const fieldsOf = new Map<number, CsvFieldName[]>();
  for (const field of CSV_FIELD_NAMES) {
    const column = mapping[field];
    if (column !== undefined) fieldsOf.set(column, [...(fieldsOf.get(column) ?? []), field]);
  }
  return (
    // Not closed while its import runs: the import's answer would open it again.
    <ModalFrame title={t('csv.title', { file: csv.name })} closeLabel={t('csv.cancel')} onClose={() => busy || void cancelCsv(client)} className="csv-dialog">
      <div className="csv-body" data-testid="csv-dialog">
        <p>{t('csv.help')}</p>
        <p className="muted">
          {t('csv.encoding', { encoding: preview.encoding, delimiter: preview.delimiter === '\t' ? t('csv.tab') : preview.delimiter, count: preview.totalRows })}
        </p>
        <div className="csv-mapping">
          {CSV_FIELD_NAMES.map((field) => (
            <label key={field} className={mapping[field] !== undefined ? 'is-mapped' : undefined}>
              <span>{t(`csv.fields.${field}`)}</span>
              <select
                aria-label={t(`csv.fields.${field}`)}
                value={mapping[field] ?? ''}
                onChange={(e) => setMapping(field, e.target.value === '' ? null : Number(e.target.value))}
              >
                <option value="">{t('csv.none')}</option>
                {preview.header.map((h, i) => (
                  <option key={i} value={i}>
                    {`${i + 1}. ${h}`}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <label className={csv.provider.trim() ? 'is-mapped' : undefined}>
            <span>{t('csv.provider')}</span>
            <input value={csv.provider} maxLength={80} onChange={(e) => setProvider(e.target.value)} />
          </label>
        </div>
        {error && (
          <p className="imports-error" role="alert">
            {error}
          </p>
        )}
        {failed && (
          <div className="csv-failed" role="alert" data-testid="csv-failed">
            <p>{t('csv.failed', { count: failed.errors.length })}</p>
            <ProblemList problems={failed.errors} />
          </div>
        )}
        <div className="csv-preview-frame">
          <table className="csv-preview">
            <caption>{t('csv.preview', { count: Math.min(preview.rows.length, PREVIEW_ROWS) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('csv.line')}</th>
                {preview.header.map((h, i) => (
                  <th key={i} scope="col" className={fieldsOf.has(i) ? 'is-mapped' : undefined}>
                    {h}
                    <span className="csv-feeds">{(fieldsOf.get(i) ?? []).map((f) => t(`csv.fields.${f}`)).join(', ') || t('csv.unused')}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.slice(0, PREVIEW_ROWS).map((r) => (
                <tr key={r.line}>
                  <th scope="row">{r.line}</th>
                  {r.cells.map((c, i) => (
                    <td key={i} className={fieldsOf.has(i) ? undefined : 'is-unused'}>
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="csv-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void confirmCsv(client)}>
            {busy ? t('busy') : t('csv.import', { count: preview.totalRows })}
          </button>
          <button type="button" disabled={busy} onClick={() => void cancelCsv(client)}>
            {t('csv.cancel')}
          </button>
        </div>
      </div>
    </ModalFrame>
  );
}

/** One file of the history: when, how it came, what it gave; its errors or warnings on demand. */
function BatchView({ batch, when }: { batch: ImportBatchDto; when(iso: string): string }) {
  const { t } = useTranslation('imports');
  const ok = batch.status === 'imported';
  return (
    <li className={`import-batch is-${batch.status}`} data-testid="import-batch" data-status={batch.status}>
      <div className="import-batch-head">
        <span className="import-batch-file">{batch.fileName}</span>
        <span className="muted">
          {t(`history.via.${batch.via}`)} · {when(batch.at)}
        </span>
      </div>
      <div>
        {ok ? <ImportCounts leads={batch.leads} created={batch.createdClients} joined={batch.joinedClients} duplicates={batch.duplicates} /> : t('history.failed')}
      </div>
      {batch.errors.length > 0 && (
        <details open={!ok}>
          <summary>{t(ok ? 'history.warnings' : 'history.errors', { count: batch.errors.length })}</summary>
          <ProblemList problems={batch.errors} />
        </details>
      )}
    </li>
  );
}

/** Imports: a file picker (ADF/XML, .eml, CSV with its mapping dialog) and the watched folders. */
export function ImportsPanel({ client }: ImportsPanelProps) {
  const { t, i18n } = useTranslation('imports');
  const { busy, error, reports, folders, scanned, history, importFiles, loadFolders, addFolder, removeFolder, scanFolders, loadHistory } = useImportsStore();
  const [path, setPath] = useState('');
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    void loadFolders(client);
    // A watched folder's files come in without the agent: the history shows them as they do.
    return client.on('leads:imported', () => void loadHistory(client));
  }, [client, loadFolders, loadHistory]);
  // Read again once this console's own import has reported.
  useEffect(() => {
    void loadHistory(client);
  }, [client, loadHistory, reports]);
  // In the console's language and the centre's zone, as the record and the queue write dates.
  const when = useCentreDateTime(i18n.language === 'en' ? 'en' : 'fr');

  return (
    <section
      className={`imports${dragging ? ' is-dragging' : ''}`}
      aria-label={t('title')}
      onDragOver={(e) => {
        if (busy || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const files = Array.from(e.dataTransfer.files);
        if (files.length && !busy) void importFiles(client, files);
      }}
    >
      <h2 className="imports-title">{t('title')}</h2>
      <label className={`imports-pick${busy ? ' is-busy' : ''}`}>
        <span className="imports-pick-button">{t('pickButton')}</span>
        <input
          className="visually-hidden"
          type="file"
          multiple
          accept=".xml,.adf,.eml,.txt,.csv,text/xml,message/rfc822,text/csv"
          aria-label={t('pick')}
          disabled={busy}
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) void importFiles(client, files);
          }}
        />
      </label>
      <p className="muted imports-help">{dragging ? t('drop') : t('pickHelp')}</p>
      {busy && <p role="status">{t('busy')}</p>}
      {error && (
        <p className="imports-error" role="alert">
          {error}
        </p>
      )}
      <CsvMappingDialog client={client} />
      {reports.length > 0 && (
        <ul className="import-reports" aria-live="polite">
          {reports.map((r, i) => (
            <ReportView key={`${r.fileName}-${i}`} report={r} />
          ))}
        </ul>
      )}
      <MergeProposals client={client} reports={reports} />
      <h3>{t('folders.title')}</h3>
      <p className="muted">{t('folders.help')}</p>
      <form
        className="folders-add"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void addFolder(client, path.trim()).then((ok) => ok && setPath(''));
        }}
      >
        <input aria-label={t('folders.path')} placeholder={t('folders.path')} value={path} maxLength={1024} onChange={(e) => setPath(e.target.value)} />
        <button type="submit">{t('folders.add')}</button>
      </form>
      {folders.length === 0 ? (
        <p className="muted">{t('folders.none')}</p>
      ) : (
        <ul className="folders">
          {folders.map((f) => (
            <li key={f.id}>
              <code>{f.path}</code> <span className="muted">{f.lastScanAt ? t('folders.lastScan', { when: when(f.lastScanAt) }) : t('folders.never')}</span>{' '}
              <button type="button" aria-label={t('folders.remove', { path: f.path })} onClick={() => void removeFolder(client, f.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" disabled={busy || folders.length === 0} onClick={() => void scanFolders(client)}>
        {t('folders.scan')}
      </button>
      {scanned !== null && <span className="muted"> {t('folders.scanned', { count: scanned })}</span>}
      <h3>{t('history.title')}</h3>
      {history.length === 0 ? (
        <p className="muted">{t('history.none')}</p>
      ) : (
        <ul className="import-history" aria-label={t('history.title')}>
          {history.map((b) => (
            <BatchView key={b.id} batch={b} when={when} />
          ))}
        </ul>
      )}
    </section>
  );
}
