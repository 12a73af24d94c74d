import { memo, type ReactNode } from 'react';
import type { Language } from '../../../shared/domain/model';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { RecordAction, RecordContext } from './actions';
import { usePainted } from './use-painted';
import { ZoneActions } from './zone-actions';
import { ZoneCollaborator } from './zone-collaborator';
import { ZoneContact } from './zone-contact';
import { ZoneHistory } from './zone-history';
import { ZoneIdentity } from './zone-identity';
import { ZoneMeetings } from './zone-meetings';
import { ZoneOrigin } from './zone-origin';
import { ZoneRemarks } from './zone-remarks';
import { ZoneRequest } from './zone-request';
import { ZoneResult } from './zone-result';
import { ZoneStatus } from './zone-status';
import { ZoneTexts } from './zone-texts';

// A zone renders again only when its own props change (the record, the language, its
// extras): a verdict arriving or the softphone registering leaves the others alone.
const Identity = memo(ZoneIdentity);
const Contact = memo(ZoneContact);
const Status = memo(ZoneStatus);
const Origin = memo(ZoneOrigin);
const Actions = memo(ZoneActions);
const Request = memo(ZoneRequest);
const Collaborator = memo(ZoneCollaborator);
const Result = memo(ZoneResult);
const Meetings = memo(ZoneMeetings);
const History = memo(ZoneHistory);
const Texts = memo(ZoneTexts);
const Remarks = memo(ZoneRemarks);

interface RecordZonesProps {
  record: ContactRecord;
  language: Language;
  context: RecordContext;
  onCall?: (e164: string) => void;
  onAction?: (action: RecordAction) => void;
  onAnalysts?: () => void;
  verdict?: ReactNode;
}

/**
 * The twelve zones in reading order. The summary rows (zones 1–4), the actions (9) and
 * the request row (5, 6, 7) are what an agent reads as a call rings; they paint first.
 * The long parts below them (meetings, timeline, texts, remarks) follow in the next frame
 * for a newly opened client, so a screen-pop is not held up by a 5,000-line history.
 */
export function RecordZones({ record, language, context, onCall, onAction, onAnalysts, verdict }: RecordZonesProps) {
  const rest = usePainted(record.client.id);
  return (
    <>
      <Identity record={record} language={language} />
      <Contact record={record} language={language} registered={context.registered} onCall={onCall} />
      <Status record={record} language={language} />
      <Origin record={record} language={language} />
      <Actions record={record} language={language} context={context} onAction={onAction} onAnalysts={onAnalysts} />
      <Request record={record} language={language} />
      <Collaborator record={record} language={language} verdict={verdict} />
      <Result record={record} language={language} />
      {rest ? (
        <>
          <Meetings record={record} language={language} />
          <History record={record} language={language} />
          <Texts record={record} language={language} />
          <Remarks record={record} language={language} />
        </>
      ) : null}
    </>
  );
}
