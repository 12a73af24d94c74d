import type { Migration } from '../migrate';

/**
 * A number quoted without its area code is found through `client_phones_e164` alone
 * (contactsRepo.searchPhones reads the few distinct country and area codes from that index,
 * then one range under each), so its own index goes: 106 MB at a million clients, 3 s of
 * building a million-client demo, and one more index that every new number lands in at a
 * random place.
 */
export const phoneHeads: Migration = {
  version: 6,
  name: 'phone-heads',
  up: `DROP INDEX IF EXISTS client_phones_local;`,
};
