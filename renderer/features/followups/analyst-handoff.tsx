import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRecord } from '../../../shared/ipc/dto';
import { formatPhone } from '../../../shared/phone/phone';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { MailLink } from '../actions/mail-link';
import { useActionsStore } from '../actions/store';
import './followups.css';
import {
  ANALYST_FIELDS,
  missingAnalystFields,
  type AnalystField,
  type AnalystHandoffFields,
} from '../../../shared/work/analyst-handoff';

/** The hand-off's fields as the record and the agent's entries give them (null: missing). */
export function analystFields(record: ContactRecord, entered: { cre: string; reasons: string }): AnalystHandoffFields {
  const text = (value: string | null | undefined) => (value && value.trim() !== '' ? value.trim() : null);
  const phone = record.phones[0]?.e164 ?? null;
  return {
    cre: text(record.client.cre) ?? text(entered.cre),
    firstName: text(record.client.firstName),
    lastName: text(record.client.lastName),
    phone: phone ? formatPhone(phone) : null,
    language: record.client.language,
    reasons: text(entered.reasons),
  };
}

/** The fields a refusal names in its path (`missing:cre,phone`), when it does. */
function missingFromPath(path: string | undefined): AnalystField[] | null {
  if (!path?.startsWith('missing:')) return null;
  return path
    .slice('missing:'.length)
    .split(',')
    .filter((f): f is AnalystField => (ANALYST_FIELDS as readonly string[]).includes(f));
}

interface AnalystDialogProps {
  client: PosteClient;
  record: ContactRecord;
  onClose(): void;
}

/**
 * AN-1 — « Passe aux analystes »: the hand-off mail, which must carry the CRE, the first and
 * last names, a phone, the language and the reasons. The dialog shows each from the record,
 * asks for what the agent adds (the CRE when the record has none, the reasons), and opens
 * the mail only once nothing is missing; the services check again and say what is missing.
 */
export function AnalystDialog({ client, record, onClose }: AnalystDialogProps) {
  const { t } = useTranslation('followups');
  const [cre, setCre] = useState('');
  const [reasons, setReasons] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const lastMailto = useActionsStore((s) => s.lastMailto);
  const fields = analystFields(record, { cre, reasons });
  // The services' own rule (AN-1), applied before they are asked.
  const missing = missingAnalystFields(fields);
  const names = (list: readonly AnalystField[]) => list.map((f) => t(`analysts.field.${f}`)).join(', ');
  const compose = async () => {
    setBusy(true);
    setError(null);
    const r = await client.tryCall('analysts:compose', {
      clientId: record.client.id,
      reasons,
      ...(cre.trim() ? { cre: cre.trim() } : {}),
    });
    setBusy(false);
    if (r.ok) {
      useActionsStore.getState().openMailto(client, r.value.mailto);
      return;
    }
    const named = missingFromPath(r.error.path);
    setError(named ? t('analysts.missing', { fields: names(named) }) : r.error.message);
  };
  const shown: Exclude<AnalystField, 'reasons'>[] = ['cre', 'firstName', 'lastName', 'phone', 'language'];
  return (
    <ModalFrame
      title={t('analysts.title')}
      closeLabel={t('analysts.close')}
      onClose={onClose}
      className="act-dialog analyst-dialog"
    >
      <form
        className="act-body"
        onSubmit={(e) => {
          e.preventDefault();
          if (missing.length === 0 && !busy) void compose();
        }}
      >
        <dl className="analyst-facts" data-testid="analyst-facts">
          {shown.map((f) => (
            <div key={f} className={fields[f] === null ? 'is-missing' : undefined} data-field={f}>
              <dt>{t(`analysts.field.${f}`)}</dt>
              <dd>
                {f === 'language'
                  ? t(`analysts.languages.${record.client.language}`)
                  : (fields[f] ?? t('analysts.absent'))}
              </dd>
            </div>
          ))}
        </dl>
        {!record.client.cre && (
          <label className="act-field">
            <span>{t('analysts.cre')}</span>
            <input value={cre} maxLength={40} onChange={(e) => setCre(e.target.value)} />
          </label>
        )}
        <label className="act-field">
          <span>{t('analysts.reasons')}</span>
          <textarea
            rows={4}
            value={reasons}
            maxLength={2000}
            data-autofocus
            onChange={(e) => setReasons(e.target.value)}
          />
        </label>
        {missing.length > 0 && (
          <p className="analyst-missing" data-testid="analyst-missing">
            {t('analysts.missing', { fields: names(missing) })}
          </p>
        )}
        <button type="submit" className="act-primary" disabled={missing.length > 0 || busy || lastMailto !== null}>
          {t('analysts.compose')}
        </button>
        <MailLink mailto={lastMailto} text={t('analysts.opened')} label={t('analysts.mailLink')} />
        {error && (
          <p role="alert" className="act-error">
            {error}
          </p>
        )}
      </form>
    </ModalFrame>
  );
}
