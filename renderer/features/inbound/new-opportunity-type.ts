import type { TFunction } from 'i18next';
import { CHANNEL_LEAD_TYPE } from '../../../shared/domain/model';
import type { InboundResult } from '../../../shared/ipc/dto';

/** The label of the OPP type an unknown contact opens on this channel (EL-1): « Phone-Up », « SMS », « Clavardage ». */
export function newOpportunityType(t: TFunction, channel: InboundResult['channel']): string {
  return t(`record:leadTypes.${CHANNEL_LEAD_TYPE[channel]}`);
}
