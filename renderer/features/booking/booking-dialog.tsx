import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Branch } from '../../../shared/ipc/contract-desk';
import type { ContactRecord } from '../../../shared/ipc/dto';
import { composeSubject, meetingTag, parseStocks } from '../../../shared/work/booking';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { MailLink } from '../actions/mail-link';
import { useActionsStore } from '../actions/store';
import { bookWithResult } from './book';
import { MEETING_KINDS, useBookingStore, type BookingForm } from './store';
import './booking.css';

interface Props {
  client: PosteClient;
  record: ContactRecord;
  onClose: () => void;
  /** The result that opened the booking (« Rejoint — RDV pris »): recorded once the meeting is. */
  resultChoiceId?: string | null;
}

/**
 * The booking dialog (MT-1 to MT-3): the subject and tag are shown as they will be written.
 * The branch is picked from Réglages › Succursales (its reps proposed, its DV group filled
 * in); while no branch is configured it stays free text. The fields scroll inside the dialog
 * so « Enregistrer le rendez-vous » stays in view on a 720-px screen.
 */
export function BookingDialog({ client, record, onClose, resultChoiceId = null }: Props) {
  const { t } = useTranslation('booking');
  const form = useBookingStore((s) => s.form);
  const error = useBookingStore((s) => s.error);
  const start = useBookingStore((s) => s.start);
  const patch = useBookingStore((s) => s.patch);
  const fail = useBookingStore((s) => s.fail);
  const reset = useBookingStore((s) => s.reset);
  const lastMailto = useActionsStore((s) => s.lastMailto);
  const [done, setDone] = useState<{ subject: string; mailto: string | null; resultError: string | null } | null>(null);
  const [branches, setBranches] = useState<Branch[]>([]);
  const repsId = useId();
  useEffect(() => {
    start(record);
    return reset;
  }, [record, start, reset]);
  useEffect(() => {
    void client.tryCall('branches:list', {}).then((r) => {
      if (r.ok) setBranches(r.value);
    });
  }, [client]);
  if (!form) return null;

  const stocks = parseStocks(form.stocks);
  const subject = composeSubject(form.kind, form.firstName, stocks);
  const deposit = form.kind === 'deposit' || form.depositMethod !== null;
  const tag = meetingTag(form.kind, stocks.length, deposit);
  const virtual = form.kind === 'virtual';
  const participants = [
    `RDV ${form.branch || '…'}`,
    ...(form.salesRep ? [form.salesRep] : []),
    ...(virtual ? [`DV ${form.branch || '…'}`] : []),
  ];

  const branch = branches.find((b) => b.name === form.branch) ?? null;

  const book = async () => {
    const at = new Date(`${form.date}T${form.time}`);
    const r = await bookWithResult(
      client,
      {
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
      },
      resultChoiceId,
    );
    if (!r.ok) {
      fail(r.message);
      return;
    }
    setDone({ subject: r.booked.subject, mailto: r.booked.mailto, resultError: r.resultError });
    if (r.booked.mailto) useActionsStore.getState().openMailto(client, r.booked.mailto);
  };

  const select = <K extends keyof BookingForm>(
    key: K,
    label: string,
    options: { value: string; label: string }[],
    toValue: (v: string) => BookingForm[K],
  ) => (
    <label className="act-field">
      <span>{label}</span>
      <select
        value={String(form[key] ?? '')}
        onChange={(e) => patch({ [key]: toValue(e.target.value) } as Partial<BookingForm>)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  const text = (
    key: 'firstName' | 'stocks' | 'branch' | 'salesRep' | 'salesRepEmail' | 'virtualGroupEmail',
    label: string,
    type = 'text',
    list?: string,
  ) => (
    <label className="act-field">
      <span>{label}</span>
      <input type={type} value={form[key]} list={list} onChange={(e) => patch({ [key]: e.target.value })} />
    </label>
  );
  const pickBranch = (name: string) => {
    const picked = branches.find((b) => b.name === name);
    patch({ branch: name, ...(picked?.virtualSalesGroup ? { virtualGroupEmail: picked.virtualSalesGroup } : {}) });
  };

  return (
    <ModalFrame title={t('title')} closeLabel={t('close')} onClose={onClose} className="act-dialog book-dialog">
      <form
        className="book-form"
        onSubmit={(e) => {
          e.preventDefault();
          void book();
        }}
      >
        <div className="act-body book-scroll" data-testid="booking-fields">
          {select(
            'kind',
            t('kind'),
            MEETING_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) })),
            (v) => v as BookingForm['kind'],
          )}
          {text('firstName', t('firstName'))}
          {form.kind !== 'inventory' && (
            <label className="act-field">
              <span>{t('stocks')}</span>
              <input
                type="text"
                value={form.stocks}
                aria-describedby={`${repsId}-stocks`}
                onChange={(e) => patch({ stocks: e.target.value })}
              />
              <small id={`${repsId}-stocks`}>{t('stocksHint')}</small>
            </label>
          )}
          <p className="act-subject" data-testid="booking-subject">
            {t('subject')} : {subject.ok ? subject.subject : t(`errors.${subject.error}`)}
          </p>
          <p data-testid="booking-tag">
            {t('tag')} : {t(`tags.${tag}`)}
          </p>
          {virtual &&
            select(
              'virtualDevice',
              t('device'),
              [
                { value: '', label: '—' },
                { value: 'iphone', label: t('devices.iphone') },
                { value: 'android', label: t('devices.android') },
              ],
              (v) => (v === 'iphone' || v === 'android' ? v : null),
            )}
          <label className="act-field">
            <span>{t('date')}</span>
            <input type="date" value={form.date} onChange={(e) => patch({ date: e.target.value })} />
          </label>
          <label className="act-field">
            <span>{t('time')}</span>
            <input type="time" value={form.time} onChange={(e) => patch({ time: e.target.value })} />
          </label>
          {branches.length > 0 ? (
            <label className="act-field">
              <span>{t('branch')}</span>
              <select value={form.branch} onChange={(e) => pickBranch(e.target.value)}>
                <option value="">{t('pickBranch')}</option>
                {branches.map((b) => (
                  <option key={b.id} value={b.name}>
                    {b.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            text('branch', t('branch'))
          )}
          {select(
            'language',
            t('language'),
            [
              { value: 'fr', label: t('languages.fr') },
              { value: 'en', label: t('languages.en') },
            ],
            (v) => (v === 'en' ? 'en' : 'fr'),
          )}
          {select(
            'depositMethod',
            t('depositMethod'),
            (['none', 'stripe', 'bdc_card', 'bank_transfer'] as const).map((m) => ({
              value: m === 'none' ? '' : m,
              label: t(`depositMethods.${m}`),
            })),
            (v) => (v === 'stripe' || v === 'bdc_card' || v === 'bank_transfer' ? v : null),
          )}
          {select(
            'docusign',
            t('docusign'),
            (['none', 'sent', 'signed'] as const).map((m) => ({
              value: m === 'none' ? '' : m,
              label: t(`docusignStates.${m}`),
            })),
            (v) => (v === 'sent' || v === 'signed' ? v : null),
          )}
          {select(
            'transfer',
            t('transfer'),
            [
              { value: 'false', label: t('no') },
              { value: 'true', label: t('yes') },
            ],
            (v) => v === 'true',
          )}
          {text('salesRep', t('salesRep'), 'text', branch && branch.salesReps.length > 0 ? repsId : undefined)}
          {branch && branch.salesReps.length > 0 && (
            <datalist id={repsId}>
              {branch.salesReps.map((rep) => (
                <option key={rep} value={rep} />
              ))}
            </datalist>
          )}
          {text('salesRepEmail', t('salesRepEmail'), 'email')}
          {virtual && text('virtualGroupEmail', t('virtualGroupEmail'), 'email')}
          <label className="act-field">
            <span>{t('description')}</span>
            <textarea rows={2} value={form.description} onChange={(e) => patch({ description: e.target.value })} />
          </label>
          <p>{t('status')}</p>
          <p>{t('participants', { list: participants.join(', ') })}</p>
        </div>
        <div className="book-footer">
          <button
            type="submit"
            className="act-primary"
            disabled={!subject.ok || form.branch.trim() === '' || (virtual && !form.virtualDevice) || done !== null}
          >
            {t('book')}
          </button>
          {done && (
            <p role="status">
              {t('booked', { subject: done.subject })} {done.mailto ? null : t('noConfirmation')}
            </p>
          )}
          {done?.resultError && (
            <p role="alert" className="act-error">
              {t('resultNotSaved', { message: done.resultError })}
            </p>
          )}
          <MailLink mailto={done ? lastMailto : null} text={t('confirmation')} label={t('confirmationLink')} />
          {error && (
            <p role="alert" className="act-error">
              {t('error', { message: error })}
            </p>
          )}
        </div>
      </form>
    </ModalFrame>
  );
}
