/**
 * The demo's call centre: twelve agents with Québec names, their weekly shifts and the
 * presence they show when on shift. A few are built so the scenario numbers give the same
 * verdict whatever time the demo is generated (see `scenarios.ts`):
 * - `marc` works 7 h–23 h every day and is available: the console's default agent;
 * - `julie` is on shift around the clock and on a call (a busy owner, PU-1b, CB-3, NS-1);
 * - `alex` is on shift around the clock and available (a reachable owner, PU-1a, CB-1);
 * - `luc` has no shift at all and is offline (an absent owner, CB-1, NL-1b, PU-1c).
 */
import type { AgentRole, Presence } from '../../../shared/domain/model';

export interface DemoShift {
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: readonly number[];
  /** Local hours, end exclusive; 24 = midnight. */
  from: number;
  to: number;
}

export interface DemoAgent {
  id: string;
  first: string;
  last: string;
  role: AgentRole;
  extension: string;
  /** Presence while on shift; off shift the agent is offline. */
  presence: Exclude<Presence, 'offline'> | 'offline';
  shifts: readonly DemoShift[];
  /** Takes random BDC leads (agents, the DA now and then). */
  managesLeads: boolean;
}

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const WEEKDAYS = [1, 2, 3, 4, 5];

export const DEMO_AGENTS: readonly DemoAgent[] = [
  {
    id: 'marc',
    first: 'Marc',
    last: 'Gagnon',
    role: 'agent',
    extension: '201',
    presence: 'available',
    shifts: [{ weekdays: EVERY_DAY, from: 7, to: 23 }],
    managesLeads: true,
  },
  {
    id: 'julie',
    first: 'Julie',
    last: 'Tremblay',
    role: 'agent',
    extension: '202',
    presence: 'on_call',
    shifts: [{ weekdays: EVERY_DAY, from: 0, to: 24 }],
    managesLeads: true,
  },
  {
    id: 'sophie',
    first: 'Sophie',
    last: 'Roy',
    role: 'da',
    extension: '203',
    presence: 'available',
    shifts: [
      { weekdays: WEEKDAYS, from: 8, to: 17 },
      { weekdays: [6], from: 9, to: 15 },
    ],
    managesLeads: false,
  },
  {
    id: 'kevin',
    first: 'Kevin',
    last: "O'Brien",
    role: 'agent',
    extension: '204',
    presence: 'on_call',
    shifts: [{ weekdays: WEEKDAYS, from: 8, to: 17 }],
    managesLeads: true,
  },
  {
    id: 'isabelle',
    first: 'Isabelle',
    last: 'Côté',
    role: 'analyst',
    extension: '205',
    presence: 'available',
    shifts: [{ weekdays: WEEKDAYS, from: 9, to: 17 }],
    managesLeads: false,
  },
  {
    id: 'francois',
    first: 'François',
    last: 'Bélanger',
    role: 'supervisor',
    extension: '206',
    presence: 'available',
    shifts: [{ weekdays: WEEKDAYS, from: 8, to: 18 }],
    managesLeads: false,
  },
  {
    id: 'nadia',
    first: 'Nadia',
    last: 'Lévesque',
    role: 'agent',
    extension: '207',
    presence: 'break',
    shifts: [
      { weekdays: WEEKDAYS, from: 12, to: 21 },
      { weekdays: [6], from: 9, to: 17 },
    ],
    managesLeads: true,
  },
  {
    id: 'luc',
    first: 'Luc',
    last: 'Bergeron',
    role: 'agent',
    extension: '208',
    presence: 'offline',
    shifts: [],
    managesLeads: true,
  },
  {
    id: 'emily',
    first: 'Emily',
    last: 'Smith',
    role: 'agent',
    extension: '209',
    presence: 'available',
    shifts: [{ weekdays: WEEKDAYS, from: 8, to: 17 }],
    managesLeads: true,
  },
  {
    id: 'alex',
    first: 'Alexandre',
    last: 'Pelletier',
    role: 'agent',
    extension: '210',
    presence: 'available',
    shifts: [{ weekdays: EVERY_DAY, from: 0, to: 24 }],
    managesLeads: true,
  },
  {
    id: 'genevieve',
    first: 'Geneviève',
    last: 'Fortin',
    role: 'agent',
    extension: '211',
    presence: 'available',
    shifts: [{ weekdays: [2, 3, 4, 5, 6], from: 12, to: 21 }],
    managesLeads: true,
  },
  {
    id: 'olivier',
    first: 'Olivier',
    last: 'Gauthier',
    role: 'agent',
    extension: '212',
    presence: 'break',
    shifts: [
      { weekdays: [0, 6], from: 9, to: 17 },
      { weekdays: [1], from: 12, to: 21 },
    ],
    managesLeads: true,
  },
];

/** The console's default agent. */
export const DEMO_DEFAULT_AGENT = 'marc';

export function agentName(agent: DemoAgent): string {
  return `${agent.first} ${agent.last}`;
}

/** `prenom.nom@poste-demo.ca`, lower-case ASCII. */
export function agentEmail(agent: DemoAgent): string {
  const ascii = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '');
  return `${ascii(agent.first)}.${ascii(agent.last)}@poste-demo.ca`;
}

/** Whether the agent's weekly schedule covers a local weekday and minute. */
export function coversLocal(agent: DemoAgent, weekday: number, minute: number): boolean {
  return agent.shifts.some((s) => s.weekdays.includes(weekday) && s.from * 60 <= minute && minute < s.to * 60);
}
