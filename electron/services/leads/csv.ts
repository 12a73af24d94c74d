import type { ImportProblemCode, ImportProblemParams } from '../../../shared/domain/import-problems';
import type { LeadType, PhoneKind } from '../../../shared/domain/model';
import { LEAD_TYPES } from '../../../shared/domain/model';
import { normaliseEmail } from '../../../shared/phone/phone';
import { cleanName, cleanText, fastE164, ImportError, importProblem, readInstant, readLanguage, unreadableMeans, type ImportProblem, type LeadInput } from './lead-input';
import { CSV_FIELD_NAMES } from '../../../shared/ipc/contract-leads';

/**
 * CSV exports from the CRM (RFC 4180): quoted fields with "" escapes and line breaks inside
 * quotes, `;` or `,` (or tab) as delimiter, detected from the header line. Every row keeps
 * the line it starts on, so problems are reported by line number.
 */

export interface CsvTable {
  delimiter: ',' | ';' | '\t';
  header: string[];
  rows: { line: number; cells: string[] }[];
}

export const MAX_CSV_ROWS = 500_000;

/** The delimiter the header line uses most, outside quotes. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/** Parses the whole text; throws ImportError at the first unreadable line. */
export function parseCsv(text: string, options: { delimiter?: ',' | ';' | '\t'; maxRows?: number } = {}): CsvTable {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(source);
  const d = delimiter.charCodeAt(0);
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  const records: { line: number; cells: string[] }[] = [];
  const n = source.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (source.charCodeAt(i) === 34 /* " */) {
        const openLine = line;
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = source.indexOf('"', j);
          if (q < 0) throw new ImportError([importProblem('', openLine, 'csv_quote_unclosed')]);
          const chunk = source.slice(j, q);
          for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++;
          out += chunk;
          if (source.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        value = out;
        const c = source.charCodeAt(i);
        if (i < n && c !== d && c !== 10 && c !== 13) {
          throw new ImportError([importProblem('', line, 'csv_text_after_quote')]);
        }
      } else {
        let j = i;
        while (j < n) {
          const c = source.charCodeAt(j);
          if (c === d || c === 10 || c === 13) break;
          j++;
        }
        value = source.slice(i, j);
        i = j;
      }
      cells.push(value);
      const c = source.charCodeAt(i);
      if (c === d) i++;
      else {
        if (c === 13) i++;
        if (source.charCodeAt(i) === 10) i++;
        line++;
        endOfRecord = true;
      }
      if (i >= n && c === d) {
        cells.push('');
        endOfRecord = true;
      }
    }
    // Blank lines (a trailing new line, an empty row) carry nothing.
    if (cells.every((c) => c.trim() === '')) continue;
    records.push({ line: startLine, cells });
    if (records.length > maxRows + 1) throw new ImportError([importProblem('', startLine, 'csv_too_many_rows', { max: maxRows })]);
  }
  const header = records.shift();
  if (!header) throw new ImportError([importProblem('', 1, 'csv_empty')]);
  return { delimiter, header: header.cells.map((h) => h.trim()), rows: records };
}

/** The lead fields a CSV column can be mapped to: the contract's list, one source. */
export const CSV_FIELDS = CSV_FIELD_NAMES;
export type CsvField = (typeof CSV_FIELDS)[number];
/** Field → column index (0-based). */
export type CsvMapping = Partial<Record<CsvField, number>>;

