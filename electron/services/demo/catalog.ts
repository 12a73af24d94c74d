/**
 * The vocabulary the demo draws from: Québec names, vehicles sold in Québec, branches,
 * lead providers, messages. Fictional people; real makes and models.
 */

export const FRENCH_FIRST_NAMES = [
  'Marie',
  'Julie',
  'Isabelle',
  'Nathalie',
  'Catherine',
  'Geneviève',
  'Mélanie',
  'Stéphanie',
  'Valérie',
  'Chantal',
  'Sylvie',
  'Josée',
  'Annie',
  'Caroline',
  'Émilie',
  'Audrey',
  'Camille',
  'Léa',
  'Chloé',
  'Rosalie',
  'Maude',
  'Noémie',
  'Éloïse',
  'Gabrielle',
  'Marie-Ève',
  'Marie-Pier',
  'Andrée-Anne',
  'Hélène',
  'Francine',
  'Lise',
  'Jean',
  'Pierre',
  'Michel',
  'André',
  'François',
  'Martin',
  'Luc',
  'Stéphane',
  'Sylvain',
  'Daniel',
  'Éric',
  'Patrick',
  'Mathieu',
  'Maxime',
  'Alexandre',
  'Olivier',
  'Guillaume',
  'Simon',
  'Vincent',
  'Félix',
  'Samuel',
  'Gabriel',
  'Antoine',
  'Étienne',
  'Jérôme',
  'Benoît',
  'Réjean',
  'Gilles',
  'Jean-François',
  'Jean-Sébastien',
  'Marc-André',
  'Pierre-Luc',
  'Louis',
  'Rémi',
  'Frédéric',
  'Sébastien',
  'Yannick',
  'Hugo',
  'Raphaël',
  'Zoé',
] as const;

export const ENGLISH_FIRST_NAMES = [
  'Emily',
  'Sarah',
  'Jessica',
  'Jennifer',
  'Ashley',
  'Megan',
  'Laura',
  'Rachel',
  'Hannah',
  'Olivia',
  'Emma',
  'Grace',
  'Claire',
  'Karen',
  'Susan',
  'Michael',
  'David',
  'James',
  'John',
  'Robert',
  'William',
  'Ryan',
  'Kevin',
  'Brian',
  'Matthew',
  'Andrew',
  'Daniel',
  'Christopher',
  'Sean',
  'Patrick',
  'Liam',
  'Noah',
  'Ethan',
  'Nathan',
  'Tyler',
  'Connor',
  'Owen',
  'Jason',
  'Mark',
  'Paul',
] as const;

export const FRENCH_LAST_NAMES = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
  'Ouellet',
  'Pelletier',
  'Bélanger',
  'Lévesque',
  'Bergeron',
  'Leblanc',
  'Paquette',
  'Girard',
  'Simard',
  'Boucher',
  'Caron',
  'Beaulieu',
  'Cloutier',
  'Dubé',
  'Poirier',
  'Fournier',
  'Lapointe',
  'Leclerc',
  'Lefebvre',
  'Poulin',
  'Thibault',
  "D'Amours",
  'Mercier',
  'Bédard',
  'Desjardins',
  'Lalonde',
  'Giroux',
  'Vézina',
  'Thériault',
  'Chabot',
  'Lemieux',
  'St-Pierre',
  'Turcotte',
  'Hébert',
  'Nadeau',
  'Dionne',
  'Brassard',
  'Savard',
  'Drouin',
  'Goulet',
  'Lachance',
  'Labelle',
  'Perreault',
  'Rousseau',
  'Ménard',
  'Charbonneau',
  'Deschênes',
  'Bérubé',
  'Dufour',
  'Blais',
  'Côté-Tremblay',
  'Gagnon-Roy',
  'Lacroix',
  'Désilets',
  'Théberge',
  'Laflamme',
  'Sénécal',
  'Gélinas',
  'Boisvert',
  'Proulx',
] as const;

export const ENGLISH_LAST_NAMES = [
  'Smith',
  'Johnson',
  'Brown',
  'Wilson',
  'MacDonald',
  'Campbell',
  'Stewart',
  'Murphy',
  "O'Brien",
  "O'Neill",
  'Kelly',
  'Ryan',
  'Walsh',
  'Taylor',
  'Anderson',
  'Thompson',
  'White',
  'Martin',
  'Scott',
  'Young',
  'Reid',
  'Fraser',
  'McCarthy',
  'Graham',
  'Hughes',
  'Clarke',
  'Miller',
  'Davis',
  'Cohen',
  'Greenberg',
] as const;

/** Domains reserved for documentation (RFC 2606), so a demo e-mail can never reach anyone. */
export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

export interface VehicleModel {
  make: string;
  model: string;
  trims: readonly string[];
  /** World manufacturer identifier: the VIN's first three characters. */
  wmi: string;
}

