import { formatPhone } from '../../../shared/phone/phone';
import { useRecordT } from './use-record-t';
import { Empty, ZoneFrame, type ZoneProps } from './zone';

interface ZoneContactProps extends ZoneProps {
  /** The softphone is registered: click-to-call works. */
  registered: boolean;
  onCall?: (e164: string) => void;
}

/** Zone 2: phones (click-to-call, text-capable marked) and e-mails (plain text). */
export function ZoneContact({ record, language, registered, onCall }: ZoneContactProps) {
  const t = useRecordT(language);
  return (
    <ZoneFrame n={2} title={t('zone.contact')} area="contact">
      <h3 className="rec-subtitle">{t('contact.phones')}</h3>
      {record.phones.length === 0 ? (
        <Empty>{t('contact.noPhone')}</Empty>
      ) : (
        <ul className="rec-phones">
          {record.phones.map((phone) => {
            const number = formatPhone(phone.e164);
            const name = t('contact.call', { number });
            return (
              <li key={phone.id} className="rec-phone">
                <span className="rec-phone-kind">{t(`phoneKinds.${phone.kind}`)}</span>
                <button
                  type="button"
                  className="rec-dial"
                  aria-label={name}
                  title={registered ? name : t('contact.callDisabled')}
                  disabled={!registered}
                  onClick={() => onCall?.(phone.e164)}
                >
                  <span className="rec-dial-icon" aria-hidden="true">
                    ☎
                  </span>
                  {number}
                </button>
                {phone.smsCapable ? (
                  <span className="rec-chip" title={t('contact.textCapableTitle')}>
                    {t('contact.textCapable')}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <h3 className="rec-subtitle">{t('contact.emails')}</h3>
      {record.emails.length === 0 ? (
        <Empty>{t('contact.noEmail')}</Empty>
      ) : (
        <ul className="rec-emails">
          {record.emails.map((email) => (
            <li key={email.id} className="rec-email">
              {email.email}
            </li>
          ))}
        </ul>
      )}
    </ZoneFrame>
  );
}
