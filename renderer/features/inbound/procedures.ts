/**
 * The centre's own words behind each rule (French originals in shared/seeds), shown one
 * click away from the verdict so an agent can read the procedure the console applied.
 */
export interface Procedure {
  source: string;
  title: string;
  text: string;
}

const P001 = 'Gestion des Phone-Up et OPP';
const P002 = 'Règles générales';
const P000 = 'Procédure quand un lead courriel fait un phone up';

export const PROCEDURES: Record<string, Procedure> = {
  'INV-0': { source: '003', title: 'Statuts', text: 'Invalide BDC : Corbeille, comme si le client n’avait jamais existé.' },
  'FIN-1': {
    source: '002',
    title: P002,
    text: 'Les dossiers en général : si le client a déjà un dossier aux leads et qu’il fait une demande « Credsii cote D/E », « Pré-approbation » ou rempli un DealerTrack, le client devient automatiquement un client du financement. Si le client avait déjà un rendez-vous ou un contrat/dépôt, on doit annuler le RDV du client et aller voir un directeur adjoint immédiatement. Le DA supprimera la réunion et mettra l’OPP invalide.',
  },
  'LOST-1': {
    source: '002',
    title: P002,
    text: 'Dossier perdu BDC : si le client rappelle et que l’agent initial a mis son dossier « Perdu BDC », le client et/ou RDV va au nouvel agent.',
  },
  'NS-1': {
    source: '002',
    title: P002,
    text: 'RDV existant no-show : si le client rappelle suite à un appel de suivi, dans les 3 jours/72 heures suivant le dernier suivi, le nouveau RDV devra être remis à l’agent initial qui avait pris le RDV s’il est dans son quart de travail. — Même si l’agent est en pause ou au dîner, les No-Show demeurent à lui.',
  },
  'NS-2': {
    source: '002',
    title: P002,
    text: 'RDV existant no-show : si le client fait un nouveau lead ou rappelle, sans que l’agent initial ait fait un suivi pour son RDV no-show, le nouveau RDV devra être mis au nouvel agent qui a pris le nouveau RDV.',
  },
  'NS-3': {
    source: '002',
    title: 'Hypothèse',
    text: 'Hypothèse de la console : no-show suivi il y a plus de 72 h, ou agent initial hors de son quart — le nouvel agent garde le client.',
  },
  'PU-2': {
    source: '001',
    title: P001,
    text: '2. Phone-Up avec OPP NON TRAITÉE — L’agent qui prend le Phone-Up garde le client. L’OPP doit être mise à son nom, qu’il y ait RDV ou non.',
  },
  'PU-1a': {
    source: '001',
    title: P001,
    text: '1. Phone-Up avec OPP déjà traitée par un gestionnaire (ex. : PDR J1) — L’agent qui prend le Phone-Up doit transférer l’appel au gestionnaire de l’OPP.',
  },
  'CB-4': {
    source: '001',
    title: P001,
    text: '5. Évidemment si l’agent à qui appartient le dossier est de retour en poste vous devez lui transférer l’appel directement.',
  },
  'PU-1b': {
    source: '001',
    title: P001,
    text: '1. Si le gestionnaire est en appel ou en pause : → L’agent booke le RDV, puis tague le DA pour l’attribuer au gestionnaire initial.',
  },
  'CB-1': {
    source: '001',
    title: P001,
    text: '5. Si le client rappelle dans un délai de 3 h ou moins suivant la relance, l’appel doit être transféré à l’agent qui a laissé la note.',
  },
  'CB-3': {
    source: '001',
    title: P001,
    text: '5. Si l’agent qui a relancé (moins de 3 h) n’est pas disponible, vous pouvez booker/compléter le dossier à votre nom. (Ne pas dire au client qu’on va le rappeler, BOOKEZ)',
  },
  'NL-1b': {
    source: '002',
    title: P002,
    text: 'Nouveau lead : si l’heure de création originale date d’un mois antérieur à celui en cours, on change le gestionnaire/balise de l’opportunité pour la nouvelle personne qui traitera le dossier, si le gestionnaire initial n’est pas dans son quart de travail.',
  },
  'PU-1c': {
    source: '001',
    title: P001,
    text: '1. Si le gestionnaire est absent : → N’importe quel agent peut booker sur l’OPP.',
  },
  'CB-2': {
    source: '001',
    title: P001,
    text: '5. Si plus de 3 h se sont écoulées depuis la relance, l’appel devient ouvert à tous : n’importe qui peut booker le rendez-vous ou compléter le dossier dans Dealertrack.',
  },
  'NL-1a': {
    source: '002',
    title: P002,
    text: 'Nouveau lead : si l’heure de création originale du nouveau lead date du même mois, on laisse le gestionnaire/balise.',
  },
  'EL-1': {
    source: '000',
    title: P000,
    text: '1. Si un lead courriel fait un phone up, l’agent qui prend l’appel crée une nouvelle OPP, puisqu’il n’aura pas encore le courriel du client.',
  },
  'EL-2': {
    source: '000',
    title: P000,
    text: '2. Si on découvre par la suite qu’il existait déjà un lead courriel au nom d’un autre agent, il faut simplement mettre ce lead courriel en « INVALIDE ». 3. L’agent qui a pris le phone up et réservé le rendez-vous garde le rendez-vous. Met ensuite la mention « OPP lead courriel invalide ».',
  },
  'RDV-1': {
    source: '002',
    title: P002,
    text: 'RDV déjà existant : s’il y a un déplacement de RDV à faire, nous devons déplacer la réunion initiale au nom de l’agent initial qui avait pris le RDV.',
  },
  'OPEN-1': {
    source: '002',
    title: P002,
    text: 'Avant de traiter un lead : regarder la fiche client afin de valider que le client n’a pas un autre dossier ouvert, que ce soit dans votre département ou non.',
  },
  'CH-1': { source: '001', title: P001, text: '3. Si l’OPP est entrée APRÈS le chat : → L’agent qui a le chat garde l’OPP à son nom.' },
  'CH-2': { source: '001', title: P001, text: '3. Si l’OPP est entrée AVANT le chat : → L’agent doit transférer le chat au gestionnaire de l’OPP.' },
  'CH-3': { source: '001', title: P001, text: '3. Si le gestionnaire est absent : → L’OPP reste à son nom, mais n’importe quel agent peut booker.' },
  'SMS-3a': {
    source: '002',
    title: P002,
    text: 'Réponse aux textos : si vous répondez à un texto d’un client de l’un de vos collègues absents, vous avez un délai maximum de 3 minutes pour répondre suite à la réponse du client pour qu’il reste « à vous ». Avant 3 minutes, on doit le laisser à la personne qui a initialement répondu.',
  },
  'SMS-3b': {
    source: '002',
    title: P002,
    text: 'Réponse aux textos : après 3 minutes, si quelqu’un d’autre répond et le book, c’est devenu son client.',
  },
};
