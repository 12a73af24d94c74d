import { formatDateTime } from './format';
import { meetingDepositText, meetingKindText } from '../booking/meeting-text';
import { meetingsNewestFirst } from './model';
import { useRecordT } from './use-record-t';
import { Empty, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

const DOCUSIGN_STATES = ['sent', 'signed'] as const;

/** Zone 7 (reference record's name): every meeting the contact booked, newest first. */
export function ZoneMeetings({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const meetings = meetingsNewestFirst(record.meetings);
  const docusign = (value: string | null): string => {
    if (value === null || value.trim() === '') return t('none');
    const key = value.trim().toLowerCase();
    return (DOCUSIGN_STATES as readonly string[]).includes(key) ? t(`docusign.${key}`) : value;
  };
  return (
    <ZoneFrame n={7} title={t('zone.meetings')} area="meetings">
      {meetings.length === 0 ? (
        <Empty>{t('meetings.empty')}</Empty>
      ) : (
        <div className="rec-table-wrap">
          <table className="rec-table">
            <thead>
              <tr>
                <th scope="col">{t('meetings.subject')}</th>
                <th scope="col">{t('meetings.kind')}</th>
                <th scope="col">{t('meetings.at')}</th>
                <th scope="col">{t('meetings.branch')}</th>
                <th scope="col">{t('meetings.status')}</th>
                <th scope="col">{t('meetings.bookedBy')}</th>
                <th scope="col">{t('meetings.deposit')}</th>
                <th scope="col">{t('meetings.docusign')}</th>
                <th scope="col">{t('meetings.transfer')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id} className={`rec-meeting rec-meeting--${m.status}`}>
                  <th scope="row" className="rec-mono">
                    {m.subject}
                  </th>
                  <td>{meetingKindText(t, m)}</td>
                  <td className="rec-nowrap">
                    <time dateTime={m.at}>{formatDateTime(m.at, language, timeZone)}</time>
                  </td>
                  <td>{m.branch ?? t('none')}</td>
                  <td>
                    <span className={`rec-meeting-status rec-meeting-status--${m.status}`}>
                      {t(`meetingStatuses.${m.status}`)}
                    </span>
                  </td>
                  <td>{m.bookedByName ?? m.bookedBy ?? t('none')}</td>
                  <td>{meetingDepositText(t, m)}</td>
                  <td>{docusign(m.docusign)}</td>
                  <td>{m.transfer ? t('yes') : t('no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </ZoneFrame>
  );
}
