import type { MeetingDto } from '../../../shared/ipc/dto';
import { DEPOSIT_METHODS, VIRTUAL_DEVICES } from '../../../shared/work/booking';

/** The `record` namespace's `t` (zone 7 words its meetings with `record:meetings.*`). */
type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * Zone 7's « Type »: « Virtuel (iPhone) » — the device in words, never its id (`iphone`);
 * a device the app does not know is left out.
 */
export function meetingKindText(t: Translate, m: Pick<MeetingDto, 'kind' | 'virtualDevice'>): string {
  if (m.kind === 'virtual' && m.virtualDevice && (VIRTUAL_DEVICES as readonly string[]).includes(m.virtualDevice)) {
    return t('meetings.virtual', { device: t(`meetings.devices.${m.virtualDevice}`) });
  }
  return t(`meetingKinds.${m.kind}`);
}

/** Zone 7's « Dépôt »: « Oui (carte de crédit BDC) », the method in words, never `bdc_card`. */
export function meetingDepositText(t: Translate, m: Pick<MeetingDto, 'deposit' | 'depositMethod'>): string {
  if (!m.deposit) return t('no');
  if (m.depositMethod && (DEPOSIT_METHODS as readonly string[]).includes(m.depositMethod)) {
    return t('meetings.depositWith', { method: t(`meetings.depositMethods.${m.depositMethod}`) });
  }
  return t('yes');
}
