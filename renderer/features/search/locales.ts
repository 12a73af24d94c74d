/** Strings of the search box and its result list. */
export const searchLocales = {
  fr: {
    label: 'Rechercher un client',
    placeholder: 'Nom, téléphone ou courriel',
    results: 'Résultats de recherche',
    none: 'Aucun client trouvé pour « {{query}} ».',
    more: 'Les {{n}} premiers résultats : précisez la recherche pour voir les autres.',
    searching: 'Recherche…',
    open: 'Ouvrir la fiche {{name, de}}',
    tag: { platine: 'Platine', or: 'Or', argent: 'Argent', bronze: 'Bronze' },
  },
  en: {
    label: 'Search for a client',
    placeholder: 'Name, phone or e-mail',
    results: 'Search results',
    none: 'No client found for “{{query}}”.',
    more: 'The first {{n}} results: type more to narrow the search.',
    searching: 'Searching…',
    open: 'Open the record of {{name}}',
    tag: { platine: 'Platinum', or: 'Gold', argent: 'Silver', bronze: 'Bronze' },
  },
} as const;
