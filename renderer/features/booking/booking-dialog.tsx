import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../shared/ipc/dto';
import { composeSubject, meetingTag, parseStocks } from '../../../shared/work/booking';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { MailLink } from '../actions/mail-link';
import { useActionsStore } from '../actions/store';
import { MEETING_KINDS, useBookingStore, type BookingForm } from './store';

interface Props {
  client: PosteClient;
  record: ContactRecord;
  onClose: () => void;
}

/**
 * The booking dialog (MT-1 to MT-3): the subject and tag are shown as they will be written;
 * branches may not be configured yet, so the branch and the rep are free text.
 */
export function BookingDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('booking');
  const form = useBookingStore((s) => s.form);
  const start = useBookingStore((s) => s.start);
  const patch = useBookingStore((s) => s.patch);
  const reset = useBookingStore((s) => s.reset);
  const lastMailto = useActionsStore((s) => s.lastMailto);
  const [done, setDone] = useState<{ subject: string; mailto: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    start(record);
    return reset;
  }, [record, start, reset]);
  if (!form) return null;

  const stocks = parseStocks(form.stocks);
  const subject = composeSubject(form.kind, form.firstName, stocks);
  const deposit = form.kind === 'deposit' || form.depositMethod !== null;
  const tag = meetingTag(form.kind, stocks.length, deposit);
  const virtual = form.kind === 'virtual';
  const participants = [`RDV ${form.branch || '…'}`, ...(form.salesRep ? [form.salesRep] : []), ...(virtual ? [`DV ${form.branch || '…'}`] : [])];

  const book = async () => {
    setError(null);
    const at = new Date(`${form.date}T${form.time}`);
    const r = await client.tryCall('work:book', {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      kind: form.kind,
      firstName: form.firstName,
      stocks,
      at: Number.isNaN(at.getTime()) ? '' : at.toISOString(),
      branch: form.branch,
      language: form.language,
      depositMethod: form.depositMethod,
      docusign: form.docusign,
      transfer: form.transfer,
      virtualDevice: virtual ? form.virtualDevice : null,
      salesRep: form.salesRep.trim() || null,
      salesRepEmail: form.salesRepEmail.trim() || null,
      virtualGroupEmail: virtual ? form.virtualGroupEmail.trim() || null : null,
      description: form.description.trim() || null,
    });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setDone({ subject: r.value.subject, mailto: r.value.mailto });
    if (r.value.mailto) useActionsStore.getState().openMailto(client, r.value.mailto);
  };

  const select = <K extends keyof BookingForm>(key: K, label: string, options: { value: string; label: string }[], toValue: (v: string) => BookingForm[K]) => (
    <label className="act-field">
      <span>{label}</span>
      <select value={String(form[key] ?? '')} onChange={(e) => patch({ [key]: toValue(e.target.value) } as Partial<BookingForm>)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (key: 'firstName' | 'stocks' | 'branch' | 'salesRep' | 'salesRepEmail' | 'virtualGroupEmail', label: string, type = 'text') => (
    <label className="act-field">
      <span>{label}</span>
      <input type={type} value={form[key]} onChange={(e) => patch({ [key]: e.target.value })} />
    </label>
  );

  return (
    <ModalFrame title={t('title')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <form
        className="act-body"
        onSubmit={(e) => {
          e.preventDefault();
          void book();
        }}
      >
        {select('kind', t('kind'), MEETING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })), (v) => v as BookingForm['kind'])}
        {text('firstName', t('firstName'))}
        {form.kind !== 'inventory' && text('stocks', t('stocks'))}
        <p className="act-subject" data-testid="booking-subject">
          {t('subject')} : {subject.ok ? subject.subject : t(`errors.${subject.error}`)}
        </p>
        <p data-testid="booking-tag">
          {t('tag')} : {t(`tags.${tag}`)}
        </p>
        {virtual &&
          select('virtualDevice', t('device'), [{ value: '', label: '—' }, { value: 'iphone', label: t('devices.iphone') }, { value: 'android', label: t('devices.android') }], (v) =>
            v === 'iphone' || v === 'android' ? v : null,
          )}
        <label className="act-field">
          <span>{t('date')}</span>
          <input type="date" value={form.date} onChange={(e) => patch({ date: e.target.value })} />
        </label>
        <label className="act-field">
          <span>{t('time')}</span>
          <input type="time" value={form.time} onChange={(e) => patch({ time: e.target.value })} />
        </label>
        {text('branch', t('branch'))}
        {select('language', t('language'), [{ value: 'fr', label: t('languages.fr') }, { value: 'en', label: t('languages.en') }], (v) => (v === 'en' ? 'en' : 'fr'))}
        {select(
          'depositMethod',
          t('depositMethod'),
          (['none', 'stripe', 'bdc_card', 'bank_transfer'] as const).map((m) => ({ value: m === 'none' ? '' : m, label: t(`depositMethods.${m}`) })),
          (v) => (v === 'stripe' || v === 'bdc_card' || v === 'bank_transfer' ? v : null),
        )}
        {select(
          'docusign',
          t('docusign'),
          (['none', 'sent', 'signed'] as const).map((m) => ({ value: m === 'none' ? '' : m, label: t(`docusignStates.${m}`) })),
          (v) => (v === 'sent' || v === 'signed' ? v : null),
        )}
        {select('transfer', t('transfer'), [{ value: 'false', label: t('no') }, { value: 'true', label: t('yes') }], (v) => v === 'true')}
        {text('salesRep', t('salesRep'))}
        {text('salesRepEmail', t('salesRepEmail'), 'email')}
        {virtual && text('virtualGroupEmail', t('virtualGroupEmail'), 'email')}
        <label className="act-field">
          <span>{t('description')}</span>
          <textarea rows={2} value={form.description} onChange={(e) => patch({ description: e.target.value })} />
        </label>
        <p>{t('status')}</p>
        <p>{t('participants', { list: participants.join(', ') })}</p>
        <button type="submit" className="act-primary" disabled={!subject.ok || form.branch.trim() === '' || (virtual && !form.virtualDevice) || done !== null}>
          {t('book')}
        </button>
        {done && (
          <p role="status">
            {t('booked', { subject: done.subject })} {done.mailto ? null : t('noConfirmation')}
          </p>
        )}
        <MailLink mailto={done ? lastMailto : null} text={t('confirmation')} label={t('confirmationLink')} />
        {error && (
          <p role="alert" className="act-error">
            {t('error', { message: error })}
          </p>
        )}
      </form>
    </ModalFrame>
  );
}
