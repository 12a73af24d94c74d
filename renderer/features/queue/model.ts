import type { QueueItemDto } from '../../../shared/ipc/contract-leads';

/**
 * Whose lead this is when it is not the agent's to work: another agent manages it, and the
 * services refuse anyone else's take (Q-1, `queue_lead_owned`). Null when the agent may work
 * it: unassigned, or their own. Before the console knows who is at it, nobody's lead is.
 */
export function ownerOf(item: Pick<QueueItemDto, 'managerId' | 'managerName'>, meId: string | null): string | null {
  if (item.managerId === null) return null;
  if (meId !== null && item.managerId === meId) return null;
  return item.managerName ?? item.managerId;
}

/** The key of a lead type's label: the record's, so the queue, the pop and the record say the same (« Phone-Up »). */
export function leadTypeKey(type: QueueItemDto['type']): `record:leadTypes.${QueueItemDto['type']}` {
  return `record:leadTypes.${type}`;
}
