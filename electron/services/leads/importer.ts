import { randomUUID } from 'node:crypto';
import type { Tag } from '../../../shared/domain/model';
import { isEarlierMonth, offsetMinutes } from '../../../shared/rules/time';
import { isOnShift } from '../db/repos/agents';
import { leadsRepo, type LeadsRepo } from '../db/repos/leads';
import type { ServiceContext } from '../context';
import { readAdfBytes, readAdfText } from './adf';
import { csvToLeads, parseCsv, type CsvMapping } from './csv';
import { decodeCsvBytes, DecodeError } from './decode';
import { EmlError, extractAdfFromEml, looksLikeEml } from './eml';
import { ImportError, type ImportProblem, type LeadInput } from './lead-input';

/** What the importer needs from the services (ServiceContext fits). */
export type ImportDeps = Pick<ServiceContext, 'db' | 'contacts' | 'work' | 'agents' | 'now' | 'settings' | 'logger' | 'currentAgent'>;

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
 * - the client's open BDC OPP was created in the SAME calendar month (centre's zone) →
 *   NL-1a: the new OPP keeps that OPP's manager and tag;
 * - created in an EARLIER month and its manager is on shift (and not offline) → the manager
 *   keeps the client (PU-1a's spirit), tag recomputed: Bronze (MT-2 A:, no meeting yet);
 * - earlier month and the manager absent, or no manager → NL-1b: no manager; the lead goes
 *   to the unassigned queue and whoever takes it with « Lead suivant » becomes its manager.
 */
export function writeLeads(deps: ImportDeps, leads: readonly LeadInput[], repo: LeadsRepo = leadsRepo(deps.db)) {
  const at = deps.now().toISOString();
  const { timeZone } = deps.settings();
  const nowDate = deps.now();
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

  let createdClients = 0;
  let joinedClients = 0;
  let duplicates = 0;
  const touched = new Set<string>();
  /** New clients and what their search row holds (no read back); a later lead may add to it. */
  const created = new Map<string, { name: string; emails: string[]; phones: string[] }>();
  const opportunityIds: string[] = [];
  const mergeProposals: string[][] = [];
  for (const lead of leads) {
    if (lead.providerRef && lead.provider && repo.opportunityByProviderRef(lead.provider, lead.providerRef)) {
      duplicates++;
      continue;
    }
    const candidates: string[] = [];
    for (const p of lead.phones) for (const id of repo.clientIdsByPhone(p.e164)) if (!candidates.includes(id)) candidates.push(id);
    for (const e of lead.emails) for (const id of repo.clientIdsByEmail(e)) if (!candidates.includes(id)) candidates.push(id);
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
          const latest = repo.latestOpportunityAt(id) ?? '';
          if (latest > best) {
            best = latest;
            clientId = id;
          }
        }
        mergeProposals.push([...candidates].slice(0, 3));
      }
      const original = repo.latestOpenBdcOpportunity(clientId);
      if (original) {
        const sameMonth = !isEarlierMonth(Date.parse(original.created_at), Date.parse(lead.createdAt), timeZone);
        if (sameMonth) {
          managerId = original.manager_id;
          tag = original.tag;
          rule = 'NL-1a';
        } else if (original.manager_id && isPresent(original.manager_id)) {
          managerId = original.manager_id;
          rule = 'PU-1a';
        } else rule = 'NL-1b';
      }
      // Its search row is rewritten below: found by the phones and e-mails it has now.
      if (!touched.has(clientId) && !created.has(clientId)) repo.deleteSearchRows(clientId);
      const phones = new Set(repo.phonesOf(clientId));
      const emails = new Set(repo.emailsOf(clientId));
      const fresh = created.get(clientId);
      for (const p of lead.phones) {
        if (phones.has(p.e164)) continue;
        repo.insertPhone(clientId, p.e164, p.kind, p.smsCapable, at);
        fresh?.phones.push(p.e164);
      }
      for (const e of lead.emails) {
        if (emails.has(e)) continue;
        repo.insertEmail(clientId, e, at);
        fresh?.emails.push(e);
      }
      joinedClients++;
    } else {
      clientId = randomUUID();
      repo.insertClient({ id: clientId, firstName: lead.firstName, lastName: lead.lastName, language: lead.language, at });
      for (const p of lead.phones) repo.insertPhone(clientId, p.e164, p.kind, p.smsCapable, at);
      for (const e of lead.emails) repo.insertEmail(clientId, e, at);
      created.set(clientId, { name: `${lead.firstName} ${lead.lastName}`, emails: [...lead.emails], phones: lead.phones.map((p) => p.e164) });
      createdClients++;
    }
    const opportunityId = randomUUID();
    repo.insertOpportunity({
      id: opportunityId,
      clientId,
      type: lead.type,
      provider: lead.provider,
      providerRef: lead.providerRef,
      tag,
      managerId,
      message: lead.message,
      vehicle: lead.vehicle,
      tradeIn: lead.tradeIn,
      createdAt: lead.createdAt,
      at,
    });
    deps.work.insertActivity({
      clientId,
      opportunityId,
      agentId: null,
      kind: 'opportunity_created',
      at: lead.createdAt,
      data: { type: lead.type, provider: lead.provider, ...(rule ? { rule } : {}), ...(managerId ? { managerId } : {}) },
    });
    opportunityIds.push(opportunityId);
    touched.add(clientId);
  }
  // Search rows: new clients get theirs; joined ones had theirs deleted when first touched.
  for (const id of touched) {
    const fresh = created.get(id);
    if (fresh) repo.insertSearchValues(id, fresh.name, fresh.emails, fresh.phones);
    else repo.insertSearchRow(id);
  }
  return { createdClients, joinedClients, duplicates, clientIds: [...touched], opportunityIds, mergeProposals };
}

