import type { ActivityDto, ContactRecord, OpportunityDto } from '../../../shared/ipc/dto';

/**
 * Test data for the record's pure parts (not imported by the app): Marie Gagnon, an
 * internet lead of Julie Tremblay's, as the cache would return her.
 */
export function makeOpportunity(overrides: Partial<OpportunityDto> = {}): OpportunityDto {
  return {
    id: 'o1',
    type: 'internet',
    financingSource: null,
    provider: 'AutoHebdo',
    department: 'bdc',
    status: 'in_progress',
    tag: 'or',
    managerId: 'julie',
    managerName: 'Julie Tremblay',
    handledBy: null,
    handledByName: null,
    handledAt: null,
    collaboratorId: null,
    collaboratorName: null,
    message: null,
    vehicle: null,
    tradeIn: null,
    result: null,
    createdAt: '2026-03-09T10:00:00-04:00',
    expiresAt: '2026-05-04T10:00:00-04:00',
    ...overrides,
  };
}

export function makeActivity(overrides: Partial<ActivityDto> = {}): ActivityDto {
  return {
    id: 'a1',
    at: '2026-03-10T14:05:00-04:00',
    kind: 'call',
    agentId: 'julie',
    agentName: 'Julie Tremblay',
    opportunityId: 'o1',
    meetingId: null,
    note: null,
    data: null,
    ...overrides,
  };
}

export function makeRecord(overrides: Partial<ContactRecord> = {}): ContactRecord {
  return {
    client: {
      id: 'c1',
      firstName: 'Marie',
      lastName: 'Gagnon',
      language: 'fr',
      cre: null,
      tag: 'or',
      createdAt: '2026-03-09T10:00:00-04:00',
    },
    phones: [{ id: 'p1', e164: '+15145550199', national: '(514) 555-0199', kind: 'mobile', smsCapable: true }],
    emails: [{ id: 'e1', email: 'marie.gagnon@example.com' }],
    primaryOpportunityId: 'o1',
    opportunities: [makeOpportunity()],
    meetings: [],
    activities: [],
    texts: [],
    calls: [],
    ...overrides,
  };
}
