/** Strings of the DA's work list. */
export const daLocales = {
  fr: {
    title: 'À traiter par le DA',
    empty: 'Rien à traiter.',
    kind: {
      assign: 'Attribuer l’OPP à {{name}}',
      invalidate: 'Invalider l’OPP',
      cancel_meeting: 'Annuler le RDV',
      escalate: 'Voir le dossier',
    },
    by: 'Tagué par {{name}} · {{rule}}',
    done: 'Faire',
    dismiss: 'Rejeter',
    open: 'Ouvrir la fiche',
  },
  en: {
    title: 'For the DA',
    empty: 'Nothing to do.',
    kind: {
      assign: 'Assign the OPP to {{name}}',
      invalidate: 'Invalidate the OPP',
      cancel_meeting: 'Cancel the meeting',
      escalate: 'Review the file',
    },
    by: 'Tagged by {{name}} · {{rule}}',
    done: 'Do it',
    dismiss: 'Dismiss',
    open: 'Open the record',
  },
} as const;