function zoneOffset(deps: ImportDeps): (ms: number) => number {
  const { timeZone } = deps.settings();
  return (ms) => offsetMinutes(ms, timeZone);
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
    report = deps.db.transaction(() => {
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
    }).immediate();
  } catch (error) {
    const problems: ImportProblem[] =
      error instanceof ImportError
        ? error.problems
        : error instanceof DecodeError
          ? [{ path: '', line: error.line, message: error.message }]
          : error instanceof EmlError
            ? [{ path: '', line: 1, message: error.message }]
            : [{ path: '', line: 0, message: 'the file could not be imported; see the log' }];
    if (!(error instanceof ImportError || error instanceof DecodeError || error instanceof EmlError)) {
      deps.logger.error('lead import failed', { fileName, error: error instanceof Error ? error.message : String(error) });
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
  return report;
}

function adfOptions(deps: ImportDeps) {
  // A: a lead that does not say its language is French (a Québec centre).
  return { now: deps.now(), zoneOffsetMinutes: zoneOffset(deps), defaultLanguage: 'fr' as const };
}

/** ADF/XML text → written leads (the benchmark's entry point). */
export function importAdfText(deps: ImportDeps, text: string, fileName = 'adf.xml', via: 'picker' | 'folder' | 'api' = 'api'): ImportReport {
  return importLeads(deps, () => readAdfText(text, adfOptions(deps)), { fileName, source: 'adf', via });
}

/** A file's bytes, ADF/XML or an e-mail carrying one, told apart by their content. */
export function importLeadFile(deps: ImportDeps, fileName: string, bytes: Uint8Array, via: 'picker' | 'folder' | 'api'): ImportReport {
  const eml = /\.eml$/i.test(fileName) || looksLikeEml(bytes);
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    const report = failedReport(fileName, eml ? 'eml' : 'adf', [{ path: '', line: 0, message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
    importLeads(deps, () => {
      throw new ImportError(report.errors);
    }, { fileName, source: report.source, via });
    return report;
  }
  if (eml) return importLeads(deps, () => readAdfText(extractAdfFromEml(bytes), adfOptions(deps)), { fileName, source: 'eml', via });
  return importLeads(deps, () => readAdfBytes(bytes, adfOptions(deps)), { fileName, source: 'adf', via });
}

export interface CsvOptions {
  mapping: CsvMapping;
  delimiter?: ',' | ';' | '\t';
  provider?: string;
}

/** CSV text with its column mapping → written leads (the benchmark's entry point). */
export function importCsvText(deps: ImportDeps, text: string, options: CsvOptions, fileName = 'import.csv', via: 'picker' | 'folder' | 'api' = 'api'): ImportReport {
  const base = adfOptions(deps);
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
      throw new ImportError([{ path: '', line: 0, message: `the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB` }]);
    }, { fileName, source: 'csv', via });
  }
  return importCsvText(deps, decodeCsvBytes(bytes).text, options, fileName, via);
}
