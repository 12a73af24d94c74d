import { create } from 'zustand';

/** What is typed in the dial pad; a tel: link opening Poste fills it without dialling. */
export const useDialDraft = create<{ value: string; set(value: string): void }>()((set) => ({
  value: '',
  set: (value) => set({ value }),
}));
