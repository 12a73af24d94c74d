import type { i18n as I18n } from 'i18next';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { AgentSummary, ContactRecord, InboundResult } from '../../shared/ipc/dto';
import { PopView, type PopState } from '../features/inbound/screen-pop';
import { VerdictBadge } from '../features/inbound/verdict-badge';
import type { RecordContext } from '../features/record/actions';
import { RecordZones } from '../features/record/record-zones';
import { afterPaint } from './after-paint';
import type { PosteClient } from './client';
import type { Language } from './i18n';

/**
 * The first ring of a session used to cost ten times the others: the pop's and the record's
 * code compiled on the spot, their fonts matched one by one (each a round trip to the
 * browser process on Linux), their formatters built. This renders a stand-in pop and record
 * once, out of sight, while the console is idle after start, then throws them away.
 *
 * They live in a closed shadow root with a copy of the page's styles: laid out with the same
 * fonts as the real thing, yet invisible to the page's queries, to assistive technology and
 * to anything that looks for `.pop` or a zone.
 */
interface WarmUpOptions {
  client: PosteClient;
  i18n: I18n;
  language: Language;
  agents: readonly AgentSummary[];
  me: AgentSummary | null;
}

export function warmUpRingPath(options: WarmUpOptions): () => void {
  let cancelled = false;
  let cleanup = (): void => undefined;
  const start = (): void => {
    if (cancelled) return;
    cleanup = render(options);
  };
  const idle = typeof requestIdleCallback === 'function' ? requestIdleCallback(start, { timeout: 2000 }) : null;
  const timer = idle === null ? setTimeout(start, 500) : undefined;
  return () => {
    cancelled = true;
    if (idle !== null) cancelIdleCallback(idle);
    clearTimeout(timer);
    cleanup();
  };
}

function render({ client, i18n, language, agents, me }: WarmUpOptions): () => void {
  const host = document.createElement('div');
  host.setAttribute('aria-hidden', 'true');
  host.inert = true;
  host.style.cssText =
    'position:fixed;left:-10000px;top:0;width:1100px;height:1400px;visibility:hidden;pointer-events:none;overflow:hidden';
  const shadow = host.attachShadow({ mode: 'closed' });
  shadow.adoptedStyleSheets = copyOfPageStyles();
  const container = document.createElement('div');
  shadow.append(container);
  document.body.append(host);

  const result = standInResult(me?.id ?? 'agent');
  const record = result.record as ContactRecord;
  const context: RecordContext = { registered: true, hasCallbackDevice: false, smsRouteSet: false, language };
  const noop = async (): Promise<void> => undefined;
  const state: PopState = {
    waiting: [],
    applied: [],
    overridden: false,
    busy: false,
    error: null,
    apply: noop,
    override: async () => false,
    checkEmail: noop,
    dismiss: () => undefined,
    resume: () => undefined,
  };
  const root = createRoot(container);
  root.render(
    <I18nextProvider i18n={i18n}>
      <div className="shell-main">
        <PopView client={client} agents={agents} me={me} language={language} current={result} state={state} />
        <article className="rec-view" lang={language}>
          <div className="rec-grid">
            <RecordZones
              record={record}
              language={language}
              context={context}
              verdict={<VerdictBadge verdict={result.verdict} agents={agents} />}
            />
          </div>
        </article>
      </div>
    </I18nextProvider>,
  );
  // The record's lower zones come one frame after its top (RecordZones): wait for both.
  let cancelNext = (): void => undefined;
  const cancelFirst = afterPaint(() => {
    cancelNext = afterPaint(() => dispose());
  });
  let disposed = false;
  function dispose(): void {
    if (disposed) return;
    disposed = true;
    cancelFirst();
    cancelNext();
    root.unmount();
    host.remove();
  }
  return dispose;
}

/** The page's style rules, as sheets a shadow root can adopt (same fonts, same layout). */
function copyOfPageStyles(): CSSStyleSheet[] {
  const sheets: CSSStyleSheet[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      const copy = new CSSStyleSheet();
      copy.replaceSync(Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n'));
      sheets.push(copy);
    } catch {
      // A sheet we may not read (another origin) is simply not warmed.
    }
  }
  return sheets;
}

