import type { MeetingKind, Tag } from '../domain/model';

/** MT-3's closed lists. */
export const DEPOSIT_METHODS = ['stripe', 'bdc_card', 'bank_transfer'] as const;
export type DepositMethod = (typeof DEPOSIT_METHODS)[number];
export const DOCUSIGN_STATES = ['sent', 'signed'] as const;
export type DocusignState = (typeof DOCUSIGN_STATES)[number];
export const VIRTUAL_DEVICES = ['iphone', 'android'] as const;
export type VirtualDevice = (typeof VIRTUAL_DEVICES)[number];

/** The stock numbers typed in one field: split on commas, semicolons or spaces, trimmed, de-duplicated. */
export function parseStocks(raw: string | readonly string[]): string[] {
  const items = (typeof raw === 'string' ? raw.split(/[,;\s]+/) : raw.flatMap((s) => s.split(/[,;\s]+/)))
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
  return [...new Set(items)];
}

export type SubjectResult = { ok: true; subject: string } | { ok: false; error: 'first_name' | 'stock' };

/**
 * MT-1 (003): « RDV inventaire : PRÉNOM / INVENTAIRE · RDV sur stock : PRÉNOM / STOCK ·
 * Dépôt : DÉPÔT / PRÉNOM / STOCK · Virtuel : VIRTUEL / PRÉNOM / STOCK · Transfert :
 * TRANSFERT / PRÉNOM / STOCK ». The first name is upper-cased (French rules: é → É);
 * several stock numbers are joined with « , ». Every kind but inventory needs a stock.
 */
export function composeSubject(kind: MeetingKind, firstName: string, stocks: readonly string[]): SubjectResult {
  const name = firstName.trim().replace(/\s+/g, ' ').toLocaleUpperCase('fr-CA');
  if (name === '') return { ok: false, error: 'first_name' };
  if (kind === 'inventory') return { ok: true, subject: `${name} / INVENTAIRE` };
  const list = parseStocks(stocks);
  if (list.length === 0) return { ok: false, error: 'stock' };
  const stock = list.join(', ');
  switch (kind) {
    case 'stock':
      return { ok: true, subject: `${name} / ${stock}` };
    case 'deposit':
      return { ok: true, subject: `DÉPÔT / ${name} / ${stock}` };
    case 'virtual':
      return { ok: true, subject: `VIRTUEL / ${name} / ${stock}` };
    case 'transfer':
      return { ok: true, subject: `TRANSFERT / ${name} / ${stock}` };
  }
}

/**
 * MT-2 for one meeting: « Platine : si dépôt · Or : Si RDV sur stock · Argent : Si RDV sur
 * plusieurs stock ou inventaire ». A deposit (the kind, or a deposit method given) wins.
 */
export function meetingTag(kind: MeetingKind, stockCount: number, deposit: boolean): Tag {
  if (deposit || kind === 'deposit') return 'platine';
  if (kind === 'inventory' || stockCount > 1) return 'argent';
  return 'or';
}

/** How many stock numbers a composed subject names (its last « / » part, comma-separated). */
export function stocksInSubject(subject: string): number {
  const last = subject.split(' / ').at(-1) ?? '';
  if (last === 'INVENTAIRE') return 0;
  return last.split(',').filter((s) => s.trim() !== '').length;
}
