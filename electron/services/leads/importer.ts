import { withoutBackstop } from '../db/checkpointer';
import { newId } from '../db/ids';
import type { Tag } from '../../../shared/domain/model';
import { isEarlierMonth } from '../../../shared/rules/time';
import { isOnShift } from '../db/repos/agents';
import { leadsRepo, OPPORTUNITY_ROW, type ImportRow, type LeadsRepo, type OpenOpportunityRow } from '../db/repos/leads';
import type { ServiceContext } from '../context';
import { readAdfText, type AdfReadResult } from './adf';
import { applyExpiry } from './expiry';
import { csvToLeads, parseCsv, type CsvMapping } from './csv';
import { decodeCsvBytes, DecodeError } from './decode';
import { EmlError } from './eml';
import { ImportError, importProblem, type ImportProblem, type LeadInput } from './lead-input';
import { leadFileSource, leadReadOptions, readLeadFile, type LeadFileContext } from './read-file';
import type { LeadFileReader } from './reader';
import { errorMessage } from '../../../shared/error-message';

/** What the importer needs from the services (ServiceContext fits). */
export type ImportDeps = Pick<ServiceContext, 'db' | 'contacts' | 'work' | 'agents' | 'bus' | 'now' | 'settings' | 'logger' | 'currentAgent'>;

export interface ImportReport {
  fileName: string;
  source: 'adf' | 'eml' | 'csv';
  status: 'imported' | 'failed';
  /** Leads read from the file. */
  leads: number;
  /** New client records. */
  createdClients: number;
  /** Leads that joined an existing client as a new OPP. */
  joinedClients: number;
  /** Leads already imported (same provider and id): nothing changed. */
  duplicates: number;
  errors: ImportProblem[];
  warnings: ImportProblem[];
  /** Clients a lead matched more than one of (phone of one, e-mail of another): merges to propose. */
  mergeProposals: string[][];
  /** Clients written, for record:changed events. */
  clientIds: string[];
  opportunityIds: string[];
}

/** Biggest file read, in bytes: ADF leads are a few KB; a batch export of 10,000 is ~10 MB. */
export const MAX_IMPORT_BYTES = 24 * 1024 * 1024;

function failedReport(fileName: string, source: ImportReport['source'], errors: ImportProblem[]): ImportReport {
  return { fileName, source, status: 'failed', leads: 0, createdClients: 0, joinedClients: 0, duplicates: 0, errors, warnings: [], mergeProposals: [], clientIds: [], opportunityIds: [] };
}

/**
 * Writes leads in ONE transaction (all-or-nothing per file). For each lead:
 * - the same provider and id was imported before → nothing changes (counted as duplicate);
 * - its phone or e-mail matches a client → it joins that client as a new OPP, and NL-1
 *   decides the manager (below);
 * - else a new client with its phones and e-mails, and the OPP.
 * Every OPP gets its `opportunity_created` activity ({type, provider}) and every touched
 * client its search row rewritten, in the same transaction.
 *
 * NL-1 for imports — nobody "receives" an imported lead, so the queue stands in for the
 * receiving agent (documented choice):
 * - the client's open BDC OPP was created in the month in progress (centre's zone; 002
 *   « date d'un mois antérieur à celui en cours »: the month of the import, not of the lead)
 *   → NL-1a: the new OPP keeps that OPP's manager and tag;
 * - created in an EARLIER month and its manager is on shift (and not offline) → nothing
 *   changes (002 changes « le gestionnaire/balise » only when the manager is off shift): the
 *   new OPP keeps that OPP's manager and tag, as PU-1a keeps M's client;
 * - earlier month and the manager absent, or no manager → NL-1b: no manager; the lead goes
 *   to the unassigned queue and whoever takes it with « Lead suivant » becomes its manager.
 */
