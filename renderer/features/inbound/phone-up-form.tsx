import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSummary, InboundResult } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { newOpportunityType } from './new-opportunity-type';
import { phoneUpProblems } from './phone-up-check';
import { useInboundStore, type PhoneUpForm as Form } from './store';

type Channel = InboundResult['channel'];

const EMPTY: Form = {
  firstName: '',
  lastName: '',
  language: 'fr',
  email: '',
  message: '',
  year: '',
  make: '',
  model: '',
  stock: '',
};

/**
 * EL-1: an unknown contact gets an OPP in the receiver's name, prefilled as
 * 003_d8e2eb06a7709910.txt asks (En traitement; Phone-Up for a call, SMS for a text,
 * Clavardage for a chat). The e-mail is asked for: once given, EL-2 looks for an e-mail lead
 * another agent holds.
 */
export function PhoneUpForm({
  client,
  me,
  channel,
}: {
  client: PosteClient;
  me: AgentSummary | null;
  channel: Channel;
}) {
  const { t } = useTranslation('inbound');
  const { busy, createPhoneUp } = useInboundStore();
  const oppType = newOpportunityType(t, channel);
  const [form, setForm] = useState<Form>(EMPTY);
  /** Shown once the agent has tried to send, then kept current as they type. */
  const [tried, setTried] = useState(false);
  const problems = tried ? phoneUpProblems(form) : {};
  const field = (key: keyof Form, inputType = 'text', extra: Record<string, unknown> = {}, required = false) => {
    const problem = problems[key];
    const errorId = `pop-error-${key}`;
    return (
      <div className="pop-field-cell">
        <label className={`pop-field pop-field--${key}`}>
          <span
            className={required ? 'pop-label pop-label--required' : 'pop-label'}
            title={required ? t('form.requiredMark') : undefined}
          >
            {t(`form.${key}`)}
          </span>
          <input
            type={inputType}
            value={form[key]}
            onChange={(e) => setForm({ ...form, [key]: e.target.value })}
            aria-required={required || undefined}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            {...extra}
          />
        </label>
        {/* Beside the label, not in it: the field keeps its name (« Nom »). */}
        {problem && (
          <span id={errorId} className="pop-field-error">
            {t(`form.problems.${problem}`)}
          </span>
        )}
      </div>
    );
  };
  return (
    <form
      className="pop-form"
      aria-label={t('form.title', { type: oppType })}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (Object.keys(phoneUpProblems(form)).length > 0) return;
        void createPhoneUp(client, form).then((ok) => {
          if (!ok) return;
          setForm(EMPTY);
          setTried(false);
        });
      }}
    >
      <h3>{t('form.title', { type: oppType })}</h3>
      <p className="pop-note">{t('form.status', { name: me?.name ?? '—', type: oppType })}</p>
      <div className="pop-grid">
        {field('firstName', 'text', { maxLength: 80 }, true)}
        {field('lastName', 'text', { maxLength: 80 }, true)}
        <label className="pop-field">
          {t('form.language')}
          <select value={form.language} onChange={(e) => setForm({ ...form, language: e.target.value as 'fr' | 'en' })}>
            <option value="fr">{t('form.fr')}</option>
            <option value="en">{t('form.en')}</option>
          </select>
        </label>
        {field('email', 'email', { maxLength: 254 })}
        {field('year', 'text', { inputMode: 'numeric', maxLength: 4 })}
        {field('make', 'text', { maxLength: 60 })}
        {field('model', 'text', { maxLength: 60 })}
        {field('stock', 'text', { maxLength: 30 })}
      </div>
      <label className="pop-field">
        {t('form.message')}
        <textarea
          value={form.message}
          maxLength={4000}
          rows={2}
          onChange={(e) => setForm({ ...form, message: e.target.value })}
        />
      </label>
      <button type="submit" disabled={busy}>
        {t('form.create')}
      </button>
    </form>
  );
}
