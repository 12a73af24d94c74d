import { create } from 'zustand';
import { MEETING_KINDS, type MeetingKind } from '../../../shared/domain/model';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { DepositMethod, DocusignState, VirtualDevice } from '../../../shared/work/booking';

export { MEETING_KINDS };

/** The booking form (MT-1 to MT-3), kept in a store so a half-filled form survives a re-render. */
export interface BookingForm {
  kind: MeetingKind;
  firstName: string;
  stocks: string;
  date: string;
  time: string;
  branch: string;
  language: 'fr' | 'en';
  depositMethod: DepositMethod | null;
  docusign: DocusignState | null;
  transfer: boolean;
  virtualDevice: VirtualDevice | null;
  salesRep: string;
  salesRepEmail: string;
  virtualGroupEmail: string;
  description: string;
}

export interface BookingState {
  form: BookingForm | null;
  /** The service's refusal of the last attempt (« dans le passé »…), until the form changes. */
  error: string | null;
  start(record: ContactRecord, today?: Date): void;
  /** Edits the form; an edit withdraws the last refusal, which was about the form as it was. */
  patch(partial: Partial<BookingForm>): void;
  fail(message: string): void;
  reset(): void;
}

/** A blank form for a record: its first name, its OPP's stock, tomorrow 10:00, the client's language. */
export function initialForm(record: ContactRecord, today = new Date()): BookingForm {
  const opp = record.opportunities.find((o) => o.id === record.primaryOpportunityId);
  const stock = opp?.vehicle?.stock ?? '';
  const d = new Date(today.getTime() + 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    kind: stock ? 'stock' : 'inventory',
    firstName: record.client.firstName,
    stocks: stock,
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: '10:00',
    branch: '',
    language: record.client.language,
    depositMethod: null,
    docusign: null,
    transfer: false,
    virtualDevice: null,
    salesRep: '',
    salesRepEmail: '',
    virtualGroupEmail: '',
    description: '',
  };
}

export const useBookingStore = create<BookingState>()((set) => ({
  form: null,
  error: null,
  start(record, today) {
    set({ form: initialForm(record, today), error: null });
  },
  patch(partial) {
    set((s) => (s.form ? { form: { ...s.form, ...partial }, error: null } : s));
  },
  fail(message) {
    set({ error: message });
  },
  reset() {
    set({ form: null, error: null });
  },
}));
