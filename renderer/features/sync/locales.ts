/** Strings of the team sync's status indicator. */
export const syncLocales = {
  fr: {
    online: 'Équipe synchronisée',
    offline: 'hors ligne',
    pending_one: '{{count}} changement en attente',
    pending_other: '{{count}} changements en attente',
    conflict: 'Conflit',
    seen: 'Compris',
    syncNow: 'Synchroniser',
  },
  en: {
    online: 'Team in sync',
    offline: 'offline',
    pending_one: '{{count}} change waiting',
    pending_other: '{{count}} changes waiting',
    conflict: 'Conflict',
    seen: 'Got it',
    syncNow: 'Sync now',
  },
} as const;
