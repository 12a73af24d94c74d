import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { PosteClient } from '../../app/client';
import { useCentreDateTime } from '../../app/centre-time';
import { coalesce } from '../../app/coalesce';

type ScheduledCall = ResponseOf<'work:scheduledCalls'>[number];

/**
 * MT-4: the calls the agent scheduled (« programmer un appel »), in their list once due.
 * Refreshed every minute and whenever a record changes (a call made closes one).
 */
export function ScheduledCalls({ client, onOpen }: { client: PosteClient; onOpen(clientId: string): void }) {
  const { t, i18n } = useTranslation('actions');
  // In the centre's zone and the record's style, as every date of the console.
  const formatAt = useCentreDateTime(i18n.language === 'en' ? 'en' : 'fr');
  const [calls, setCalls] = useState<ScheduledCall[]>([]);
  const load = useCallback(async () => {
    const result = await client.tryCall('work:scheduledCalls', {});
    if (result.ok) setCalls(result.value.filter((c) => c.due));
  }, [client]);
  useEffect(() => {
    void load();
    const reload = coalesce(() => void load());
    const timer = setInterval(reload.request, 60_000);
    const off = client.on('record:changed', reload.request);
    return () => {
      reload.cancel();
      clearInterval(timer);
      off();
    };
  }, [client, load]);
  if (calls.length === 0) return null;
  return (
    <section className="da" aria-labelledby="scheduled-title">
      <h2 id="scheduled-title" className="side-title">
        {t('scheduledList.title')} <span className="count">{calls.length}</span>
      </h2>
      <ul className="da-list">
        {calls.map((call) => (
          <li key={call.activityId} className="da-task">
            <button type="button" className="link da-client" onClick={() => onOpen(call.clientId)}>
              {call.clientName}
            </button>
            <div className="da-by">{t('scheduledList.due', { at: formatAt(call.at), name: call.scheduledByName ?? '—' })}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}