export function writeLeads(deps: ImportDeps, leads: readonly LeadInput[], repo: LeadsRepo = leadsRepo(deps.db)) {
  const at = deps.now().toISOString();
  const { timeZone } = deps.settings();
  const nowDate = deps.now();
  const nowMs = nowDate.getTime();
  const shifts = deps.agents.shifts();
  const presence = new Map(deps.agents.list().map((a) => [a.id, a.presence]));
  const present = (agentId: string) =>
    presence.get(agentId) !== undefined &&
    presence.get(agentId) !== 'offline' &&
    isOnShift(
      shifts.filter((s) => s.agent_id === agentId),
      nowDate,
      timeZone,
    );
  const presentCache = new Map<string, boolean>();
  const isPresent = (id: string) => {
    let v = presentCache.get(id);
    if (v === undefined) presentCache.set(id, (v = present(id)));
    return v;
  };

  // What the cache already holds for the whole file, read by the set (three statements).
  const refKey = (provider: string, ref: string) => `${provider}\u0000${ref}`;
  const knownRefs = repo.existingProviderRefs(leads.flatMap((l) => (l.provider && l.providerRef ? [[l.provider, l.providerRef] as const] : [])));
  const phoneOwners = repo.clientsByPhones([...new Set(leads.flatMap((l) => l.phones.map((p) => p.e164)))]);
  const emailOwners = repo.clientsByEmails([...new Set(leads.flatMap((l) => l.emails))]);
  const own = (owners: Map<string, string[]>, key: string, clientId: string) => {
    const list = owners.get(key);
    if (!list) owners.set(key, [clientId]);
    else if (!list.includes(clientId)) {
      // Kept in client id order, as the index returns them (ties go to the first).
      list.push(clientId);
      list.sort();
    }
  };

  const clientRows: ImportRow[] = [];
  const phoneRows: ImportRow[] = [];
  const emailRows: ImportRow[] = [];
  const opportunityRows: ImportRow[] = [];
  const activityRows: ImportRow[] = [];

  // What this file has written so far, so each lead sees the ones before it as the cache
  // would: the latest OPP each client got from the file, the numbers and addresses of the
  // clients it touched. Kept small, as most clients get one lead: the OPP as its place in
  // `opportunityRows`, and a new client's contacts only once a later lead joins it (read
  // from the lead that created it); a Set pair and an object a lead, kept to the end of a
  // 100,000-row file, cost more in garbage collection than the writes they described.
  const fileOpps = new Map<string, number>();
  const createdBy = new Map<string, LeadInput>();
  const contactsOf = new Map<string, { phones: Set<string>; emails: Set<string> }>();
  const fromFile = (clientId: string): Pick<OpenOpportunityRow, 'manager_id' | 'tag' | 'created_at'> | undefined => {
    const index = fileOpps.get(clientId);
    if (index === undefined) return undefined;
    const row = opportunityRows[index]!;
    return { manager_id: row[OPPORTUNITY_ROW.managerId] as string | null, tag: row[OPPORTUNITY_ROW.tag] as Tag, created_at: row[OPPORTUNITY_ROW.createdAt] as string };
  };
  const latestOpen = (clientId: string, isNew: boolean) => {
    const inFile = fromFile(clientId);
    const stored = isNew ? undefined : repo.latestOpenBdcOpportunity(clientId);
    if (!stored) return inFile;
    // The cache's order is created_at then insertion: on a tie the file's (later) row wins.
    return inFile && inFile.created_at >= stored.created_at ? inFile : stored;
  };
  const latestAt = (clientId: string, isNew: boolean): string => {
    const inFile = fromFile(clientId)?.created_at ?? '';
    const stored = isNew ? '' : (repo.latestOpportunityAt(clientId) ?? '');
    return inFile > stored ? inFile : stored;
  };

  /** Gives the client the lead's numbers and addresses it does not have yet (each once). */
  const addContacts = (clientId: string, contacts: { phones: Set<string>; emails: Set<string> }, lead: LeadInput) => {
    for (const p of lead.phones) {
      if (contacts.phones.has(p.e164)) continue;
      contacts.phones.add(p.e164);
      phoneRows.push([newId(), clientId, p.e164, p.kind, p.smsCapable ? 1 : 0]);
      own(phoneOwners, p.e164, clientId);
    }
    for (const e of lead.emails) {
      if (contacts.emails.has(e)) continue;
      contacts.emails.add(e);
      emailRows.push([newId(), clientId, e]);
      own(emailOwners, e, clientId);
    }
  };
  /** A new client's numbers and addresses: the lead's, each once (the first of a repeat). */
  const addNewContacts = (clientId: string, lead: LeadInput) => {
    const { phones, emails } = lead;
    for (let i = 0; i < phones.length; i++) {
      const p = phones[i]!;
      if (phones.findIndex((q) => q.e164 === p.e164) !== i) continue;
      phoneRows.push([newId(), clientId, p.e164, p.kind, p.smsCapable ? 1 : 0]);
      own(phoneOwners, p.e164, clientId);
    }
    for (let i = 0; i < emails.length; i++) {
      if (emails.indexOf(emails[i]!) !== i) continue;
      emailRows.push([newId(), clientId, emails[i]!]);
      own(emailOwners, emails[i]!, clientId);
    }
  };
  let createdClients = 0;
  let joinedClients = 0;
  let duplicates = 0;
  const touched = new Set<string>();
  /** Clients this file creates. */
  const created = new Set<string>();
  const opportunityIds: string[] = [];
  const mergeProposals: string[][] = [];
  const seenRefs = new Set<string>();
  /** Stored clients whose search row is rewritten at the end. */
  const reindexed = new Set<string>();
  for (const lead of leads) {
    if (lead.providerRef && lead.provider) {
      const key = refKey(lead.provider, lead.providerRef);
      if (knownRefs.has(key) || seenRefs.has(key)) {
        duplicates++;
        continue;
      }
      seenRefs.add(key);
    }
    const candidates: string[] = [];
    for (const p of lead.phones) for (const id of phoneOwners.get(p.e164) ?? []) if (!candidates.includes(id)) candidates.push(id);
    for (const e of lead.emails) for (const id of emailOwners.get(e) ?? []) if (!candidates.includes(id)) candidates.push(id);
    let clientId: string;
    let managerId: string | null = null;
    let tag: Tag = 'bronze';
    let rule: string | null = null;
    if (candidates.length > 0) {
      // Several records match (a household, a duplicate): the one with the latest file wins.
      clientId = candidates[0]!;
      if (candidates.length > 1) {
        let best = '';
        for (const id of candidates) {
          const latest = latestAt(id, created.has(id));
          if (latest > best) {
            best = latest;
            clientId = id;
          }
        }
        // The record the lead joined first (the merge dialog keeps it), then every other
        // match, up to ten: the dialog merges three at a time and says how many more matched.
        mergeProposals.push([clientId, ...candidates.filter((id) => id !== clientId)].slice(0, 10));
      }
      const fresh = created.has(clientId);
      const original = latestOpen(clientId, fresh);
      if (original) {
        const sameMonth = !isEarlierMonth(Date.parse(original.created_at), nowMs, timeZone);
        if (sameMonth || (original.manager_id && isPresent(original.manager_id))) {
          managerId = original.manager_id;
          tag = original.tag;
          rule = sameMonth ? 'NL-1a' : 'PU-1a';
        } else rule = 'NL-1b';
      }
      let contacts = contactsOf.get(clientId);
      if (!contacts) {
        const creator = createdBy.get(clientId);
        contacts = creator
          ? { phones: new Set(creator.phones.map((p) => p.e164)), emails: new Set(creator.emails) }
          : { phones: new Set(repo.phonesOf(clientId)), emails: new Set(repo.emailsOf(clientId)) };
        contactsOf.set(clientId, contacts);
      }
      // A stored client that gains an address has its search row rewritten once the file's
      // rows are in. A new number needs nothing more than its own row (numbers are searched
      // through their index).
      if (!fresh && lead.emails.some((e) => !contacts.emails.has(e))) reindexed.add(clientId);
      addContacts(clientId, contacts, lead);
      joinedClients++;
    } else {
      clientId = newId();
      clientRows.push([clientId, lead.firstName, lead.lastName, lead.language]);
      addNewContacts(clientId, lead);
      created.add(clientId);
      createdBy.set(clientId, lead);
      createdClients++;
    }
    const opportunityId = newId();
    const v = lead.vehicle;
    opportunityRows.push([
      opportunityId,
      clientId,
      lead.type,
      lead.provider,
      lead.providerRef,
      tag,
      managerId,
      lead.message,
      v?.year ?? null,
      v?.make ?? null,
      v?.model ?? null,
      v?.trim ?? null,
      v?.stock ?? null,
      v?.vin ?? null,
      lead.tradeIn,
      lead.createdAt,
    ]);
    const previous = fromFile(clientId);
    if (!previous || lead.createdAt >= previous.created_at) fileOpps.set(clientId, opportunityRows.length - 1);
    const data = { type: lead.type, provider: lead.provider, ...(rule ? { rule } : {}), ...(managerId ? { managerId } : {}) };
    activityRows.push([newId(), clientId, opportunityId, 'opportunity_created', lead.createdAt, JSON.stringify(data)]);
    opportunityIds.push(opportunityId);
    touched.add(clientId);
  }
  // The rows, by the set, parents first (foreign keys are checked row by row all the same).
  repo.insertClientRows(clientRows, at);
  repo.insertPhoneRows(phoneRows, at);
  repo.insertEmailRows(emailRows, at);
  repo.insertOpportunityRows(opportunityRows, at);
  repo.insertActivityRows(activityRows);
  // Search rows, read from what is now stored: stored clients that changed, then the new ones
  // (whose rowids are the highest), so that FTS5 sees rowids ascend.
  repo.refreshSearchRows([...reindexed]);
  repo.insertSearchRows([...created]);
  return { createdClients, joinedClients, duplicates, clientIds: [...touched], opportunityIds, mergeProposals };
}