const SYNONYMS: Record<CsvField, RegExp> = {
  firstName: /^(pr[ée]nom|first ?name|given ?name|firstname|prenom)$/,
  lastName: /^(nom( de famille)?|last ?name|surname|family ?name|lastname)$/,
  fullName: /^(nom complet|full ?name|client|customer|name|contact)$/,
  email: /^(courriel|e-?mail|adresse courriel|email address|mail)$/,
  phone: /^(t[ée]l[ée]phone|phone|tel|t[ée]l\.?|num[ée]ro|phone number)$/,
  mobilePhone: /^(cellulaire|cell|mobile|t[ée]l[ée]phone cellulaire|mobile phone|cell phone)$/,
  homePhone: /^(maison|domicile|t[ée]l[ée]phone (maison|domicile)|home( phone)?)$/,
  workPhone: /^(travail|bureau|t[ée]l[ée]phone (travail|bureau)|work( phone)?|business phone)$/,
  language: /^(langue|language|lang)$/,
  type: /^(type|type de lead|lead type|source type)$/,
  provider: /^(source|fournisseur|provider|origine|lead source)$/,
  providerRef: /^(id|no|n°|(no|n°|num[ée]ro) de lead|lead id|lead #|r[ée]f[ée]rence|ref|external id)$/,
  createdAt: /^(date|cr[ée][ée] le|date de cr[ée]ation|created( at)?|creation date|date created|request ?date)$/,
  vehicleYear: /^(ann[ée]e|year)$/,
  vehicleMake: /^(marque|make)$/,
  vehicleModel: /^(mod[èe]le|model)$/,
  vehicleTrim: /^(version|trim|[ée]dition)$/,
  vehicleStock: /^(stock|no de stock|stock ?#|inventaire|num[ée]ro de stock)$/,
  vehicleVin: /^(niv|vin|num[ée]ro de s[ée]rie)$/,
  message: /^(message|commentaires?|comments?|notes?|remarques?|demande)$/,
  tradeIn: /^([ée]change|trade-?in|v[ée]hicule d'[ée]change)$/,
};

/** A first mapping guessed from the header (French and English names). */
export function suggestMapping(header: readonly string[]): CsvMapping {
  const mapping: CsvMapping = {};
  header.forEach((raw, index) => {
    const h = raw.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const field of CSV_FIELDS) {
      if (mapping[field] === undefined && SYNONYMS[field].test(h)) {
        mapping[field] = index;
        break;
      }
    }
  });
  return mapping;
}

/** What the mapping lacks to make a lead: a name and a way to reach the client. */
export function mappingProblems(mapping: CsvMapping, columns: number): ImportProblem[] {
  // The mapping is no line of the file: line 0.
  const problems: ImportProblem[] = [];
  for (const [field, index] of Object.entries(mapping)) {
    if (index !== undefined && (index < 0 || index >= columns)) problems.push(importProblem('', 0, 'csv_mapping_no_column', { field, column: index + 1 }));
  }
  if (mapping.firstName === undefined && mapping.lastName === undefined && mapping.fullName === undefined) {
    problems.push(importProblem('', 0, 'csv_mapping_no_name'));
  }
  if (['email', 'phone', 'mobilePhone', 'homePhone', 'workPhone'].every((f) => mapping[f as CsvField] === undefined)) {
    problems.push(importProblem('', 0, 'csv_mapping_no_means'));
  }
  return problems;
}

const TYPE_WORDS: Record<string, LeadType> = {
  internet: 'internet',
  'lead internet': 'internet',
  web: 'internet',
  courriel: 'email',
  email: 'email',
  'e-mail': 'email',
  'phone-up': 'phone_up',
  'phone up': 'phone_up',
  phone_up: 'phone_up',
  clavardage: 'chat',
  chat: 'chat',
  sms: 'sms',
  texto: 'sms',
  financement: 'financing',
  financing: 'financing',
};

export interface CsvReadOptions {
  now: Date;
  zoneOffsetMinutes(ms: number): number;
  defaultLanguage: 'fr' | 'en';
  /** Provider when the file has no provider column (e.g. the CRM's name). */
  defaultProvider: string;
}

/** Rows → leads. Every row is checked; any problem refuses the file (all-or-nothing). */
export function csvToLeads(table: CsvTable, mapping: CsvMapping, options: CsvReadOptions): { leads: LeadInput[]; warnings: ImportProblem[] } {
  const columns = table.header.length;
  const setup = mappingProblems(mapping, columns);
  if (setup.length) throw new ImportError(setup);
  const errors: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const leads: LeadInput[] = [];
  const nowMs = options.now.getTime();
  const addError = (line: number, code: ImportProblemCode, params?: ImportProblemParams) => {
    // A CSV row has no element path: `line` says where, and the console shows « ligne N » itself.
    if (errors.length < 100) errors.push(importProblem('', line, code, params));
  };
  for (const row of table.rows) {
    const { line, cells } = row;
    if (cells.length !== columns) {
      addError(line, 'csv_columns', { count: cells.length, header: columns });
      continue;
    }
    const get = (field: CsvField): string => {
      const index = mapping[field];
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    let firstName = cleanName(get('firstName'));
    let lastName = cleanName(get('lastName'));
    if (!firstName && !lastName) {
      const full = cleanName(get('fullName'));
      const space = full.indexOf(' ');
      firstName = space < 0 ? full : full.slice(0, space);
      lastName = space < 0 ? '' : full.slice(space + 1);
    }
    const before = errors.length;
    if (!firstName && !lastName) addError(line, 'csv_no_name');
    const phones: LeadInput['phones'] = [];
    const bad: ['phone' | 'email', string][] = [];
    const phoneFields: [CsvField, PhoneKind][] = [
      ['mobilePhone', 'mobile'],
      ['phone', 'mobile'],
      ['homePhone', 'home'],
      ['workPhone', 'work'],
    ];
    for (const [field, kind] of phoneFields) {
      const value = get(field);
      if (!value) continue;
      const e164 = fastE164(value.replace(/\s*(?:x|ext\.?|poste|#)\s*\d{1,6}\s*$/i, ''));
      if (!e164) bad.push(['phone', value.slice(0, 40)]);
      else if (!phones.some((p) => p.e164 === e164)) phones.push({ e164, kind, smsCapable: kind === 'mobile' });
    }
    const emails: string[] = [];
    const rawEmail = get('email');
    if (rawEmail) {
      for (const piece of rawEmail.split(/[;,\s]+/).filter(Boolean)) {
        const address = normaliseEmail(piece);
        if (address) emails.push(address);
        else bad.push(['email', piece.slice(0, 80)]);
      }
    }
    const reachable = phones.length + emails.length > 0;
    for (const [kind, value] of bad) {
      if (!reachable) addError(line, unreadableMeans(kind, false), { value });
      else if (warnings.length < 100) warnings.push(importProblem('', line, unreadableMeans(kind, true), { value }));
    }
    if (phones.length + emails.length === 0 && bad.length === 0) addError(line, 'csv_no_means');
    const typeText = get('type').toLowerCase();
    let type: LeadType = 'internet';
    if (typeText) {
      const t = TYPE_WORDS[typeText] ?? (LEAD_TYPES as readonly string[]).find((x) => x === typeText);
      if (t) type = t as LeadType;
      else addError(line, 'csv_bad_type', { value: typeText.slice(0, 30) });
    }
    const dateText = get('createdAt');
    let createdMs = dateText ? readInstant(dateText, options.zoneOffsetMinutes) : nowMs;
    if (createdMs === null) {
      addError(line, 'csv_bad_date', { value: dateText.slice(0, 40) });
      createdMs = nowMs;
    }
    if (createdMs > nowMs) createdMs = nowMs;
    const yearText = get('vehicleYear');
    let year: number | null = null;
    if (yearText) {
      const y = Number(yearText);
      if (Number.isInteger(y) && y >= 1900 && y <= 2100) year = y;
      else addError(line, 'csv_bad_year', { value: yearText.slice(0, 20) });
    }
    if (errors.length > before) continue;
    const vehicle = {
      year,
      make: cleanName(get('vehicleMake'), 60) || null,
      model: cleanName(get('vehicleModel'), 60) || null,
      trim: cleanName(get('vehicleTrim'), 60) || null,
      stock: cleanName(get('vehicleStock'), 30) || null,
      vin: cleanName(get('vehicleVin'), 17).toUpperCase() || null,
    };
    leads.push({
      where: `line ${line}`,
      line,
      type,
      provider: cleanName(get('provider'), 80) || options.defaultProvider,
      providerRef: cleanName(get('providerRef'), 120) || null,
      firstName,
      lastName,
      language: readLanguage(get('language')) ?? options.defaultLanguage,
      phones,
      emails,
      createdAt: new Date(createdMs).toISOString(),
      message: cleanText(get('message')),
      vehicle: Object.values(vehicle).some((v) => v !== null) ? vehicle : null,
      tradeIn: cleanName(get('tradeIn'), 120) || null,
    });
  }
  if (errors.length) throw new ImportError(errors);
  return { leads, warnings };
}
