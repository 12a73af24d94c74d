import type { HandlersFor } from '../../../shared/ipc/dispatch';
import type { leadsRequests } from '../../../shared/ipc/contract-leads';
import type { ServiceContext } from '../context';

/** The handlers of this area's contract fragment (shared/ipc/contract-leads.ts). */
export function leadsHandlers(_context: ServiceContext): HandlersFor<typeof leadsRequests> {
  return {};
}
