import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { deskRequests } from '../../../shared/ipc/contract-desk';
import type { ServiceContext } from '../context';

/** The handlers of this area's contract fragment (shared/ipc/contract-desk.ts). */
export function deskHandlers(_context: ServiceContext): HandlersFor<typeof deskRequests> {
  return {};
}