/**
 * Imports leads already read from a file: one transaction with the batch's row; on any
 * error the transaction is rolled back and only the failed batch row is written.
 */
export function importLeads(
  deps: ImportDeps,
  read: () => { leads: LeadInput[]; warnings: ImportProblem[] },
  meta: { fileName: string; source: ImportReport['source']; via: 'picker' | 'folder' | 'api' },
): ImportReport {
  const repo = leadsRepo(deps.db);
  const at = deps.now().toISOString();
  const agentId = deps.currentAgent()?.id ?? null;
  const fileName = meta.fileName.slice(0, 255);
  let report: ImportReport;
  try {
    const { leads, warnings } = read();
    // The checkpointer's worker copies the file's pages back after the commit, on the other core.
    report = withoutBackstop(deps.db, () => deps.db.transaction(() => {
      const written = writeLeads(deps, leads, repo);
      repo.insertBatch({
        source: meta.source,
        via: meta.via,
        file_name: fileName,
        status: 'imported',
        leads: leads.length,
        created_clients: written.createdClients,
        joined_clients: written.joinedClients,
        duplicates: written.duplicates,
        errors: warnings.length ? JSON.stringify(warnings.slice(0, 50)) : null,
        agentId,
        at,
      });
      return { fileName, source: meta.source, status: 'imported' as const, leads: leads.length, errors: [], warnings, ...written };
    }).immediate());
  } catch (error) {
    const problems: ImportProblem[] =
      error instanceof ImportError
        ? error.problems
        : error instanceof DecodeError
          ? [importProblem('', error.line, error.code, error.params)]
          : error instanceof EmlError
            ? [importProblem('', 1, error.code, error.params)]
            : [importProblem('', 0, 'file_failed')];
    if (!(error instanceof ImportError || error instanceof DecodeError || error instanceof EmlError)) {
      deps.logger.error('lead import failed', { fileName, error: errorMessage(error) });
    }
    report = failedReport(fileName, meta.source, problems);
    repo.insertBatch({
      source: meta.source,
      via: meta.via,
      file_name: fileName,
      status: 'failed',
      leads: 0,
      created_clients: 0,
      joined_clients: 0,
      duplicates: 0,
      errors: JSON.stringify(problems.slice(0, 50)),
      agentId,
      at,
    });
  }
  deps.logger.info('lead file imported', { fileName, status: report.status, leads: report.leads, created: report.createdClients, joined: report.joinedClients, duplicates: report.duplicates });
  // ST-1 at once for leads already older than 8 weeks (a CRM export's history): left to the
  // hourly sweep, they would head the queue, the oldest of all, until it ran.
  if (report.status === 'imported' && report.leads > report.duplicates) {
    try {
      applyExpiry(deps);
    } catch (error) {
      deps.logger.error('ST-1 expiry after an import failed', { fileName, error: errorMessage(error) });
    }
  }
  return report;
}

