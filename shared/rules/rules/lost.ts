/** LOST-1: a client whose latest BDC OPP is Perdu BDC goes to the receiving agent. */
import { latestBy } from '../facts';
import type { Rule } from '../outcome';
import { assignAction, nameOf, oppName } from '../outcome';

/**
 * LOST-1 — 002 « Dossier perdu BDC » : « si le client rappelle et que l'agent initial à mis son
 * dossier "Perdu BDC", le client et/ou RDV va au nouvel agent. »
 *
 * Because the text says the meeting goes to the new agent too, the lost OPP's planned meetings
 * get `assign_meeting:<id>:<receiver>` and RDV-1 does not keep their booker (procedure wins).
 */
export const lost1: Rule = (f) => {
  const latest = latestBy(
    f.opportunities.filter((o) => o.department === 'bdc'),
    (o) => o.createdAt,
  );
  if (!latest || latest.status !== 'lost_bdc') return null;
  const r = f.receiverId;
  const meetings = f.meetings.filter(
    (m) => m.opportunityId === latest.id && m.status === 'planned' && m.bookedBy !== r,
  );
  const initial = latest.managerId === null ? null : nameOf(f, latest.managerId);
  const byFr = initial ? ` par ${initial}` : '';
  const byEn = initial ? ` by ${initial}` : '';
  return {
    decision: 'keep',
    rules: ['LOST-1'],
    transferTo: null,
    owner: r,
    opportunityId: latest.id,
    actions: [...assignAction(latest.id, latest.managerId, r), ...meetings.map((m) => `assign_meeting:${m.id}:${r}`)],
    fr: `L’OPP ${oppName(f, latest, 'fr')} a été mise Perdu BDC${byFr} : le client et son rendez-vous vont à ${nameOf(f, r)}, qui prend l’appel.`,
    en: `OPP ${oppName(f, latest, 'en')} was set Lost BDC${byEn}: the client and any meeting go to ${nameOf(f, r)}, who took the contact.`,
  };
};
