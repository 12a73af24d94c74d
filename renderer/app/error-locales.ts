import { SERVICE_ERROR_TEXTS } from '../../shared/ipc/error-texts';

/**
 * The services' refusals by key (shared/ipc/error-texts.ts), worded for the agent. A status
 * is worded as the record words it; an unreadable CSV names its problem as the Imports panel does.
 */
export const errorsLocales = {
  fr: {
    client_not_found: 'aucun client {{id}}',
    client_not_live: 'aucune fiche active {{id}}',
    opportunity_not_found: 'aucune opportunité {{id}}',
    file_too_large: 'le fichier dépasse {{mb}} Mo',
    watch_folder_not_found: 'aucun dossier surveillé {{id}}',
    folder_not_absolute: 'indiquez le chemin complet du dossier (p. ex. /Users/bdc/Leads)',
    folder_missing: 'aucun dossier à {{path}}',
    folder_not_directory: '{{path}} n’est pas un dossier',
    folder_root: 'la racine du disque ne peut pas être surveillée',
    queue_lead_gone: 'ce lead n’est plus dans la file (traité, fermé ou inconnu)',
    queue_lead_owned: 'ce lead appartient à {{name}} (Q-1)',
    queue_reason_needed: 'Q-1 : ce lead n’est pas la tête de la file; indiquez pourquoi vous le prenez',
    followup_in_queue: 'ce lead est dans la file : prenez-le d’abord avec « Lead suivant » (Q-1)',
    followup_noshow_booker: 'FU-3 : ce no-show appartient à l’agent qui a pris le rendez-vous, qui est en poste',
    followup_manager_on_shift:
      'FU-3 : le gestionnaire de ce dossier est en poste; seuls les clients d’un collègue absent peuvent être relancés par d’autres',
    followup_closed: 'ce dossier est « $t(record:statuses.{{status}}) » : il n’est plus relancé',
    lost_not_bdc: 'Perdu BDC vaut pour les dossiers du BDC : celui-ci est un dossier de financement',
    followup_lost_too_early: 'FU-1 : {{days}} jour(s) sans contact; Perdu BDC vient après {{after}}',
    merge_none: 'choisissez au moins une autre fiche à fusionner dans celle-ci',
    merge_over_limit: 'au plus {{max}} fiches sont fusionnées à la fois',
    analyst_no_address: 'aucun analyste n’a d’adresse courriel dans les réglages',
    csv_unreadable: 'ligne {{line}} : $t(imports:problems.{{code}})',
  },
  en: {
    ...SERVICE_ERROR_TEXTS,
    followup_closed: 'this file is “$t(record:statuses.{{status}})”: it is not followed up any more',
    csv_unreadable: 'line {{line}}: $t(imports:problems.{{code}})',
  },
} as const;