/** A plausible contact of every kind of line the pop and the record show. */
function standInResult(agentId: string): InboundResult {
  const at = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString();
  const activity = (
    id: string,
    kind: ContactRecord['activities'][number]['kind'],
    days: number,
    note: string | null = null,
  ) => ({
    id,
    at: at(days),
    kind,
    agentId,
    agentName: 'Agent',
    opportunityId: 'warm-o1',
    meetingId: null,
    note,
    data: null,
  });
  const record: ContactRecord = {
    client: {
      id: 'warm-c1',
      firstName: 'Prénom',
      lastName: 'Nom',
      language: 'fr',
      cre: 'CRE-0',
      tag: 'or',
      createdAt: at(30),
    },
    phones: [
      { id: 'warm-p1', e164: '+15145550100', national: '(514) 555-0100', kind: 'mobile', smsCapable: true },
      { id: 'warm-p2', e164: '+14505550100', national: '(450) 555-0100', kind: 'home', smsCapable: false },
    ],
    emails: [{ id: 'warm-e1', email: 'client@example.com' }],
    primaryOpportunityId: 'warm-o1',
    opportunities: [
      {
        id: 'warm-o1',
        type: 'internet',
        financingSource: null,
        provider: 'Fournisseur',
        department: 'bdc',
        status: 'in_progress',
        tag: 'or',
        managerId: agentId,
        managerName: 'Agent',
        handledBy: null,
        handledByName: null,
        handledAt: null,
        collaboratorId: null,
        collaboratorName: null,
        message: 'Message du client',
        vehicle: { year: 2025, make: 'Marque', model: 'Modèle', trim: null, stock: 'S0', vin: null },
        tradeIn: null,
        result: null,
        createdAt: at(3),
        expiresAt: at(-50),
      },
    ],
    meetings: [
      {
        id: 'warm-m1',
        opportunityId: 'warm-o1',
        subject: 'Rendez-vous',
        kind: 'inventory',
        at: at(-2),
        status: 'planned',
        branch: null,
        language: 'fr',
        bookedBy: agentId,
        bookedByName: 'Agent',
        deposit: false,
        depositMethod: null,
        docusign: null,
        transfer: false,
        virtualDevice: null,
        salesRep: null,
      },
    ],
    activities: [
      activity('warm-a1', 'call', 1),
      activity('warm-a2', 'note', 2, 'Note'),
      activity('warm-a3', 'email', 2),
      activity('warm-a4', 'sms', 3),
      activity('warm-a5', 'status_change', 3),
      activity('warm-a6', 'opportunity_created', 3),
    ],
    texts: [
      { id: 'warm-t1', at: at(2), direction: 'in', agentName: null, body: 'Bonjour', templateName: null },
      { id: 'warm-t2', at: at(1), direction: 'out', agentName: 'Agent', body: 'Bonjour!', templateName: 'Modèle' },
    ],
    calls: [
      {
        id: 'warm-k1',
        direction: 'inbound',
        remoteNumber: '+15145550100',
        agentName: 'Agent',
        startedAt: at(1),
        answeredAt: at(1),
        endedAt: at(1),
        durationS: 60,
        hangupCause: 'remote_hangup',
        simulated: false,
        verdictApplied: null,
      },
    ],
  };
  return {
    callId: 'warm-call',
    channel: 'phone',
    number: '+15145550100',
    e164: '+15145550100',
    simulated: false,
    receivedAt: at(0),
    clientId: record.client.id,
    candidates: 1,
    record,
    verdict: {
      decision: 'keep',
      transferTo: null,
      owner: agentId,
      opportunityId: 'warm-o1',
      reservedUntil: null,
      actions: [`assign_opportunity:warm-o1:${agentId}`],
      otherOpenFiles: [],
      rules: ['PU-2'],
      explanation: { fr: 'Explication', en: 'Explanation' },
    },
  };
}
