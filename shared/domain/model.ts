/**
 * Domain vocabulary shared by the services, the rules engine and the UI. Ids are English;
 * French labels live in the translations (renderer/app/i18n).
 */

/** Pipeline statuses of an opportunity (003_d8e2eb06a7709910.txt). */
export const OPPORTUNITY_STATUSES = [
  'in_progress',
  'response_sent',
  'contacted',
  'lost_bdc',
  'invalid_bdc',
  'appointment_booked',
  'showed',
  'lost_showroom',
  'sold',
  'lost_fi',
  'sold_not_delivered',
  'delivered',
  'long_term',
  'expired',
] as const;
export type OpportunityStatus = (typeof OPPORTUNITY_STATUSES)[number];

/** Statuses that close a file (rules.md: open = none of these). */
export const CLOSED_STATUSES: readonly OpportunityStatus[] = [
  'lost_bdc',
  'invalid_bdc',
  'lost_showroom',
  'lost_fi',
  'delivered',
  'expired',
];

export function isOpenStatus(status: OpportunityStatus): boolean {
  return !CLOSED_STATUSES.includes(status);
}

/** ST-1: statuses that expire after 8 weeks. */
export const EXPIRING_STATUSES: readonly OpportunityStatus[] = ['in_progress', 'response_sent', 'contacted'];

export const LEAD_TYPES = ['internet', 'email', 'phone_up', 'chat', 'sms', 'financing'] as const;
export type LeadType = (typeof LEAD_TYPES)[number];

/**
 * The type of an OPP a contact opens on each channel (003 « Type : Lead Internet, Phone-Up,
 * Clavardage ou SMS »): a call opens a Phone-Up, a chat a Clavardage, a text an SMS.
 */
export const CHANNEL_LEAD_TYPE = { phone: 'phone_up', chat: 'chat', sms: 'sms' } as const satisfies Record<
  'phone' | 'chat' | 'sms',
  LeadType
>;

export const FINANCING_SOURCES = ['credsii_de', 'preapproval', 'dealertrack'] as const;
export type FinancingSource = (typeof FINANCING_SOURCES)[number];

export const DEPARTMENTS = ['bdc', 'financing', 'service'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Priority tags (balises), highest first. */
export const TAGS = ['platine', 'or', 'argent', 'bronze'] as const;
export type Tag = (typeof TAGS)[number];
export function tagRank(tag: Tag): number {
  return TAGS.indexOf(tag);
}

export const AGENT_ROLES = ['agent', 'da', 'analyst', 'supervisor'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export const PRESENCES = ['available', 'on_call', 'break', 'offline'] as const;
export type Presence = (typeof PRESENCES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PHONE_KINDS = ['mobile', 'home', 'work'] as const;
export type PhoneKind = (typeof PHONE_KINDS)[number];

export const MEETING_STATUSES = ['planned', 'no_show', 'showed', 'cancelled'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

/** MT-1: what a meeting is about, which composes its subject. */
export const MEETING_KINDS = ['inventory', 'stock', 'deposit', 'virtual', 'transfer'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * Activity kinds. The first eight are the ones the rules engine reads (rules.md); the rest
 * are the console's own history lines (status and ownership changes, DA work, overrides).
 */
export const ACTIVITY_KINDS = [
  'call',
  'blead_call',
  'sms',
  'email',
  'redirect',
  'result',
  'follow_up',
  'note',
  'status_change',
  'assignment',
  'tag_da',
  'invalidate',
  'cancel_meeting',
  'booking',
  'opportunity_created',
  'verdict_override',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const RULE_ACTIVITY_KINDS = [
  'call',
  'blead_call',
  'sms',
  'email',
  'redirect',
  'result',
  'follow_up',
  'note',
] as const satisfies readonly ActivityKind[];

export const TEXT_DIRECTIONS = ['in', 'out'] as const;
export type TextDirection = (typeof TEXT_DIRECTIONS)[number];

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];
