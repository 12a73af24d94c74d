import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSummary, InboundResult } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { newOpportunityType } from './new-opportunity-type';
import { useInboundStore, type PhoneUpForm as Form } from './store';

type Channel = InboundResult['channel'];

const EMPTY: Form = { firstName: '', lastName: '', language: 'fr', email: '', message: '', year: '', make: '', model: '', stock: '' };

/**
 * EL-1: an unknown contact gets an OPP in the receiver's name, prefilled as
 * 003_d8e2eb06a7709910.txt asks (En traitement; Phone-Up for a call, SMS for a text,
 * Clavardage for a chat). The e-mail is asked for: once given, EL-2 looks for an e-mail lead
 * another agent holds.
 */
export function PhoneUpForm({ client, me, channel }: { client: PosteClient; me: AgentSummary | null; channel: Channel }) {
  const { t } = useTranslation('inbound');
  const { busy, createPhoneUp } = useInboundStore();
  const oppType = newOpportunityType(t, channel);
  const [form, setForm] = useState<Form>(EMPTY);
  const field = (key: keyof Form, inputType = 'text', extra: Record<string, unknown> = {}) => (
    <label className={`pop-field pop-field--${key}`}>
      {t(`form.${key}`)}
      <input type={inputType} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} {...extra} />
    </label>
  );
  return (
    <form
      className="pop-form"
      aria-label={t('form.title', { type: oppType })}
      onSubmit={(event) => {
        event.preventDefault();
        void createPhoneUp(client, form).then((ok) => ok && setForm(EMPTY));
      }}
    >
      <h3>{t('form.title', { type: oppType })}</h3>
      <p className="pop-note">{t('form.status', { name: me?.name ?? '—', type: oppType })}</p>
      <div className="pop-grid">
        {field('firstName', 'text', { required: true, maxLength: 80 })}
        {field('lastName', 'text', { required: true, maxLength: 80 })}
        <label className="pop-field">
          {t('form.language')}
          <select value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as 'fr' | 'en' })}>
            <option value="fr">{t('form.fr')}</option>
            <option value="en">{t('form.en')}</option>
          </select>
        </label>
        {field('email', 'email', { maxLength: 254 })}
        {field('year', 'number', { min: 1950, max: 2100 })}
        {field('make', 'text', { maxLength: 60 })}
        {field('model', 'text', { maxLength: 60 })}
        {field('stock', 'text', { maxLength: 30 })}
      </div>
      <label className="pop-field">
        {t('form.message')}
        <textarea value={form.message} maxLength={4000} rows={2} onChange={(e) => setForm({ ...form, message: e.target.value })} />
      </label>
      <button type="submit" disabled={busy}>
        {t('form.create')}
      </button>
    </form>
  );
}
