import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newOpportunityType } from './new-opportunity-type';
import type { AgentSummary, InboundResult } from '../../../shared/ipc/dto';
import { formatPhone } from '../../../shared/phone/phone';
import type { PosteClient } from '../../app/client';
import { parseAction, type ParsedAction } from './parse-action';
import { PhoneUpForm } from './phone-up-form';
import { PROCEDURES } from './procedures';
import { useInboundStore, type InboundState } from './store';
import { formatCountdown, ruleWindow } from './window';
import './inbound.css';

interface ScreenPopProps {
  client: PosteClient;
  agents: readonly AgentSummary[];
  me: AgentSummary | null;
  language: 'fr' | 'en';
}

/**
 * The incoming-contact panel: who is calling, the verdict in words with its rule and the
 * procedure one click away, a live countdown where a window applies, and one button per
 * action of the verdict. Overriding the verdict needs a reason.
 */
export function ScreenPop(props: ScreenPopProps) {
  const callId = useInboundStore((s) => s.current?.callId);
  // One pop per contact: what the agent opened or typed (procedure, override reason,
  // e-mail) starts afresh with the next contact, without a second render to reset it.
  return callId === undefined ? null : <Pop key={callId} {...props} />;
}

function Pop(props: ScreenPopProps) {
  const state = useInboundStore();
  return state.current ? <PopView {...props} state={state} current={state.current} /> : null;
}

/** What the pop shows and does: the inbound store's state, or a stand-in (warm-up). */
export type PopState = Pick<
  InboundState,
  'waiting' | 'applied' | 'overridden' | 'busy' | 'error' | 'apply' | 'override' | 'checkEmail' | 'dismiss' | 'resume'
>;

interface PopViewProps extends ScreenPopProps {
  current: InboundResult;
  state: PopState;
}

