import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { workRequests } from '../../../shared/ipc/contract-work';
import type { ServiceContext } from '../context';

/** The handlers of this area's contract fragment (shared/ipc/contract-work.ts). */
export function workHandlers(_context: ServiceContext): HandlersFor<typeof workRequests> {
  return {};
}
