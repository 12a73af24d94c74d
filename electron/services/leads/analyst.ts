import { formatPhone } from '../../../shared/phone/phone';
import { missingAnalystFields, type AnalystField } from '../../../shared/work/analyst-handoff';
import { refusal } from '../../../shared/ipc/error-texts';
import type { ServiceContext } from '../context';
import { leadsRepo } from '../db/repos/leads';

/**
 * AN-1 — 002 « Passe aux analystes » : « Dans votre courriel, vous devez absolument avoir les
 * informations suivantes : CRE · Prénom, nom · Numéro de téléphone · Langue · Raison(s) ».
 * The composer refuses to open without any of them and says which are missing; otherwise it
 * returns a `mailto:` URL (RFC 6068, every part percent-encoded) for the renderer to open.
 */
export type { AnalystField };

export interface HandoffInput {
  cre: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  language: 'fr' | 'en' | null;
  reasons: string | null;
  to: readonly string[];
  agentName: string;
}

/**
 * The missing fields as the refusal's English text names them. The console's dialog words
 * them in the agent's language from the refusal's path (`missing:cre,phone`).
 */
const LABELS: Record<AnalystField, string> = {
  cre: 'CRE',
  firstName: 'first name',
  lastName: 'last name',
  phone: 'phone',
  language: 'language',
  reasons: 'reasons',
};

/** Pure: the missing fields, or the mail. */
export function composeAnalystHandoff(input: HandoffInput): { ok: true; mailto: string; subject: string; body: string } | { ok: false; missing: AnalystField[] } {
  const missing = missingAnalystFields(input);
  if (missing.length) return { ok: false, missing };
  const subject = `Passe aux analystes : ${input.firstName!.trim()} ${input.lastName!.trim()} — CRE ${input.cre!.trim()}`;
  const body = [
    `CRE : ${input.cre!.trim()}`,
    `Prénom, nom : ${input.firstName!.trim()} ${input.lastName!.trim()}`,
    `Téléphone : ${formatPhone(input.phone!.trim())}`,
    `Langue : ${input.language === 'fr' ? 'français' : 'anglais'}`,
    `Raison(s) : ${input.reasons!.trim()}`,
    '',
    `— ${input.agentName}`,
  ].join('\r\n');
  const to = input.to.map((a) => encodeURIComponent(a)).join(',');
  const mailto = `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  return { ok: true, mailto, subject, body };
}

/** The hand-off of a client from the cache; the agent may supply the CRE if the record lacks it. */
export function analystHandoff(deps: Pick<ServiceContext, 'db' | 'agents' | 'receiver'>, clientId: string, reasons: string, cre: string | null) {
  const repo = leadsRepo(deps.db);
  const client = repo.client(clientId);
  if (!client || client.merged_into) throw refusal('not_found', 'client_not_found', { id: clientId }, 'clientId');
  const phone = repo.phonesOf(clientId)[0] ?? null;
  const to = deps.agents
    .list()
    .filter((a) => a.role === 'analyst' && a.email)
    .map((a) => a.email as string);
  const result = composeAnalystHandoff({
    cre: cre?.trim() || client.cre,
    firstName: client.first_name,
    lastName: client.last_name,
    phone,
    language: client.language,
    reasons,
    to,
    agentName: deps.receiver().name,
  });
  if (!result.ok) {
    throw refusal('invalid_input', 'analyst_missing', { fields: result.missing.map((f) => LABELS[f]).join(', ') }, `missing:${result.missing.join(',')}`);
  }
  if (to.length === 0) throw refusal('conflict', 'analyst_no_address', {}, 'to');
  return { mailto: result.mailto, subject: result.subject, body: result.body, to };
}
