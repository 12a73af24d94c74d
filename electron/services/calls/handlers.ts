import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { callsRequests } from '../../../shared/ipc/contract-calls';
import type { ServiceContext } from '../context';

/** The handlers of this area's contract fragment (shared/ipc/contract-calls.ts). */
export function callsHandlers(_context: ServiceContext): HandlersFor<typeof callsRequests> {
  return {};
}