/** The pop for one contact, from its state alone (no store): see {@link ScreenPop}. */
export function PopView({ client, agents, me, language, current, state }: PopViewProps) {
  const { t } = useTranslation('inbound');
  const { waiting, applied, overridden, busy, error, apply, override, checkEmail, dismiss, resume } = state;
  const [showProcedure, setShowProcedure] = useState(false);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const [email, setEmail] = useState('');
  const [now, setNow] = useState(() => new Date());

  const { verdict, record } = current;
  const nameOf = (id: string | null) => agents.find((a) => a.id === id)?.name ?? id ?? '—';
  const rule = verdict.rules[0] ?? '';
  const procedure = PROCEDURES[rule];
  const window = ruleWindow(verdict, record, now);
  // The pop re-renders each second only while a countdown runs (windows close, never open).
  const counting = window !== null;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, [counting]);
  const decisionTarget = verdict.transferTo ?? verdict.owner;
  const decisionLabel = t(`decision.${verdict.decision}`, {
    name: nameOf(decisionTarget),
    ...(verdict.decision === 'new_opportunity' ? { type: newOpportunityType(t, current.channel) } : {}),
  });
  const callerName = record ? `${record.client.firstName} ${record.client.lastName}` : t('unknownCaller');
  const actions = verdict.actions.map(parseAction).filter((a): a is ParsedAction => a !== null);
  const tag = record?.client.tag;

  return (
    <section className={`pop pop--${verdict.decision}`} aria-labelledby="pop-title" role="region">
      <header className="pop-head">
        <div>
          <div className="pop-kind">
            {t(`incoming.${current.channel}`)}
            {current.simulated && <span className="pop-sim">{t('simulated')}</span>}
          </div>
          <h2 id="pop-title" className="pop-caller">
            {callerName}
            {tag && <span className={`tag tag-${tag}`}>{t(`record:tags.${tag}`)}</span>}
          </h2>
          <div className="pop-number">{current.e164 ? formatPhone(current.e164) : current.number}</div>
          {current.candidates > 1 && <div className="pop-note">{t('households', { count: current.candidates })}</div>}
        </div>
        <button type="button" className="pop-close" onClick={dismiss} aria-label={t('close')}>
          ×
        </button>
      </header>

      <div className="pop-verdict" aria-label={t('verdict')}>
        <div className="pop-decision">{decisionLabel}</div>
        <p className="pop-explanation" lang={language === 'fr' ? 'fr-CA' : 'en-CA'}>
          {verdict.explanation[language]}
        </p>
        <div className="pop-rules">
          {verdict.rules.map((id) => (
            <span key={id} className="pop-rule">
              {t('rule', { id })}
            </span>
          ))}
          {procedure && (
            <button type="button" className="link" aria-expanded={showProcedure} onClick={() => setShowProcedure(!showProcedure)}>
              {showProcedure ? t('hideProcedure') : t('procedure')}
            </button>
          )}
        </div>
        {showProcedure && procedure && (
          <blockquote className="pop-procedure" lang="fr-CA">
            <p>{procedure.text}</p>
            <footer>{t('source', { source: procedure.source, title: procedure.title })}</footer>
          </blockquote>
        )}
        {window && (
          <div className="pop-countdown" role="timer" aria-live="off">
            {t(`window.${window.kind}`, { time: formatCountdown(Date.parse(window.until) - now.getTime()) })}
          </div>
        )}
      </div>

      <div className="pop-actions" role="group" aria-label={t('actions')}>
        {verdict.decision !== 'new_opportunity' && (
          <ActionButton
            label={t('action.apply_decision', { label: decisionLabel })}
            done={applied.includes(`decision:${verdict.decision}`)}
            disabled={busy || overridden}
            doneLabel={t('applied')}
            onClick={() => void apply(client, `decision:${verdict.decision}`)}
          />
        )}
        {actions.map((action) =>
          action.kind === 'keep_meeting_owner' ? (
            <p key={action.raw} className="pop-note">
              {t('action.keep_meeting_owner')}
            </p>
          ) : action.kind === 'ask_email' || action.kind === 'create_opportunity' ? null : (
            <ActionButton
              key={action.raw}
              label={actionLabel(action, t, me?.id ?? null, nameOf)}
              done={applied.includes(action.raw)}
              disabled={busy || overridden}
              doneLabel={t('applied')}
              onClick={() => void apply(client, action.raw)}
            />
          ),
        )}
      </div>

      {verdict.decision === 'new_opportunity' && !record && <PhoneUpForm client={client} me={me} channel={current.channel} />}
      {verdict.actions.includes('ask_email') && record && (
        <form
          className="pop-email"
          onSubmit={(event) => {
            event.preventDefault();
            void checkEmail(client, email);
          }}
        >
          <label>
            {t('email.label')}
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required maxLength={254} />
          </label>
          <button type="submit" disabled={busy}>
            {t('email.check')}
          </button>
        </form>
      )}

      {verdict.otherOpenFiles.length > 0 && (
        <div className="pop-files">
          <h3>{t('otherFiles')}</h3>
          <ul>
            {verdict.otherOpenFiles.map((file) => (
              <li key={file.opportunityId}>
                {t('otherFile', {
                  type: t(`record:leadTypes.${file.type}`),
                  department: t(`record:departments.${file.department}`),
                  status: t(`record:statuses.${file.status}`),
                })}
                {file.managerId && ` — ${nameOf(file.managerId)}`}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="pop-override">
        {overridden ? (
          <p className="pop-note">{t('overridden')}</p>
        ) : overriding ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void override(client, reason).then((ok) => ok && setOverriding(false));
            }}
          >
            <label>
              {t('overrideReason')}
              <textarea value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={500} rows={2} />
            </label>
            <div className="pop-row">
              <button type="submit" disabled={busy || reason.trim().length < 3}>
                {t('overrideSubmit')}
              </button>
              <button type="button" className="link" onClick={() => setOverriding(false)}>
                {t('cancel')}
              </button>
            </div>
          </form>
        ) : (
          <button type="button" className="link" onClick={() => setOverriding(true)}>
            {t('override')}
          </button>
        )}
      </div>
      {error && (
        <p className="pop-error" role="alert">
          {error}
        </p>
      )}
      {waiting.length > 0 && (
        <div className="pop-waiting" data-testid="pop-waiting">
          <span className="pop-note">{t('waiting', { count: waiting.length })}</span>
          {waiting.map((w) => {
            const who = w.record ? `${w.record.client.firstName} ${w.record.client.lastName}` : w.e164 ? formatPhone(w.e164) : w.number;
            return (
              <button key={w.callId} type="button" className="pop-resume" onClick={() => resume(w.callId)}>
                {t('resume', { name: who })}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}

function ActionButton(props: { label: string; done: boolean; disabled: boolean; doneLabel: string; onClick(): void }) {
  return (
    <button type="button" className={`pop-action${props.done ? ' is-done' : ''}`} disabled={props.disabled || props.done} onClick={props.onClick}>
      {props.label}
      {props.done && <span className="pop-done"> ✓ {props.doneLabel}</span>}
    </button>
  );
}

function actionLabel(
  action: ParsedAction,
  t: (key: string, options?: Record<string, unknown>) => string,
  me: string | null,
  nameOf: (id: string | null) => string,
): string {
  switch (action.kind) {
    case 'assign_opportunity':
      return action.agentId === me ? t('action.assign_opportunity_me') : t('action.assign_opportunity', { name: nameOf(action.agentId) });
    case 'assign_meeting':
      return action.agentId === me ? t('action.assign_meeting_me') : t('action.assign_meeting', { name: nameOf(action.agentId) });
    case 'tag_da':
      return t('action.tag_da', { name: nameOf(action.agentId) });
    case 'add_note':
      return t('action.add_note', { note: action.note });
    default:
      return t(`action.${action.kind}`);
  }
}
