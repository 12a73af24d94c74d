import { agentInputSchema, shiftSchema, type AgentInput, type Shift } from '../../../shared/ipc/contract-desk';

/**
 * The agents directory from a CSV file (an export of the centre's schedule sheet).
 *
 * ```
 * id;nom;rôle;poste;courriel;sip;actif;horaire
 * julie;Julie Tremblay;agent;201;julie@bdc.ca;sip:julie@pbx.bdc.ca;oui;lun-ven 08:00-16:30 | sam 09:00-13:00
 * ```
 * The delimiter is `;` or `,` (from the header line); fields may be quoted ("…", "" for a
 * quote). Column names are French or English; `id`, `name` and `role` are required. The
 * schedule lists day ranges and times separated by `|`; days are French or English
 * (lun/mon … dim/sun). The whole file is checked before anything is written: a bad line
 * is reported with its number and the import writes nothing.
 */
export interface ImportedAgent {
  line: number;
  agent: AgentInput;
  /** null when the file has no schedule column: shifts are then left as they are. */
  shifts: Shift[] | null;
}

export class CsvImportError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`ligne ${line} : ${message}`);
    this.name = 'CsvImportError';
  }
}

const COLUMNS: Record<string, keyof AgentInput | 'shifts'> = {
  id: 'id',
  name: 'name',
  nom: 'name',
  role: 'role',
  rôle: 'role',
  extension: 'extension',
  poste: 'extension',
  email: 'email',
  courriel: 'email',
  sip: 'sipUri',
  sip_uri: 'sipUri',
  active: 'active',
  actif: 'active',
  shifts: 'shifts',
  schedule: 'shifts',
  horaire: 'shifts',
};

const DAYS: Record<string, number> = {
  dim: 0, sun: 0, lun: 1, mon: 1, mar: 2, tue: 2, mer: 3, wed: 3, jeu: 4, thu: 4, ven: 5, fri: 5, sam: 6, sat: 6,
};

const ROLES: Record<string, AgentInput['role']> = {
  agent: 'agent', da: 'da', analyst: 'analyst', analyste: 'analyst', supervisor: 'supervisor', superviseur: 'supervisor',
};

/** Splits CSV text into records of fields, with the line each record starts on. */
export function parseCsv(text: string, delimiter: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let fieldStarted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
      fields = [];
      field = '';
      fieldStarted = false;
      line++;
      start = line;
    } else {
      field += c;
      if (c !== ' ' && c !== '\t') fieldStarted = true;
    }
  }
  if (quoted) throw new CsvImportError(start, 'un guillemet n’est pas fermé');
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
  return records;
}

function minutes(text: string, line: number): number {
  const m = /^(\d{1,2})[:h](\d{2})$/.exec(text.trim());
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  if (!m || hour > 24 || minute > 59 || (hour === 24 && minute !== 0)) {
    throw new CsvImportError(line, `heure invalide « ${text.trim().slice(0, 20)} » (attendu HH:MM)`);
  }
  return hour * 60 + minute;
}

/** "lun-ven 08:00-16:30 | sam 09:00-13:00" → weekly shifts. */
export function parseSchedule(text: string, line: number): Shift[] {
  const shifts: Shift[] = [];
  for (const part of text.split('|').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-zé]{3})\.?(?:\s*-\s*([a-zé]{3})\.?)?\s+(\S+)\s*-\s*(\S+)$/i.exec(part);
    if (!m) throw new CsvImportError(line, `horaire invalide « ${part.slice(0, 40)} » (attendu p. ex. lun-ven 08:00-16:30)`);
    const from = DAYS[m[1]!.toLowerCase()];
    const to = m[2] ? DAYS[m[2].toLowerCase()] : from;
    if (from === undefined || to === undefined) throw new CsvImportError(line, `jour inconnu dans « ${part.slice(0, 40)} »`);
    const startMinute = minutes(m[3]!, line);
    const endMinute = minutes(m[4]!, line);
    for (let day = from; ; day = (day + 1) % 7) {
      const shift = shiftSchema.safeParse({ weekday: day, startMinute, endMinute });
      if (!shift.success) throw new CsvImportError(line, `« ${part.slice(0, 40)} » : la fin doit suivre le début`);
      shifts.push(shift.data);
      if (day === to) break;
    }
  }
  return shifts;
}

function yesNo(text: string, line: number): boolean {
  const value = text.trim().toLowerCase();
  if (['', 'oui', 'yes', 'o', 'y', '1', 'vrai', 'true'].includes(value)) return true;
  if (['non', 'no', 'n', '0', 'faux', 'false'].includes(value)) return false;
  throw new CsvImportError(line, `« actif » vaut oui ou non, pas « ${value.slice(0, 20)} »`);
}

/** Parses and validates the whole file; throws a CsvImportError naming the first bad line. */
export function parseAgentsCsv(text: string): ImportedAgent[] {
  const body = text.replace(/^\uFEFF/, '');
  const headerLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (headerLine.match(/;/g)?.length ?? 0) >= (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parseCsv(body, delimiter);
  const header = records.shift();
  if (!header) throw new CsvImportError(1, 'le fichier est vide');
  const columns = header.fields.map((name) => COLUMNS[name.trim().toLowerCase()]);
  header.fields.forEach((name, i) => {
    if (!columns[i]) throw new CsvImportError(1, `colonne inconnue « ${name.trim().slice(0, 30)} »`);
  });
  for (const required of ['id', 'name', 'role'] as const) {
    if (!columns.includes(required)) throw new CsvImportError(1, `la colonne « ${required} » manque`);
  }
  if (records.length === 0) throw new CsvImportError(2, 'aucun agent dans le fichier');
  if (records.length > 2000) throw new CsvImportError(2, 'trop de lignes (2000 agents au plus)');

  const seen = new Set<string>();
  return records.map(({ line, fields }) => {
    if (fields.length !== columns.length) {
      throw new CsvImportError(line, `${fields.length} champs pour ${columns.length} colonnes`);
    }
    const cell = (key: string): string => fields[columns.indexOf(key as never)]?.trim() ?? '';
    const has = (key: string): boolean => columns.includes(key as never);
    const role = ROLES[cell('role').toLowerCase()];
    if (!role) throw new CsvImportError(line, `rôle inconnu « ${cell('role').slice(0, 20)} » (agent, da, analyste, superviseur)`);
    const candidate = {
      id: cell('id'),
      name: cell('name'),
      role,
      extension: has('extension') && cell('extension') !== '' ? cell('extension') : null,
      email: has('email') && cell('email') !== '' ? cell('email').toLowerCase() : null,
      sipUri: has('sipUri') && cell('sipUri') !== '' ? cell('sipUri') : null,
      active: has('active') ? yesNo(cell('active'), line) : true,
    };
    const parsed = agentInputSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CsvImportError(line, `${issue?.path.join('.') ?? 'agent'} : ${issue?.message ?? 'invalide'}`);
    }
    if (seen.has(parsed.data.id)) throw new CsvImportError(line, `l’agent « ${parsed.data.id} » apparaît deux fois`);
    seen.add(parsed.data.id);
    return { line, agent: parsed.data, shifts: has('shifts') ? parseSchedule(cell('shifts'), line) : null };
  });
}
