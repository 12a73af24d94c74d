import { createHash } from 'node:crypto';
import type { ImportProblemCode, ImportProblemParams } from '../../../shared/domain/import-problems';
import type { Language, PhoneKind } from '../../../shared/domain/model';
import { normaliseEmail } from '../../../shared/phone/phone';
import { DecodeError, decodeXmlBytes } from './decode';
import {
  cleanName,
  cleanText,
  fastE164,
  ImportError,
  importProblem,
  readInstant,
  readLanguage,
  unreadableMeans,
  type ImportProblem,
  type LeadInput,
} from './lead-input';
import { childrenNamed, elementPath, firstChild, parseXml, textOf, XmlError, type XmlElement } from './xml';

/**
 * ADF/XML (Auto-lead Data Format 1.0) → leads. The reader is lenient about form (see xml.ts)
 * and about optional parts (no vehicle, no request date, a name given only in full, phone
 * types spelled freely); it refuses what would import a lead nobody can call back: a prospect
 * without a name, or without any usable phone or e-mail. Problems are reported with the
 * element path (`adf/prospect[2]/customer/contact/phone`) and the line.
 */

export interface AdfReadOptions {
  now: Date;
  /** Minutes east of UTC of the centre's zone at an instant (for request dates without offset). */
  zoneOffsetMinutes(ms: number): number;
  defaultLanguage: Language;
  /** Most prospects one file may carry. */
  maxProspects?: number;
}

export interface AdfReadResult {
  leads: LeadInput[];
  warnings: ImportProblem[];
}

const MAX_PROBLEMS = 50;

function phoneKind(type: string | undefined): PhoneKind | 'skip' {
  const t = (type ?? 'voice').trim().toLowerCase();
  if (/^(cell|cellphone|cellular|mobile|mobil|sms|text)$/.test(t)) return 'mobile';
  if (/^(work|business|office|bureau|travail)$/.test(t)) return 'work';
  if (/^(fax|pager|telecopieur|télécopieur)$/.test(t)) return 'skip';
  return 'home';
}

