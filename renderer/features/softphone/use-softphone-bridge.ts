import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboundResult } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { useAppStore } from '../../app/store';
import { startSoftphoneBridge } from './bridge';

/** Starts the softphone bridge for the window's lifetime (the shell calls it once). */
export function useSoftphoneBridgeEffect(client: PosteClient): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    const describeCall = (result: InboundResult): { title: string; body: string } => {
      const agents = useAppStore.getState().agents;
      const nameOf = (id: string | null): string => agents.find((a) => a.id === id)?.name ?? id ?? '—';
      const caller = result.record
        ? `${result.record.client.firstName} ${result.record.client.lastName}`
        : i18n.t('softphone:unknownCaller');
      const decision = i18n.t(`inbound:decision.${result.verdict.decision}`, {
        name: nameOf(result.verdict.transferTo ?? result.verdict.owner),
      });
      const rule = result.verdict.rules[0];
      return {
        title: i18n.t('softphone:notification.title', { name: caller }),
        body: rule ? `${decision} — ${i18n.t('inbound:rule', { id: rule })}` : decision,
      };
    };
    const bridge = startSoftphoneBridge(client, { describeCall });
    return () => void bridge.stop();
  }, [client, i18n]);
}