export const VEHICLES: readonly VehicleModel[] = [
  { make: 'Toyota', model: 'RAV4', trims: ['LE', 'XLE', 'Limited', 'Hybride XSE', 'Trail'], wmi: '2T3' },
  { make: 'Toyota', model: 'Corolla', trims: ['L', 'LE', 'SE', 'XSE'], wmi: '2T1' },
  { make: 'Toyota', model: 'Tacoma', trims: ['SR5', 'TRD Sport', 'TRD Off-Road'], wmi: '3TM' },
  { make: 'Honda', model: 'Civic', trims: ['LX', 'Sport', 'EX', 'Touring', 'Si'], wmi: '2HG' },
  { make: 'Honda', model: 'CR-V', trims: ['LX', 'Sport', 'EX-L', 'Touring'], wmi: '2HK' },
  { make: 'Hyundai', model: 'Kona', trims: ['Essential', 'Preferred', 'N Line', 'Ultimate', 'Électrique'], wmi: 'KM8' },
  { make: 'Hyundai', model: 'Elantra', trims: ['Essential', 'Preferred', 'Luxury', 'N'], wmi: 'KMH' },
  { make: 'Hyundai', model: 'Tucson', trims: ['Essential', 'Preferred', 'Ultimate', 'Hybride'], wmi: 'KM8' },
  { make: 'Ford', model: 'F-150', trims: ['XL', 'XLT', 'Lariat', 'King Ranch', 'Platinum'], wmi: '1FT' },
  { make: 'Ford', model: 'Escape', trims: ['Active', 'ST-Line', 'Platinum'], wmi: '1FM' },
  { make: 'Kia', model: 'Sorento', trims: ['LX', 'EX', 'SX', 'X-Line'], wmi: '5XY' },
  { make: 'Kia', model: 'Seltos', trims: ['LX', 'EX', 'SX'], wmi: 'KND' },
  { make: 'Mazda', model: 'CX-5', trims: ['GS', 'GT', 'Signature', 'Kuro'], wmi: 'JM3' },
  { make: 'Mazda', model: 'Mazda3', trims: ['GX', 'GS', 'GT'], wmi: '3MZ' },
  { make: 'Subaru', model: 'Outback', trims: ['Convenience', 'Touring', 'Limited', 'Wilderness'], wmi: '4S4' },
  { make: 'Subaru', model: 'Crosstrek', trims: ['Convenience', 'Sport', 'Limited'], wmi: 'JF2' },
  { make: 'Chevrolet', model: 'Silverado 1500', trims: ['WT', 'Custom', 'LT', 'RST', 'LTZ'], wmi: '1GC' },
  { make: 'Chevrolet', model: 'Equinox', trims: ['LS', 'LT', 'RS', 'Premier'], wmi: '3GN' },
  { make: 'Nissan', model: 'Rogue', trims: ['S', 'SV', 'SL', 'Platinum'], wmi: 'JN8' },
  { make: 'Volkswagen', model: 'Tiguan', trims: ['Trendline', 'Comfortline', 'Highline'], wmi: '3VV' },
  { make: 'Ram', model: '1500', trims: ['Tradesman', 'Big Horn', 'Sport', 'Laramie'], wmi: '1C6' },
  { make: 'Jeep', model: 'Grand Cherokee', trims: ['Laredo', 'Altitude', 'Limited', 'Overland'], wmi: '1C4' },
];

/** The dealership's branches, their sales reps (SPEX) and virtual-sales group (MT-3). */
export const DEMO_BRANCHES: readonly { name: string; salesReps: readonly string[]; virtualSalesGroup: string }[] = [
  {
    name: 'Montréal-Est',
    salesReps: ['Jean-François Lapointe', 'Karine Beaudoin'],
    virtualSalesGroup: 'dv.montreal-est@poste-demo.ca',
  },
  { name: 'Laval', salesReps: ['Steve Lavallée', 'Mélissa Caron'], virtualSalesGroup: 'dv.laval@poste-demo.ca' },
  { name: 'Québec', salesReps: ['Dominic Rioux', 'Annie Thibodeau'], virtualSalesGroup: 'dv.quebec@poste-demo.ca' },
  { name: 'Sherbrooke', salesReps: ['Yves Paradis'], virtualSalesGroup: 'dv.sherbrooke@poste-demo.ca' },
  { name: 'Gatineau', salesReps: ['Chris Hall', 'Nancy Villeneuve'], virtualSalesGroup: 'dv.gatineau@poste-demo.ca' },
  { name: 'Longueuil', salesReps: ['Patrice Côté', 'Sonia Leduc'], virtualSalesGroup: 'dv.longueuil@poste-demo.ca' },
];

/** Where internet and e-mail leads come from. */
export const PROVIDERS = [
  'Autotrader.ca',
  'Kijiji Autos',
  'Site web du concessionnaire',
  'CarGurus',
  'Site du manufacturier',
] as const;

export const TRADE_INS = [
  '2014 Honda Civic LX, 168 000 km',
  '2016 Toyota Corolla CE, 142 000 km',
  '2017 Mazda3 GS, 121 000 km',
  '2015 Ford Escape SE, 189 000 km',
  '2019 Hyundai Elantra Preferred, 87 000 km',
  '2012 Chevrolet Cruze LT, 210 000 km',
  '2018 Kia Sportage LX, 99 000 km',
  '2013 Dodge Grand Caravan SE, 235 000 km',
] as const;

