/**
 * Presence documents: PIDF we publish (RFC 3863, with RPID activities RFC 4480) and what we
 * read back from colleagues' NOTIFYs (PIDF and dialog-info, RFC 4235). Parsing uses the
 * browser's DOMParser and looks elements up by local name, so documents with or without
 * namespace prefixes read the same.
 */
import type { OwnPresence } from './types';

function xmlEscape(s: string): string {
  return s.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );
}

/** PIDF body for our own state. The `<note>` carries our exact state for other Poste clients. */
export function buildPidf(entity: string, state: OwnPresence): string {
  const basic = state === 'offline' ? 'closed' : 'open';
  const activity =
    state === 'lunch'
      ? '<rpid:lunch/>'
      : state === 'break'
        ? '<rpid:away/>'
        : state === 'offline'
          ? '<rpid:permanent-absence/>'
          : '';
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="${xmlEscape(entity)}">\n` +
    `  <tuple id="poste"><status><basic>${basic}</basic></status><note>${state}</note></tuple>\n` +
    `  <dm:person id="agent">${activity ? `<rpid:activities>${activity}</rpid:activities>` : ''}<dm:note>${state}</dm:note></dm:person>\n` +
    '</presence>\n'
  );
}

function parse(xml: string): Document | undefined {
  if (!xml.trim()) return undefined;
  try {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    if (doc.getElementsByTagNameNS('*', 'parsererror').length > 0 || doc.getElementsByTagName('parsererror').length > 0)
      return undefined;
    return doc;
  } catch {
    return undefined;
  }
}

const byName = (root: Document | Element, name: string): Element[] =>
  Array.from(root.getElementsByTagNameNS('*', name));

/** Reads a colleague's PIDF. Empty body (no publication) → `offline` (RFC 3856 section 6.6.1 "closed"). */
export function parsePidf(xml: string): { presence: OwnPresence; note?: string } {
  const doc = parse(xml);
  if (!doc) return { presence: 'offline' };
  const notes = byName(doc, 'note').map((n) => (n.textContent ?? '').trim().toLowerCase());
  const known = notes.find(
    (n): n is OwnPresence => n === 'available' || n === 'break' || n === 'lunch' || n === 'offline',
  );
  const basic = byName(doc, 'basic').map((b) => (b.textContent ?? '').trim().toLowerCase());
  const note = notes.find((n) => n.length > 0);
  if (known) return note ? { presence: known, note } : { presence: known };
  const activities = byName(doc, 'activities').flatMap((a) => Array.from(a.children).map((c) => c.localName));
  let presence: OwnPresence;
  if (basic.length > 0 && !basic.includes('open')) presence = 'offline';
  else if (activities.some((a) => a === 'lunch' || a === 'meal' || a === 'dinner' || a === 'breakfast'))
    presence = 'lunch';
  else if (activities.some((a) => a === 'away' || a === 'break' || a === 'busy')) presence = 'break';
  else presence = basic.includes('open') ? 'available' : 'offline';
  return note ? { presence, note } : { presence };
}

/**
 * Reads dialog-info. Several `<dialog>`s may be listed and finished ones linger as
 * "terminated" for a while; the colleague is on a call if any dialog is confirmed, ringing
 * if any is trying/proceeding/early. States may be capitalised.
 */
export function parseDialogInfo(xml: string): 'idle' | 'ringing' | 'on_call' {
  const doc = parse(xml);
  if (!doc) return 'idle';
  const states = byName(doc, 'dialog').map((d) => {
    const st = Array.from(d.children).find((c) => c.localName === 'state');
    return (st?.textContent ?? '').trim().toLowerCase();
  });
  if (states.includes('confirmed')) return 'on_call';
  if (states.some((s) => s === 'trying' || s === 'proceeding' || s === 'early')) return 'ringing';
  return 'idle';
}
