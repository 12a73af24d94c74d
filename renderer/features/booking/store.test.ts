import { beforeEach, describe, expect, it } from 'vitest';
import { actionsLocales } from '../actions/locales';
import { makeRecord } from '../record/record-fixture';
import { bookingLocales } from './locales';
import { useBookingStore } from './store';

describe('the booking form', () => {
  beforeEach(() => useBookingStore.getState().start(makeRecord(), new Date('2026-12-07T08:00:00')));

  it('Marc books for yesterday, is told « dans le passé », fixes the date: the refusal goes away', () => {
    const store = useBookingStore.getState();
    store.patch({ date: '2026-12-06' });
    store.fail('Le rendez-vous est dans le passé.');
    expect(useBookingStore.getState().error).toBe('Le rendez-vous est dans le passé.');
    useBookingStore.getState().patch({ date: '2026-12-08' });
    expect(useBookingStore.getState().error).toBeNull();
    expect(useBookingStore.getState().form?.date).toBe('2026-12-08');
  });

  it('a new booking starts without the last one’s refusal', () => {
    useBookingStore.getState().fail('Le rendez-vous est dans le passé.');
    useBookingStore.getState().start(makeRecord());
    expect(useBookingStore.getState().error).toBeNull();
  });
});

describe('the booking and action dialogs’ words', () => {
  const strings = (tree: object): string[] =>
    Object.values(tree).flatMap((v) => (typeof v === 'string' ? [v] : strings(v as object)));

  it('say plurals in words, never « (s) »', () => {
    for (const locales of [bookingLocales, actionsLocales]) {
      for (const text of [...strings(locales.fr), ...strings(locales.en)]) expect(text).not.toMatch(/\w\(s\)/);
    }
  });
});
