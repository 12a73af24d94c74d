import { formatDateTime } from './format';
import { followUps, otherOpenFiles, remarks } from './model';
import { StatusBadge } from './zone-status';
import { useRecordT } from './use-record-t';
import { Empty, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

/**
 * Zone 12: notes (NT-1) and follow-up notes (FU-2), the follow-up tracker (FU-1), and the
 * client's other open files in any department (OPEN-1).
 */
export function ZoneRemarks({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const notes = remarks(record.activities);
  const tracker = followUps(record.activities);
  const others = otherOpenFiles(record);
  return (
    <ZoneFrame n={12} title={t('zone.remarks')} area="remarks">
      <div className="rec-remarks">
        <div className="rec-remarks-notes">
          <h3 className="rec-subtitle">{t('remarks.notes')}</h3>
          {notes.length === 0 ? (
            <Empty>{t('remarks.noNotes')}</Empty>
          ) : (
            <ul className="rec-notes">
              {notes.map((note) => (
                <li key={note.id} className={`rec-note rec-note--${note.kind}`}>
                  <p className="rec-note-meta">
                    <span className="rec-chip">
                      {t(note.kind === 'follow_up' ? 'remarks.followUp' : 'remarks.note')}
                    </span>{' '}
                    <time dateTime={note.at}>{formatDateTime(note.at, language, timeZone)}</time>
                    {' · '}
                    {note.agentName ?? t('unknownAgent')}
                  </p>
                  <p className="rec-note-body">{note.note}</p>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div className="rec-remarks-side">
          <h3 className="rec-subtitle">{t('remarks.followUps')}</h3>
          {tracker.latest === null ? (
            <Empty>{t('remarks.noFollowUps')}</Empty>
          ) : (
            <p className="rec-tracker">
              {t('remarks.followUpSummary', {
                count: tracker.count,
                note: tracker.latest.note?.trim() || t('remarks.followUp'),
                date: formatDateTime(tracker.latest.at, language, timeZone),
              })}
            </p>
          )}
          <h3 className="rec-subtitle">{t('remarks.otherFiles')}</h3>
          {others.length === 0 ? (
            <Empty>{t('remarks.noOtherFiles')}</Empty>
          ) : (
            <div className="rec-table-wrap">
              <table className="rec-table rec-table--compact">
                <thead>
                  <tr>
                    <th scope="col">{t('remarks.type')}</th>
                    <th scope="col">{t('remarks.department')}</th>
                    <th scope="col">{t('remarks.status')}</th>
                    <th scope="col">{t('remarks.manager')}</th>
                  </tr>
                </thead>
                <tbody>
                  {others.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        {o.financingSource
                          ? `${t(`leadTypes.${o.type}`)} (${t(`financingSources.${o.financingSource}`)})`
                          : t(`leadTypes.${o.type}`)}
                      </th>
                      <td>{t(`departments.${o.department}`)}</td>
                      <td>
                        <StatusBadge status={o.status} label={t(`statuses.${o.status}`)} />
                      </td>
                      <td>{o.managerName ?? o.managerId ?? t('none')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </div>
    </ZoneFrame>
  );
}
