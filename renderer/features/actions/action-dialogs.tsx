import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSummary, ContactRecord } from '../../../shared/ipc/dto';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { countSms, placeholdersLeft } from '../../../shared/work/sms-text';
import type { PosteClient } from '../../app/client';
import { useAppStore } from '../../app/store';
import { BookingDialog } from '../booking/booking-dialog';
import { AnalystDialog } from '../followups/analyst-handoff';
import { formatDuration } from '../record/format';
import { softphoneStore, useSoftphone } from '../softphone/store';
import { ModalFrame } from '../../app/modal-frame';
import { MailLink } from './mail-link';
import { phoneOption } from './phone-option';
import { saveResult } from './result-flow';
import { sipFailureOf, type SipFailure } from '../softphone/failure';
import { sipFailureText } from './sip-failure';
import { callbackFirstAction, useActionsStore } from './store';
import './actions.css';

interface Props {
  client: PosteClient;
  record: ContactRecord;
  onClose: () => void;
}

function errorOf(result: { ok: false; error: { message: string } }): string {
  return result.error.message;
}

/**
 * Renders whichever zone 9 dialog is open (`useActionsStore.open`), and listens for
 * incoming texts while mounted. Mount once, beside the record view.
 */
export function ActionDialogs({ client }: { client: PosteClient }) {
  const open = useActionsStore((s) => s.open);
  const close = useActionsStore((s) => s.close);
  const watchTexts = useActionsStore((s) => s.watchTexts);
  useEffect(() => watchTexts(client), [client, watchTexts]);
  return (
    <>
      <TextNotices />
      {open ? (
        <Dialog
          key={`${open.action}-${open.record.client.id}`}
          client={client}
          action={open.action}
          record={open.record}
          resultChoiceId={open.resultChoiceId ?? null}
          onClose={close}
        />
      ) : null}
    </>
  );
}

function Dialog({ action, resultChoiceId, ...props }: Props & { action: string; resultChoiceId: string | null }) {
  switch (action) {
    case 'call':
      return <CallDialog {...props} />;
    case 'blead':
      return <BleadDialog {...props} />;
    case 'sms':
      return <SmsDialog {...props} />;
    case 'email':
      return <EmailDialog {...props} />;
    case 'redirect':
      return <RedirectDialog {...props} />;
    case 'result':
      return <ResultDialog {...props} />;
    case 'booking':
      return <BookingDialog {...props} resultChoiceId={resultChoiceId} />;
    case 'analysts':
      return <AnalystDialog {...props} />;
    default:
      return null;
  }
}

function TextNotices() {
  const { t } = useTranslation('actions');
  const texts = useActionsStore((s) => s.texts);
  const dismiss = useActionsStore((s) => s.dismissText);
  if (texts.length === 0) return null;
  return (
    <div className="act-texts" role="log" aria-live="polite">
      {texts.map((n) => (
        <p key={n.id} className="act-text">
          {t(n.clientId ? 'smsIn' : 'smsInUnknown', { from: n.from, body: n.body })}
          <button type="button" className="act-close" aria-label={t('close')} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </p>
      ))}
    </div>
  );
}