/** What reading a lead file needs from the services, as plain data (it may cross to the reader's worker). */
function readContext(deps: ImportDeps): LeadFileContext {
  return { nowMs: deps.now().getTime(), timeZone: deps.settings().timeZone };
}

/** ADF/XML text → written leads (the import and property tests' entry point). */
export function importAdfText(deps: ImportDeps, text: string, fileName = 'adf.xml', via: 'picker' | 'folder' | 'api' = 'api'): ImportReport {
  return importLeads(deps, () => readAdfText(text, leadReadOptions(readContext(deps))), { fileName, source: 'adf', via });
}

/** The failed report of a file over the size cap, recorded without reading the file. */
function importOversized(deps: ImportDeps, fileName: string, source: ImportReport['source'], via: 'picker' | 'folder' | 'api'): ImportReport {
  const report = failedReport(fileName, source, [importProblem('', 0, 'file_too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })]);
  importLeads(deps, () => {
    throw new ImportError(report.errors);
  }, { fileName, source, via });
  return report;
}

/** A file's bytes, ADF/XML or an e-mail carrying one, told apart by their content. */
export function importLeadFile(deps: ImportDeps, fileName: string, bytes: Uint8Array, via: 'picker' | 'folder' | 'api'): ImportReport {
  const source = leadFileSource(fileName, bytes);
  if (bytes.byteLength > MAX_IMPORT_BYTES) return importOversized(deps, fileName, source, via);
  return importLeads(deps, () => readLeadFile(fileName, bytes, readContext(deps)), { fileName, source, via });
}

/**
 * Several lead files, as the picker hands them over or a watched folder holds them: each is
 * imported as importLeadFile does, in the order given, one transaction each (all-or-nothing
 * per file), but the next file is read on the reader's worker while this one is written,
 * and the host's thread is free between files.
 */
export async function importLeadFiles(
  deps: ImportDeps,
  files: readonly { name: string; bytes: Uint8Array }[],
  via: 'picker' | 'folder' | 'api',
  reader: LeadFileReader,
  /** Called as soon as each file is committed (or refused), before the next is written. */
  onReport?: (report: ImportReport, index: number) => void,
  /** Once aborted, no further file is started: the reports are those of the files done. */
  signal?: AbortSignal,
): Promise<ImportReport[]> {
  type Read = { ok: true; result: AdfReadResult } | { ok: false; error: unknown } | null;
  const read = (file: { name: string; bytes: Uint8Array } | undefined): Promise<Read> =>
    !file || file.bytes.byteLength > MAX_IMPORT_BYTES
      ? Promise.resolve(null)
      : reader.read(file.name, file.bytes, readContext(deps)).then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        );
  const reports: ImportReport[] = [];
  let next = read(files[0]);
  for (const [i, file] of files.entries()) {
    if (signal?.aborted) break;
    const current = next;
    next = read(files[i + 1]);
    const source = leadFileSource(file.name, file.bytes);
    const outcome = await current;
    const report = outcome
      ? importLeads(deps, () => {
          if (!outcome.ok) throw outcome.error;
          return outcome.result;
        }, { fileName: file.name, source, via })
      : importOversized(deps, file.name, source, via);
    reports.push(report);
    onReport?.(report, i);
    // A read that is already back resumes this loop without leaving the microtask queue, so
    // the host's other work (a ringing call's lookup, an agent's click) would wait for the
    // whole batch: it gets its turn between files instead.
    if (i + 1 < files.length) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return reports;
}

export interface CsvOptions {
  mapping: CsvMapping;
  delimiter?: ',' | ';' | '\t';
  provider?: string;
}

/** CSV text with its column mapping → written leads (the benchmark's entry point). */
export function importCsvText(deps: ImportDeps, text: string, options: CsvOptions, fileName = 'import.csv', via: 'picker' | 'folder' | 'api' = 'api'): ImportReport {
  const base = leadReadOptions(readContext(deps));
  return importLeads(
    deps,
    () =>
      csvToLeads(parseCsv(text, options.delimiter ? { delimiter: options.delimiter } : {}), options.mapping, {
        ...base,
        defaultProvider: options.provider?.trim() || 'CSV',
      }),
    { fileName, source: 'csv', via },
  );
}

/** CSV bytes (UTF-8 with or without BOM, else Windows-1252). */
export function importCsvBytes(deps: ImportDeps, bytes: Uint8Array, options: CsvOptions, fileName: string, via: 'picker' | 'folder' | 'api'): ImportReport {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    return importLeads(deps, () => {
      throw new ImportError([importProblem('', 0, 'file_too_large', { mb: MAX_IMPORT_BYTES / 1024 / 1024 })]);
    }, { fileName, source: 'csv', via });
  }
  return importCsvText(deps, decodeCsvBytes(bytes).text, options, fileName, via);
}