/** Reads ADF text into leads; throws ImportError (nothing to write) when the file is bad. */
export function readAdfText(text: string, options: AdfReadOptions): AdfReadResult {
  let root: XmlElement;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new ImportError([importProblem(error.path, error.line, error.code, error.params)]);
    throw error;
  }
  if (root.name !== 'adf') {
    throw new ImportError([importProblem(root.name, root.line, 'adf_wrong_root', { element: root.name })]);
  }
  const prospects = childrenNamed(root, 'prospect');
  if (prospects.length === 0) throw new ImportError([importProblem('adf', root.line, 'adf_no_prospect')]);
  const max = options.maxProspects ?? 100_000;
  if (prospects.length > max) {
    throw new ImportError([importProblem('adf', root.line, 'adf_too_many_prospects', { count: prospects.length, max })]);
  }
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const leads: LeadInput[] = [];
  const nowMs = options.now.getTime();
  for (const prospect of prospects) {
    const problem = (list: ImportProblem[], at: XmlElement, code: ImportProblemCode, params?: ImportProblemParams) => {
      if (list.length < MAX_PROBLEMS) list.push(importProblem(elementPath(at), at.line, code, params));
    };
    const before = errors.length;

    // Provider and the lead's id: re-importing the same (provider, id) changes nothing.
    const ids = childrenNamed(prospect, 'id');
    const provider = firstChild(prospect, 'provider');
    const providerName =
      textOf(firstChild(provider, 'name')) ?? textOf(firstChild(provider, 'service')) ?? ids.map((id) => id.attrs.source?.trim()).find(Boolean) ?? null;
    const vendorName = textOf(firstChild(firstChild(prospect, 'vendor'), 'vendorname'));
    const providerRef = ids.map((id) => textOf(id)).find((v): v is string => v !== null) ?? null;

    // Request date: when the client asked (Q-1 orders by it); never in the future.
    const requestdate = firstChild(prospect, 'requestdate');
    let createdMs = readInstant(textOf(requestdate), options.zoneOffsetMinutes);
    if (requestdate && createdMs === null) problem(warnings, requestdate, 'adf_bad_requestdate', { value: (textOf(requestdate) ?? '').slice(0, 40) });
    if (!requestdate) problem(warnings, prospect, 'adf_no_requestdate');
    if (createdMs === null || createdMs > nowMs) createdMs = nowMs;

    // Vehicles: the first one the client wants; a trade-in is noted as such.
    let vehicle: LeadInput['vehicle'] = null;
    let tradeIn: string | null = null;
    const notes: string[] = [];
    for (const v of childrenNamed(prospect, 'vehicle')) {
      const interest = (v.attrs.interest ?? 'buy').trim().toLowerCase();
      const yearText = textOf(firstChild(v, 'year'));
      let year: number | null = null;
      if (yearText !== null) {
        const y = Number(yearText);
        if (Number.isInteger(y) && y >= 1900 && y <= 2100) year = y;
        else problem(warnings, firstChild(v, 'year')!, 'adf_bad_year', { value: yearText.slice(0, 20) });
      }
      const make = cleanName(textOf(firstChild(v, 'make')), 60) || null;
      const model = cleanName(textOf(firstChild(v, 'model')), 60) || null;
      if (interest === 'trade-in' || interest === 'sell' || interest === 'trade') {
        tradeIn ??= [year, make, model].filter(Boolean).join(' ') || null;
        continue;
      }
      const comments = cleanText(textOf(firstChild(v, 'comments')), 1000);
      if (comments) notes.push(comments);
      if (vehicle) continue;
      vehicle = {
        year,
        make,
        model,
        trim: cleanName(textOf(firstChild(v, 'trim')), 60) || null,
        stock: cleanName(textOf(firstChild(v, 'stock')), 30) || null,
        vin: cleanName(textOf(firstChild(v, 'vin')), 17).toUpperCase() || null,
      };
      if (!vehicle.make && !vehicle.model && !vehicle.stock && !vehicle.vin && !vehicle.year) vehicle = null;
    }

    // The client.
    const customer = firstChild(prospect, 'customer');
    const contact = firstChild(customer, 'contact');
    if (!customer) problem(errors, prospect, 'adf_no_customer');
    else if (!contact) problem(errors, customer, 'adf_no_contact');
    let firstName = '';
    let lastName = '';
    const phones: LeadInput['phones'] = [];
    const emails: string[] = [];
    let language: Language | null = null;
    if (contact) {
      for (const name of childrenNamed(contact, 'name')) {
        const value = cleanName(textOf(name));
        if (!value) continue;
        const part = (name.attrs.part ?? 'full').trim().toLowerCase();
        if (part === 'first') firstName ||= value;
        else if (part === 'last' || part === 'surname') lastName ||= value;
        else if (part === 'full' && !firstName && !lastName) {
          const space = value.indexOf(' ');
          firstName = space < 0 ? value : value.slice(0, space);
          lastName = space < 0 ? '' : value.slice(space + 1);
        }
      }
      if (!firstName && !lastName) problem(errors, contact, 'adf_no_name');
      const badMeans: [XmlElement, 'phone' | 'email', string][] = [];
      for (const email of childrenNamed(contact, 'email')) {
        const value = textOf(email);
        if (!value) continue;
        const address = normaliseEmail(value);
        if (address) {
          if (!emails.includes(address)) emails.push(address);
        } else badMeans.push([email, 'email', value.slice(0, 80)]);
      }
      for (const phone of childrenNamed(contact, 'phone')) {
        const value = textOf(phone);
        if (!value) continue;
        const kind = phoneKind(phone.attrs.type);
        if (kind === 'skip') continue;
        const e164 = fastE164(value.replace(/\s*(?:x|ext\.?|poste|#)\s*\d{1,6}\s*$/i, ''));
        if (!e164) badMeans.push([phone, 'phone', value.slice(0, 40)]);
        else if (!phones.some((p) => p.e164 === e164)) phones.push({ e164, kind, smsCapable: kind === 'mobile' });
      }
      // An unreadable number next to a good one is skipped with a warning; alone, it refuses the file.
      const reachable = phones.length + emails.length > 0;
      for (const [at, kind, value] of badMeans) problem(reachable ? warnings : errors, at, unreadableMeans(kind, reachable), { value });
      if (phones.length + emails.length === 0 && badMeans.length === 0) problem(errors, contact, 'adf_no_means');
      language =
        readLanguage(textOf(firstChild(contact, 'language')) ?? textOf(firstChild(contact, 'lang'))) ??
        readLanguage(textOf(firstChild(customer, 'language')) ?? textOf(firstChild(customer, 'lang'))) ??
        readLanguage(contact.attrs.lang ?? prospect.attrs.lang);
    }
    const comments = cleanText(textOf(firstChild(customer, 'comments')));
    const timeframe = cleanText(textOf(firstChild(firstChild(customer, 'timeframe'), 'description')) ?? textOf(firstChild(customer, 'timeframe')), 200);
    const message = cleanText([comments, ...notes, timeframe ? `Délai / Timeframe: ${timeframe}` : null].filter(Boolean).join('\n\n'));
    if (errors.length > before) continue;
    // A prospect without an id (the spec's example has none) is known by its content, so
    // re-importing the same file still changes nothing.
    const ref =
      providerRef ??
      `sha256:${createHash('sha256')
        .update(JSON.stringify([textOf(requestdate), firstName, lastName, phones.map((p) => p.e164), emails, vehicle, comments]))
        .digest('hex')
        .slice(0, 32)}`;
    leads.push({
      where: elementPath(prospect),
      line: prospect.line,
      type: 'internet',
      provider: cleanName(providerName ?? vendorName ?? 'ADF', 80),
      providerRef: ref.slice(0, 120),
      firstName,
      lastName,
      language: language ?? options.defaultLanguage,
      phones,
      emails,
      createdAt: new Date(createdMs).toISOString(),
      message,
      vehicle,
      tradeIn,
    });
  }
  if (errors.length) throw new ImportError(errors);
  return { leads, warnings };
}

/** Reads an ADF file's bytes (encoding per its declaration, strict UTF-8 otherwise). */
export function readAdfBytes(bytes: Uint8Array, options: AdfReadOptions): AdfReadResult {
  let text: string;
  try {
    text = decodeXmlBytes(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw new ImportError([importProblem('', error.line, error.code, error.params)]);
    throw error;
  }
  if (text.includes('\u0000')) throw new ImportError([importProblem('', 1, 'file_nul')]);
  return readAdfText(text, options);
}