function PhonePicker({
  phones,
  value,
  onChange,
  label,
}: {
  phones: { e164: string; national: string; kind: string }[];
  value: string;
  onChange: (v: string) => void;
  label: string;
}) {
  const { t } = useTranslation('actions');
  return (
    <label className="act-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {phones.map((p) => (
          <option key={p.e164} value={p.e164}>
            {phoneOption(t, p)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Said inside a dialog opened while registered when the softphone loses its server. */
function NotRegistered({ registered }: { registered: boolean }) {
  const { t } = useTranslation('actions');
  return registered ? null : (
    <p className="act-warn" role="status">
      {t('notRegistered')}
    </p>
  );
}

function CallDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('actions');
  const [e164, setE164] = useState(record.phones[0]?.e164 ?? '');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<{ text: string; detail?: string } | null>(null);
  const registered = useSoftphone((s) => s.registration.state === 'registered');
  const dial = async () => {
    setError(null);
    const engineCallId = await softphoneStore.getState().actions.call(e164);
    if (!engineCallId) {
      const failure = sipFailureOf(softphoneStore.getState().lastError);
      setError({ text: t('callFailed', { reason: sipFailureText(t, failure) }), detail: failure.detail });
      return;
    }
    const placed = await client.tryCall('work:callPlaced', {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      e164,
    });
    if (!placed.ok) {
      setError({ text: t('error', { message: errorOf(placed) }) });
      return;
    }
    useActionsStore.getState().trackCall(client, engineCallId, placed.value.activityId);
    setMessage(t('callPlaced', { number: record.phones.find((p) => p.e164 === e164)?.national ?? e164 }));
  };
  return (
    <ModalFrame title={t('title.call')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <PhonePicker phones={record.phones} value={e164} onChange={setE164} label={t('contactNumber')} />
        <NotRegistered registered={registered} />
        <button
          type="button"
          className="act-primary"
          disabled={!e164 || message !== null || !registered}
          onClick={() => void dial()}
        >
          {t('dial')}
        </button>
        {message && <p role="status">{message}</p>}
        {error && (
          <p role="alert" className="act-error" title={error.detail || undefined}>
            {error.text}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}

function BleadDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('actions');
  const [settings, setSettings] = useState<ResponseOf<'settings:get'>['settings'] | null>(null);
  const [deviceId, setDeviceId] = useState('');
  const [e164, setE164] = useState(record.phones[0]?.e164 ?? '');
  const [state, setState] = useState<{ kind: 'idle' | 'running' | 'done' | 'error'; text?: string; detail?: string }>({
    kind: 'idle',
  });
  const registered = useSoftphone((s) => s.registration.state === 'registered');
  useEffect(() => {
    void client.tryCall('settings:get', {}).then((r) => {
      if (!r.ok) return;
      setSettings(r.value.settings);
      setDeviceId(r.value.settings.callbackDevices[0]?.id ?? '');
    });
  }, [client]);
  const start = async () => {
    const device = settings?.callbackDevices.find((d) => d.id === deviceId);
    const callbackFirst = callbackFirstAction();
    if (!device || !settings) return;
    if (!callbackFirst) {
      setState({ kind: 'error', text: t('bleadUnavailable') });
      return;
    }
    setState({ kind: 'running', text: t('bleadRinging', { seconds: settings.bleadRingTimeoutS }) });
    const result = await callbackFirst(device.target, e164, { ringTimeoutMs: settings.bleadRingTimeoutS * 1000 });
    if (result.outcome === 'device_unanswered') setState({ kind: 'done', text: t('bleadDeviceUnanswered') });
    else if (result.outcome === 'contact_unanswered') setState({ kind: 'done', text: t('bleadContactUnanswered') });
    else if (result.outcome === 'failed') {
      const failure: SipFailure = sipFailureOf(result.reason);
      setState({
        kind: 'error',
        text: t('bleadFailed', { reason: sipFailureText(t, failure) }),
        detail: failure.detail,
      });
    } else {
      const durationS = result.durationS ?? 0;
      const done = await client.tryCall('work:bleadCompleted', {
        clientId: record.client.id,
        opportunityId: record.primaryOpportunityId,
        e164,
        deviceId,
        durationS,
      });
      setState(
        done.ok
          ? { kind: 'done', text: t('bleadCompleted', { duration: formatDuration(durationS) }) }
          : { kind: 'error', text: t('error', { message: errorOf(done) }) },
      );
    }
  };
  return (
    <ModalFrame title={t('title.blead')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <label className="act-field">
          <span>{t('yourDevice')}</span>
          <select value={deviceId} onChange={(e) => setDeviceId(e.target.value)}>
            {(settings?.callbackDevices ?? []).map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <PhonePicker phones={record.phones} value={e164} onChange={setE164} label={t('contactNumber')} />
        <NotRegistered registered={registered} />
        <button
          type="button"
          className="act-primary"
          disabled={!deviceId || !e164 || state.kind === 'running' || !registered}
          onClick={() => void start()}
        >
          {t('startBlead')}
        </button>
        {state.text && (
          <p
            role={state.kind === 'error' ? 'alert' : 'status'}
            className={state.kind === 'error' ? 'act-error' : undefined}
            title={state.detail || undefined}
          >
            {state.text}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}

function SmsDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('actions');
  const [data, setData] = useState<ResponseOf<'work:smsTemplates'> | null>(null);
  const [templateId, setTemplateId] = useState('');
  const [body, setBody] = useState('');
  const [e164, setE164] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string; detail?: string } | null>(null);
  const registered = useSoftphone((s) => s.registration.state === 'registered');
  useEffect(() => {
    void client.tryCall('work:smsTemplates', { clientId: record.client.id }).then((r) => {
      if (!r.ok) {
        setStatus({ ok: false, text: t('error', { message: errorOf(r) }) });
        return;
      }
      setData(r.value);
      setE164(r.value.numbers[0]?.e164 ?? '');
    });
  }, [client, record.client.id, t]);
  const template = data?.templates.find((x) => x.id === templateId) ?? null;
  const count = useMemo(() => countSms(body), [body]);
  // A `{mot}` still in the text would reach the client raw: it is flagged and blocks the send.
  const left = useMemo(() => placeholdersLeft(body), [body]);
  const send = async () => {
    if (!data?.smsDomain) return;
    setBusy(true);
    setStatus(null);
    const sent = await softphoneStore.getState().actions.sendMessage(`sip:${e164}@${data.smsDomain}`, body);
    if (!sent.ok) {
      const failure = sipFailureOf(sent.reason, sent.statusCode);
      setStatus({ ok: false, text: t('smsFailed', { reason: sipFailureText(t, failure) }), detail: failure.detail });
      setBusy(false);
      return;
    }
    const written = await client.tryCall('work:smsSent', {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      e164,
      body,
      templateName: template?.name ?? null,
    });
    setStatus(
      written.ok ? { ok: true, text: t('smsSent') } : { ok: false, text: t('error', { message: errorOf(written) }) },
    );
    setBusy(false);
  };
  return (
    <ModalFrame title={t('title.sms')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <PhonePicker phones={data?.numbers ?? []} value={e164} onChange={setE164} label={t('contactNumber')} />
        <label className="act-field">
          <span>{t('template')}</span>
          <select
            value={templateId}
            onChange={(e) => {
              setTemplateId(e.target.value);
              setBody(data?.templates.find((x) => x.id === e.target.value)?.filled ?? '');
            }}
          >
            <option value="">{t('blankTemplate')}</option>
            {(data?.templates ?? []).map((x) => (
              <option key={x.id} value={x.id}>
                {x.name}
              </option>
            ))}
          </select>
        </label>
        {template && template.missing.length > 0 && (
          <p className="act-warn">{t('missing', { list: template.missing.join(', ') })}</p>
        )}
        <label className="act-field">
          <span>{t('message')}</span>
          <textarea rows={5} value={body} maxLength={1600} onChange={(e) => setBody(e.target.value)} />
        </label>
        {left.length > 0 && (
          <p className="act-warn" role="alert">
            {t('unfilled', { list: left.join(', ') })}
          </p>
        )}
        <p className="act-counter" aria-live="polite">
          {t('counter', {
            units: count.units,
            segments: count.segments,
            encoding: count.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
          })}
        </p>
        <NotRegistered registered={registered} />
        <button
          type="button"
          className="act-primary"
          disabled={
            busy ||
            !e164 ||
            body.trim() === '' ||
            !data?.smsDomain ||
            status?.ok === true ||
            !registered ||
            left.length > 0
          }
          onClick={() => void send()}
        >
          {busy ? t('sending') : t('send')}
        </button>
        {status && (
          <p
            role={status.ok ? 'status' : 'alert'}
            className={status.ok ? undefined : 'act-error'}
            title={status.detail || undefined}
          >
            {status.text}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}

function EmailDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('actions');
  const [email, setEmail] = useState(record.emails[0]?.email ?? '');
  const [error, setError] = useState<string | null>(null);
  const lastMailto = useActionsStore((s) => s.lastMailto);
  const openMail = async () => {
    setError(null);
    const r = await client.tryCall('work:emailOpened', {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      email,
    });
    if (!r.ok) setError(errorOf(r));
    else useActionsStore.getState().openMailto(client, r.value.mailto);
  };
  return (
    <ModalFrame title={t('title.email')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <label className="act-field">
          <span>{t('email')}</span>
          <select value={email} onChange={(e) => setEmail(e.target.value)}>
            {record.emails.map((e) => (
              <option key={e.id} value={e.email}>
                {e.email}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="act-primary"
          disabled={!email || lastMailto !== null}
          onClick={() => void openMail()}
        >
          {t('openMail')}
        </button>
        <MailLink mailto={lastMailto} text={t('mailOpened')} label={t('mailLink')} />
        {error && (
          <p role="alert" className="act-error">
            {t('error', { message: error })}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}

const OTHER = '__other__';

function RedirectDialog({ client, record, onClose }: Props) {
  const { t } = useTranslation('actions');
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [choice, setChoice] = useState('');
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lastMailto = useActionsStore((s) => s.lastMailto);
  const me = useAppStore((s) => s.info?.agent?.id ?? null);
  useEffect(() => {
    void client.tryCall('agents:list', {}).then((r) => {
      if (!r.ok) return;
      // A colleague: the agent does not redirect a client to himself.
      const colleagues = r.value.filter((a) => a.id !== me);
      setAgents(colleagues);
      // The first colleague is only a default: a choice made while the list loads stands.
      setChoice((current) => current || (colleagues[0]?.id ?? OTHER));
    });
  }, [client, me]);
  const send = async () => {
    setError(null);
    const recipient = choice === OTHER ? { email: address } : { agentId: choice };
    const r = await client.tryCall('work:redirect', {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      recipient,
    });
    if (!r.ok) setError(errorOf(r));
    else useActionsStore.getState().openMailto(client, r.value.mailto);
  };
  return (
    <ModalFrame title={t('title.redirect')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <label className="act-field">
          <span>{t('recipient')}</span>
          <select value={choice} onChange={(e) => setChoice(e.target.value)}>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
            <option value={OTHER}>{t('other')}</option>
          </select>
        </label>
        {choice === OTHER && (
          <label className="act-field">
            <span>{t('otherAddress')}</span>
            <input type="email" value={address} onChange={(e) => setAddress(e.target.value)} />
          </label>
        )}
        <button
          type="button"
          className="act-primary"
          disabled={!choice || (choice === OTHER && address.trim() === '') || lastMailto !== null}
          onClick={() => void send()}
        >
          {t('redirectSend')}
        </button>
        <MailLink mailto={lastMailto} text={t('mailOpened')} label={t('mailLink')} />
        {error && (
          <p role="alert" className="act-error">
            {t('error', { message: error })}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}

/** Tomorrow at 10:00 local, as the date and time inputs want them. */
function defaultLater(): { date: string; time: string } {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: '10:00' };
}

function ResultDialog({ client, record, onClose }: Props) {
  const { t, i18n } = useTranslation('actions');
  const [choices, setChoices] = useState<ResponseOf<'work:resultChoices'>>([]);
  const [agents, setAgents] = useState<AgentSummary[]>([]);
  const [choiceId, setChoiceId] = useState('');
  const [when, setWhen] = useState(defaultLater);
  const [agentId, setAgentId] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void client.tryCall('work:resultChoices', {}).then((r) => {
      if (r.ok) {
        setChoices(r.value);
        setChoiceId(r.value[0]?.id ?? '');
      }
    });
    void Promise.all([client.tryCall('agents:list', {}), client.tryCall('app:info', {})]).then(([list, info]) => {
      if (list.ok) setAgents(list.value);
      if (info.ok) setAgentId(info.value.agent?.id ?? '');
    });
  }, [client]);
  const choice = choices.find((c) => c.id === choiceId);
  const save = async () => {
    if (!choice) return;
    const scheduledCall =
      choice.opens === 'schedule_call'
        ? { at: new Date(`${when.date}T${when.time}`).toISOString(), agentId }
        : undefined;
    const outcome = await saveResult(client, choice, {
      clientId: record.client.id,
      opportunityId: record.primaryOpportunityId,
      ...(scheduledCall ? { scheduledCall } : {}),
    });
    if (outcome.kind === 'error') setStatus({ ok: false, text: t('error', { message: outcome.message }) });
    else if (outcome.kind === 'booking')
      useActionsStore.getState().openAction('booking', record, { resultChoiceId: outcome.choiceId });
    else setStatus({ ok: true, text: t('resultSaved') });
  };
  const label = (c: { labelFr: string; labelEn: string }) => (i18n.language === 'en' ? c.labelEn : c.labelFr);
  return (
    <ModalFrame title={t('title.result')} closeLabel={t('close')} onClose={onClose} className="act-dialog">
      <div className="act-body">
        <label className="act-field">
          <span>{t('choice')}</span>
          <select value={choiceId} onChange={(e) => setChoiceId(e.target.value)}>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {label(c)}
              </option>
            ))}
          </select>
        </label>
        {choice?.opens === 'schedule_call' && (
          <fieldset className="act-fieldset">
            <label className="act-field">
              <span>{t('callDate')}</span>
              <input type="date" value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} />
            </label>
            <label className="act-field">
              <span>{t('callTime')}</span>
              <input type="time" value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} />
            </label>
            <label className="act-field">
              <span>{t('callAgent')}</span>
              <select value={agentId} onChange={(e) => setAgentId(e.target.value)}>
                {agents.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}
        <button
          type="button"
          className="act-primary"
          disabled={!choice || status?.ok === true}
          onClick={() => void save()}
        >
          {t('record')}
        </button>
        {status && (
          <p role={status.ok ? 'status' : 'alert'} className={status.ok ? undefined : 'act-error'}>
            {status.text}
          </p>
        )}
      </div>
    </ModalFrame>
  );
}