/** Lead messages; `{v}` is replaced by the vehicle, or "un véhicule" / "a vehicle". */
export const MESSAGES_FR = [
  'Bonjour, est-ce que le {v} est encore disponible? Merci.',
  "J'aimerais faire un essai routier du {v} cette semaine.",
  "Quel est votre meilleur prix pour le {v}? J'ai un échange.",
  'Pouvez-vous me rappeler en fin de journée? Intéressé par le {v}.',
  "Je cherche un {v} avec démarreur à distance et pneus d'hiver.",
  'Est-ce possible de financer le {v} sur 84 mois?',
  'Bonjour, je voudrais connaître les versions disponibles du {v}.',
] as const;

export const MESSAGES_EN = [
  'Hi, is the {v} still available? Thanks.',
  "I'd like to book a test drive for the {v} this week.",
  "What's your best price on the {v}? I have a trade-in.",
  'Please call me back after 5 pm about the {v}.',
  'Looking for a {v} with winter tires included.',
] as const;

/** A few hostile messages: the record must show them inert (product.md, zone 5). */
export const HOSTILE_MESSAGES = [
  'Bonjour <img src=x onerror=alert(1)> je veux le {v}',
  'Voir ma demande ici : <a href="javascript:alert(1)">cliquez</a>',
  '<script>alert("poste")</script> Intéressé par le {v}',
  'Mon lien : javascript:alert(document.cookie) — merci de rappeler',
] as const;

export const SMS_OUT_BODIES = [
  'Bonjour {prenom}, ici {agent} de Poste Autos. Suite à votre demande, quand êtes-vous disponible pour en discuter?',
  "Bonjour {prenom}, le véhicule qui vous intéresse est toujours disponible. Voulez-vous passer l'essayer?",
  'Bonjour {prenom}, petit rappel de votre rendez-vous demain à {succursale}. À bientôt!',
] as const;

export const SMS_IN_BODIES = [
  'Oui je peux passer samedi matin',
  'Rappelez-moi après 17h svp',
  'Merci, je vais y penser',
  'Est-ce que vous prenez les échanges?',
  'Ok parfait',
  'Yes, tomorrow works for me',
  'Combien pour le modèle de base?',
] as const;

/** Default SMS templates (placeholders filled by the console). */
export const SMS_TEMPLATES: readonly { name: string; body: string }[] = [
  {
    name: 'Premier contact',
    body: 'Bonjour {prenom}, ici {agent} de la succursale {succursale}. Merci pour votre demande! Quand puis-je vous joindre pour en discuter?',
  },
  {
    name: 'Relance J2',
    body: "Bonjour {prenom}, c'est {agent}. Je voulais m'assurer que vous aviez reçu l'information sur le véhicule {stock}. Avez-vous des questions?",
  },
  {
    name: 'Confirmation RDV',
    body: 'Bonjour {prenom} {nom}, votre rendez-vous à {succursale} est confirmé. Demandez {agent} à votre arrivée. Stock : {stock}.',
  },
  {
    name: 'No-show',
    body: "Bonjour {prenom}, nous vous avons manqué aujourd'hui à {succursale}. Voulez-vous qu'on reprenne un rendez-vous? — {agent}",
  },
  {
    name: 'Suivi long terme',
    body: 'Bonjour {prenom}, ici {agent}. Les nouveaux modèles sont arrivés à {succursale}. Puis-je vous envoyer quelques options?',
  },
];

/** Default result choices (zone 10); `opens` starts a dialog when picked. */
export const RESULT_CHOICES: readonly {
  fr: string;
  en: string;
  status: string | null;
  opens: 'booking' | 'schedule_call' | null;
}[] = [
  { fr: 'Rejoint — RDV pris', en: 'Reached — appointment booked', status: 'appointment_booked', opens: 'booking' },
  { fr: 'Rejoint — à rappeler', en: 'Reached — call back', status: 'contacted', opens: 'schedule_call' },
  { fr: 'Rejoint — pas intéressé', en: 'Reached — not interested', status: 'contacted', opens: null },
  { fr: 'Message laissé', en: 'Message left', status: null, opens: null },
  { fr: 'Pas de réponse', en: 'No answer', status: null, opens: null },
  { fr: 'Mauvais numéro', en: 'Wrong number', status: null, opens: null },
  { fr: 'Déjà acheté', en: 'Already bought', status: 'lost_bdc', opens: null },
  { fr: 'Financement', en: 'Financing', status: null, opens: null },
];

/** The result labels, as stored on an OPP and in a `result` activity's note. */
export const RESULT_LABELS: readonly string[] = RESULT_CHOICES.map((c) => c.fr);

/** Lower-case ASCII of a name for an e-mail local part: "Côté-Tremblay" → "cote-tremblay". */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');
}
