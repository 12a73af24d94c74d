import { EXPIRING_STATUSES, isOpenStatus, type Tag } from '../../../shared/domain/model';
import type { ContactRecord, OpportunityDto } from '../../../shared/ipc/dto';
import { formatPhone } from '../../../shared/phone/phone';
import type { ClientBundle, OpportunityRow } from '../db/repos/contacts';
import { bool } from '../db/sql';

const EIGHT_WEEKS_MS = 8 * 7 * 24 * 3600 * 1000;

function parseData(data: string | null): Record<string, unknown> | null {
  if (!data) return null;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function toOpportunity(o: OpportunityRow): OpportunityDto {
  const hasVehicle = o.vehicle_make || o.vehicle_model || o.vehicle_stock || o.vehicle_vin;
  return {
    id: o.id,
    type: o.type,
    financingSource: o.financing_source,
    provider: o.provider,
    department: o.department,
    status: o.status,
    tag: o.tag,
    managerId: o.manager_id,
    managerName: o.manager_name,
    handledBy: o.handled_by,
    handledByName: o.handled_by_name,
    handledAt: o.handled_at,
    collaboratorId: o.collaborator_id,
    collaboratorName: o.collaborator_name,
    message: o.message,
    vehicle: hasVehicle
      ? {
          year: o.vehicle_year,
          make: o.vehicle_make,
          model: o.vehicle_model,
          trim: o.vehicle_trim,
          stock: o.vehicle_stock,
          vin: o.vehicle_vin,
        }
      : null,
    tradeIn: o.trade_in,
    result: o.result_label && o.result_at ? { label: o.result_label, at: o.result_at, byName: o.result_by_name } : null,
    createdAt: o.created_at,
    // ST-1: "Date de plus de 8 semaines, pour les statuts : En traitement, réponse envoyée, contacté."
    expiresAt: EXPIRING_STATUSES.includes(o.status)
      ? new Date(Date.parse(o.created_at) + EIGHT_WEEKS_MS).toISOString()
      : null,
  };
}

/**
 * The OPP a record is about: the client's most recent open BDC opportunity (rules.md "the
 * OPP"), else the most recent open one, else the most recent that is not invalid (INV-0).
 */
export function primaryOpportunity<T extends { department: string; status: OpportunityRow['status']; created_at?: string }>(
  opportunities: readonly T[],
): T | undefined {
  const visible = opportunities.filter((o) => o.status !== 'invalid_bdc');
  return (
    visible.find((o) => o.department === 'bdc' && isOpenStatus(o.status)) ??
    visible.find((o) => isOpenStatus(o.status)) ??
    visible[0]
  );
}

/** Builds the 12-zone record from what the cache read (opportunities newest first). */
export function toContactRecord(bundle: ClientBundle): ContactRecord {
  const primary = primaryOpportunity(bundle.opportunities);
  const tag: Tag = primary?.tag ?? 'bronze';
  return {
    client: {
      id: bundle.client.id,
      firstName: bundle.client.first_name,
      lastName: bundle.client.last_name,
      language: bundle.client.language,
      cre: bundle.client.cre,
      tag,
      createdAt: bundle.client.created_at,
    },
    phones: bundle.phones.map((p) => ({
      id: p.id,
      e164: p.e164,
      national: formatPhone(p.e164),
      kind: p.kind,
      smsCapable: bool(p.sms_capable),
    })),
    emails: bundle.emails,
    primaryOpportunityId: primary?.id ?? null,
    opportunities: bundle.opportunities.map(toOpportunity),
    meetings: bundle.meetings.map((m) => ({
      id: m.id,
      opportunityId: m.opportunity_id,
      subject: m.subject,
      kind: m.kind,
      at: m.at,
      status: m.status,
      branch: m.branch,
      language: m.language,
      bookedBy: m.booked_by,
      bookedByName: m.booked_by_name,
      deposit: bool(m.deposit),
      depositMethod: m.deposit_method,
      docusign: m.docusign,
      transfer: bool(m.transfer),
      virtualDevice: m.virtual_device,
      salesRep: m.sales_rep,
    })),
    activities: bundle.activities.map((a) => ({
      id: a.id,
      at: a.at,
      kind: a.kind,
      agentId: a.agent_id,
      agentName: a.agent_name,
      opportunityId: a.opportunity_id,
      meetingId: a.meeting_id,
      note: a.note,
      data: parseData(a.data),
    })),
    texts: bundle.texts.map((t) => ({
      id: t.id,
      at: t.at,
      direction: t.direction,
      agentName: t.agent_name,
      body: t.body,
      templateName: t.template_name,
    })),
    calls: bundle.calls.map((c) => ({
      id: c.id,
      direction: c.direction,
      remoteNumber: c.remote_number,
      agentName: c.agent_name,
      startedAt: c.started_at,
      answeredAt: c.answered_at,
      endedAt: c.ended_at,
      durationS: c.duration_s,
      hangupCause: c.hangup_cause,
      simulated: bool(c.simulated),
      verdictApplied: c.verdict_applied,
    })),
  };
}
