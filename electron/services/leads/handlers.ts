import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { leadsRequests } from '../../../shared/ipc/contract-leads';
import type { ImportProblemDto } from '../../../shared/ipc/contract-leads';
import { ServiceError } from '../../../shared/ipc/result';
import { refusal } from '../../../shared/ipc/error-texts';
import { leadsRepo } from '../db/repos/leads';
import type { ServiceContext } from '../context';
import { analystHandoff } from './analyst';
import { parseCsv, suggestMapping } from './csv';
import { decodeCsvBytes } from './decode';
import { followUpService } from './followups';
import { importCsvBytes, importLeadFiles, MAX_IMPORT_BYTES, type ImportReport } from './importer';
import { ImportError } from './lead-input';
import { duplicatesOf, mergeClients } from './merge';
import { queueService } from './queue';
import type { LeadFileReader } from './reader';
import { checkFolderPath, type FolderScanner } from './watcher';

function bytesOf(base64: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw refusal('invalid_input', 'file_too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 }, 'base64');
  return bytes;
}

/** What crosses the contract: the report without the internal id lists. */
function publicReport(r: ImportReport) {
  return {
    fileName: r.fileName,
    source: r.source,
    status: r.status,
    leads: r.leads,
    createdClients: r.createdClients,
    joinedClients: r.joinedClients,
    duplicates: r.duplicates,
    errors: r.errors,
    warnings: r.warnings,
    mergeProposals: r.mergeProposals,
  };
}

function parseProblems(json: string | null): ImportProblemDto[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ImportProblemDto[]) : [];
  } catch {
    return [];
  }
}

/**
 * The handlers of this area's contract fragment (shared/ipc/contract-leads.ts). `reader` reads
 * picked lead files on its worker (reader.ts); `scanner` is the cache's one folder scanner,
 * which the background's periodic scan shares. createServices owns both.
 */
export function leadsHandlers(context: ServiceContext, reader: LeadFileReader, scanner: FolderScanner): HandlersFor<typeof leadsRequests> {
  const repo = leadsRepo(context.db);
  const queue = queueService(context);
  const followUps = followUpService(context);

  function afterImport(reports: ImportReport[]): void {
    for (const r of reports) for (const clientId of r.clientIds) context.bus.emit('record:changed', { clientId });
    if (reports.some((r) => r.status === 'imported' && r.leads > 0)) context.bus.emit('queue:changed', {});
  }

  function folders() {
    return repo.watchFolders().map((f) => ({ id: f.id, path: f.path, enabled: f.enabled === 1, lastScanAt: f.last_scan_at }));
  }

  return {
    'leads:importFiles': async ({ files }) => {
      // Every file is decoded (and size-checked) before the first is written.
      const decoded = files.map((f) => ({ name: f.name, bytes: bytesOf(f.base64) }));
      const reports = await importLeadFiles(context, decoded, 'picker', reader);
      afterImport(reports);
      return { reports: reports.map(publicReport) };
    },
    'leads:csvPreview': ({ name, base64, delimiter }) => {
      const { text, encoding } = decodeCsvBytes(bytesOf(base64));
      try {
        const table = parseCsv(text, delimiter ? { delimiter } : {});
        return {
          fileName: name,
          encoding,
          delimiter: table.delimiter,
          header: table.header.map((h) => h.slice(0, 200)),
          rows: table.rows.slice(0, 20).map((r) => ({ line: r.line, cells: r.cells.map((c) => c.slice(0, 500)) })),
          totalRows: table.rows.length,
          suggested: suggestMapping(table.header),
        };
      } catch (error) {
        if (error instanceof ImportError) {
          // Worded by the console from the problem's own code, at its line.
          const first = error.problems[0];
          const text = first?.code ? { key: 'errors:csv_unreadable', params: { ...first.params, line: first.line, code: first.code } } : undefined;
          throw new ServiceError('invalid_input', error.message, 'base64', text);
        }
        throw error;
      }
    },
    'leads:importCsv': ({ name, base64, mapping, delimiter, provider }) => {
      const report = importCsvBytes(
        context,
        bytesOf(base64),
        { mapping, ...(delimiter ? { delimiter } : {}), ...(provider ? { provider } : {}) },
        name,
        'picker',
      );
      afterImport([report]);
      return publicReport(report);
    },
    'leads:batches': ({ limit }) =>
      repo.recentBatches(limit ?? 50).map((b) => ({
        id: b.id,
        source: b.source,
        via: b.via,
        fileName: b.file_name,
        status: b.status,
        leads: b.leads,
        createdClients: b.created_clients,
        joinedClients: b.joined_clients,
        duplicates: b.duplicates,
        errors: parseProblems(b.errors),
        at: b.created_at,
      })),
    'leads:folders': () => folders(),
    'leads:addFolder': ({ path }) => {
      repo.addWatchFolder(checkFolderPath(path), context.now().toISOString());
      return folders();
    },
    'leads:removeFolder': ({ folderId }) => {
      if (!repo.removeWatchFolder(folderId)) throw refusal('not_found', 'watch_folder_not_found', { id: folderId }, 'folderId');
      return folders();
    },
    'leads:scanFolders': async () =>
      // The button does not wait for files to settle: the agent says they are there.
      (await scanner.scanAll({ settleMs: 0 })).map((r) => ({ folderId: r.folderId, path: r.path, error: r.error, files: r.files.map(publicReport) })),
    'queue:list': ({ filter, type, limit, offset }) => queue.list({ filter: filter ?? 'all', type: type ?? null, limit: limit ?? 50, offset: offset ?? 0 }),
    'queue:next': () => queue.next(),
    'queue:take': ({ opportunityId, reason }) => queue.take(opportunityId, reason ?? null),
    'followups:today': ({ limit }) => followUps.today(limit ?? 50),
    'followups:preview': ({ opportunityId }) => followUps.state(opportunityId),
    'followups:log': ({ opportunityId, textSent }) => followUps.log(opportunityId, textSent === undefined ? {} : { textSent }),
    'followups:markLost': ({ opportunityId }) => followUps.markLost(opportunityId),
    'clients:duplicates': ({ clientId }) => duplicatesOf(context, clientId),
    'clients:merge': ({ clientId, mergeIds }) => mergeClients(context, clientId, mergeIds),
    'analysts:compose': ({ clientId, reasons, cre }) => analystHandoff(context, clientId, reasons, cre ?? null),
  };
}
