import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useInboundStore } from './store';

/**
 * The demo's simulated inbound call, clearly labelled: it goes through the same pipeline as
 * a real INVITE (lookup, verdict, call log, screen-pop) but carries no audio.
 */
export function SimulateControl({ client }: { client: PosteClient }) {
  const { t } = useTranslation('inbound');
  // Selected one by one: the whole store changes on every screen-pop, this control does not.
  const simulate = useInboundStore((s) => s.simulate);
  const busy = useInboundStore((s) => s.busy);
  const [number, setNumber] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <details className="simulate" open={open} onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
      <summary>{t('simulate')}</summary>
      <form
        className="simulate-form"
        onSubmit={(event) => {
          event.preventDefault();
          void simulate(client, number.trim() || undefined).then(() => setOpen(false));
        }}
      >
        <p className="simulate-hint">{t('simulateHint')}</p>
        <label>
          {t('simulateNumber')}
          <input type="tel" value={number} maxLength={40} onChange={(e) => setNumber(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          {t('simulateStart')}
        </button>
      </form>
    </details>
  );
}
