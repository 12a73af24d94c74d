import type { Migration } from '../migrate';

/**
 * A number quoted without its area code is found through `client_phones_e164` alone
 * (contactsRepo.searchPhones reads the few distinct country and area codes from that index,
 * then one range under each), so its own index goes. It was one of the three indexes that
 * every new number lands in at a random place: at a million clients an import dirtied a page
 * of it for nearly every lead, and a million-client demo spent 3 s building it.
 */
export const phoneHeads: Migration = {
  version: 6,
  name: 'phone-heads',
  up: `DROP INDEX IF EXISTS client_phones_local;`,
};
