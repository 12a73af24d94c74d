/** FIN-1: a financing request on file makes the client a financing client. */
import type { Facts } from '../facts';
import { isOpen, latestBy } from '../facts';
import type { Outcome, Rule } from '../outcome';
import { financingRequestName, listOf, meetingWhen, nameOf, oppNameById, stateEn, stateFr } from '../outcome';
import type { ScenarioOpportunity } from '../scenario';

/** BDC statuses that mean a contract was signed (002: « un contrat/dépôt »). */
const CONTRACT_STATUSES = new Set(['sold', 'sold_not_delivered']);

/** The client's latest open financing request (Credsii cote D/E, Pré-approbation, DealerTrack). */
function financingRequest(f: Facts): ScenarioOpportunity | undefined {
  const requests = f.opportunities.filter((o) => isOpen(o) && o.type === 'financing');
  return latestBy(requests, (o) => o.createdAt);
}

/**
 * What the DA must undo: planned BDC meetings to cancel and BDC OPPs to invalidate. An OPP in
 * « Rendez-vous cédulé » (003: « Le client a un RDV de planifié ») has a meeting even when the
 * cache holds no meeting row for it.
 */
function escalation(f: Facts): { cancel: string[]; invalidate: string[] } | null {
  const bdc = new Map(f.opportunities.filter((o) => o.department === 'bdc').map((o) => [o.id, o]));
  const meetings = f.meetings.filter(
    (m) => bdc.has(m.opportunityId) && (m.status === 'planned' || (m.deposit && m.status !== 'cancelled')),
  );
  const committed = [...bdc.values()].filter(
    (o) => CONTRACT_STATUSES.has(o.status) || o.status === 'appointment_booked',
  );
  if (meetings.length === 0 && committed.length === 0) return null;
  const cancel = meetings.filter((m) => m.status === 'planned').map((m) => m.id);
  const invalidate = [...new Set([...meetings.map((m) => m.opportunityId), ...committed.map((o) => o.id)])];
  return { cancel, invalidate };
}

/** A DA on shift to name in the explanation, if any. */
function daOnShift(f: Facts): string | undefined {
  const das = f.scenario.agents.filter((a) => a.role === 'da' && f.state(a.id) !== 'absent');
  return das.find((a) => f.state(a.id) === 'reachable')?.id ?? das[0]?.id;
}

function escalate(f: Facts, request: ScenarioOpportunity, todo: { cancel: string[]; invalidate: string[] }): Outcome {
  const da = daOnShift(f);
  const daFr = da ? ` (${nameOf(f, da)} est en poste)` : '';
  const daEn = da ? ` (${nameOf(f, da)} is on shift)` : '';
  // The agent is told which meeting and which OPP by their day, type and source; the ids go in
  // the actions only (the one-click buttons).
  const meetings = todo.cancel
    .map((id) => f.meetings.find((m) => m.id === id))
    .filter((m): m is NonNullable<typeof m> => m !== undefined);
  const many = meetings.length > 1;
  const cancelFr =
    meetings.length > 0
      ? `annulez ${many ? 'les rendez-vous' : 'le rendez-vous'} ${listOf(
          meetings.map((m) => meetingWhen(f, m, 'fr')),
          'fr',
        )} et `
      : '';
  const cancelEn =
    meetings.length > 0
      ? `cancel ${many ? 'the meetings' : 'the meeting'} ${listOf(
          meetings.map((m) => meetingWhen(f, m, 'en')),
          'en',
        )} and `
      : '';
  const opps = {
    fr: todo.invalidate.map((id) => oppNameById(f, id, 'fr')),
    en: todo.invalidate.map((id) => oppNameById(f, id, 'en')),
  };
  const oppsFr =
    opps.fr.length > 1 ? `les OPP ${listOf(opps.fr, 'fr')} invalides` : `l’OPP ${listOf(opps.fr, 'fr')} invalide`;
  const oppsEn = opps.en.length > 1 ? `OPPs ${listOf(opps.en, 'en')} invalid` : `OPP ${listOf(opps.en, 'en')} invalid`;
  return {
    decision: 'escalate_da',
    rules: ['FIN-1'],
    transferTo: null,
    owner: request.managerId,
    opportunityId: request.id,
    actions: [
      ...todo.cancel.map((id) => `cancel_meeting:${id}`),
      ...todo.invalidate.map((id) => `invalidate_opportunity:${id}`),
    ],
    fr:
      `Le client a ${financingRequestName(f, request, 'fr')} alors qu’il a déjà un rendez-vous ou un contrat/dépôt au BDC : ` +
      `${cancelFr}allez voir un DA immédiatement${daFr}, qui supprimera la réunion et mettra ${oppsFr}.`,
    en:
      `The client has ${financingRequestName(f, request, 'en')} while already having a BDC meeting or a contract/deposit: ` +
      `${cancelEn}see a DA right away${daEn}, who will delete the meeting and set ${oppsEn}.`,
  };
}

function toAnalyst(f: Facts, request: ScenarioOpportunity): Outcome {
  const analyst = request.managerId;
  const base = { rules: ['FIN-1' as const], opportunityId: request.id, owner: analyst, actions: [] };
  const intro = {
    fr: `Le client a ${financingRequestName(f, request, 'fr')}, il devient donc client du financement`,
    en: `The client has ${financingRequestName(f, request, 'en')}, so they are now a financing client`,
  };
  if (analyst === null) {
    return {
      ...base,
      decision: 'book_on_opportunity',
      transferTo: null,
      fr: `${intro.fr}, mais la demande n’a pas d’analyste. Hypothèse : n’importe qui aide le client et le dossier reste au financement.`,
      en: `${intro.en}, but the request has no analyst. Assumption: anyone helps the client and the file stays with financing.`,
    };
  }
  const n = nameOf(f, analyst);
  if (analyst === f.receiverId) {
    return {
      ...base,
      decision: 'keep',
      transferTo: null,
      fr: `${intro.fr} et ${n} en est l’analyste : gardez-le.`,
      en: `${intro.en} and ${n} is its analyst: keep them.`,
    };
  }
  const state = f.state(analyst);
  if (state === 'reachable') {
    return {
      ...base,
      decision: 'transfer',
      transferTo: analyst,
      fr: `${intro.fr} : transférez à l’analyste ${n}.`,
      en: `${intro.en}: transfer to the analyst, ${n}.`,
    };
  }
  return {
    ...base,
    decision: state === 'busy' ? 'book_for_owner' : 'book_on_opportunity',
    transferTo: null,
    fr: `${intro.fr}, mais ${stateFr(f, analyst)}. Hypothèse (la procédure ne le dit pas) : aidez le client, le dossier reste au nom de ${n}.`,
    en: `${intro.en}, but ${stateEn(f, analyst)}. Assumption (the procedure is silent): help the client; the file stays in ${n}’s name.`,
  };
}

/**
 * FIN-1 — 002 « Les dossiers en général » : « si le client a déjà un dossier aux leads et qu'il
 * fait une demande ''Credsii cote D/E'', ''Pré-approbation'' ou rempli un DealerTrack, le client
 * devient automatiquement un client du financement. Si le client avait déjà un rendez-vous ou un
 * contrat/dépôt, on doit annuler le RDV du client et aller voir un directeur adjoint
 * immédiatement. Le DA supprimera la réunion et mettra l'OPP invalide. »
 */
export const fin1: Rule = (f) => {
  const request = financingRequest(f);
  if (!request) return null;
  const todo = escalation(f);
  return todo ? escalate(f, request, todo) : toAnalyst(f, request);
};
