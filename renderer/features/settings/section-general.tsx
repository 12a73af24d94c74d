import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { useAppStore } from '../../app/store';
import { described, Field, FormError, Notice } from './fields';
import { useSettingsStore } from './store';
import { validateCallbackDevice, validateGeneral, type FieldErrors, type GeneralDraft } from './validate';

/** Language, time zone, dial rules, the agent at this console, notifications. */
export function GeneralSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { settings, agents, updateSettings } = useSettingsStore();
  // The agent the console runs as: the one chosen, else the one it picked (the demo's first),
  // as the header shows it; « Aucun » while the header named Marc read as a contradiction.
  const working = useAppStore((s) => s.info?.agent?.id ?? null);
  const [draft, setDraft] = useState<GeneralDraft & { agentId: string }>(() => ({
    language: settings?.language ?? 'fr',
    timeZone: settings?.timeZone ?? 'America/Toronto',
    outsidePrefix: settings?.dialRules.outsidePrefix ?? '',
    dialPlusOne: settings?.dialRules.dialPlusOne ?? true,
    smsDomain: settings?.smsDomain ?? '',
    bleadRingTimeoutS: String(settings?.bleadRingTimeoutS ?? 18),
    notifyCalls: settings?.notifications.calls ?? true,
    notifyTexts: settings?.notifications.texts ?? true,
    agentId: settings?.agentId ?? working ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []), []);

  async function save() {
    setNotice(null);
    const found = validateGeneral(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const outcome = await updateSettings(client, {
      language: draft.language,
      timeZone: draft.timeZone.trim(),
      dialRules: { outsidePrefix: draft.outsidePrefix, dialPlusOne: draft.dialPlusOne },
      notifications: { calls: draft.notifyCalls, texts: draft.notifyTexts },
      agentId: draft.agentId === '' ? null : draft.agentId,
    });
    setErrors(outcome ?? {});
    if (!outcome) setNotice(t('saved'));
  }

  return (
    <form className="settings-form" noValidate onSubmit={(event) => (event.preventDefault(), void save())}>
      <Field id="general-language" label={t('general.language')}>
        <select id="general-language" value={draft.language} onChange={(e) => setDraft({ ...draft, language: e.target.value === 'en' ? 'en' : 'fr' })}>
          <option value="fr">{t('general.languages.fr')}</option>
          <option value="en">{t('general.languages.en')}</option>
        </select>
      </Field>
      <Field id="general-timeZone" label={t('general.timeZone')} error={errors['timeZone']}>
        <input id="general-timeZone" list="general-zones" value={draft.timeZone} onChange={(e) => setDraft({ ...draft, timeZone: e.target.value })} {...described('general-timeZone', errors['timeZone'])} />
        <datalist id="general-zones">
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </Field>
      <Field id="general-agent" label={t('general.agent')} error={errors['agentId']}>
        <select id="general-agent" value={draft.agentId} onChange={(e) => setDraft({ ...draft, agentId: e.target.value })}>
          <option value="">{t('none')}</option>
          {agents
            .filter((a) => a.active)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
      </Field>
      <Field id="general-outsidePrefix" label={t('general.outsidePrefix')} error={errors['dialRules.outsidePrefix']}>
        <input id="general-outsidePrefix" inputMode="numeric" value={draft.outsidePrefix} onChange={(e) => setDraft({ ...draft, outsidePrefix: e.target.value })} {...described('general-outsidePrefix', errors['dialRules.outsidePrefix'])} />
      </Field>
      <label className="settings-check">
        <input type="checkbox" checked={draft.dialPlusOne} onChange={(e) => setDraft({ ...draft, dialPlusOne: e.target.checked })} /> {t('general.dialPlusOne')}
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={draft.notifyCalls} onChange={(e) => setDraft({ ...draft, notifyCalls: e.target.checked })} /> {t('general.notifyCalls')}
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={draft.notifyTexts} onChange={(e) => setDraft({ ...draft, notifyTexts: e.target.checked })} /> {t('general.notifyTexts')}
      </label>
      <FormError errors={errors} />
      <div className="settings-actions">
        <button type="submit">{t('save')}</button>
      </div>
      <Notice text={notice} />
    </form>
  );
}

interface DeviceDraft {
  id: string;
  label: string;
  target: string;
}

/** « Appeler via BLEAD »: the agent's own phones, how long they ring, and the SMS route. */
export function CallsSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { settings, updateSettings } = useSettingsStore();
  const [devices, setDevices] = useState<DeviceDraft[]>(() => settings?.callbackDevices.map((d) => ({ ...d })) ?? []);
  const [ring, setRing] = useState(String(settings?.bleadRingTimeoutS ?? 18));
  const [sms, setSms] = useState(settings?.smsDomain ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  async function save() {
    setNotice(null);
    const found: FieldErrors = {};
    devices.forEach((d, i) => {
      for (const [field, error] of Object.entries(validateCallbackDevice(d))) found[`callbackDevices.${i}.${field}`] = error;
    });
    if (devices.length > 10) found['callbackDevices'] = { key: 'errors.tooMany', values: { max: 10 } };
    const general = validateGeneral({
      language: 'fr',
      timeZone: 'America/Toronto',
      outsidePrefix: '',
      dialPlusOne: true,
      smsDomain: sms,
      bleadRingTimeoutS: ring,
      notifyCalls: true,
      notifyTexts: true,
    });
    Object.assign(found, general);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const outcome = await updateSettings(client, {
      callbackDevices: devices.map((d) => ({ id: d.id, label: d.label.trim(), target: d.target.trim() })),
      bleadRingTimeoutS: Number(ring),
      smsDomain: sms.trim() === '' ? null : sms.trim().toLowerCase(),
    });
    setErrors(outcome ?? {});
    if (!outcome) setNotice(t('saved'));
  }

  const edit = (index: number, patch: Partial<DeviceDraft>) => setDevices(devices.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  return (
    <form className="settings-form" noValidate onSubmit={(event) => (event.preventDefault(), void save())}>
      <fieldset>
        <legend>{t('calls.devices')}</legend>
        {devices.map((d, i) => (
          <div className="settings-row" key={d.id}>
            <Field id={`device-${i}-label`} label={t('calls.label')} error={errors[`callbackDevices.${i}.label`]}>
              <input id={`device-${i}-label`} value={d.label} onChange={(e) => edit(i, { label: e.target.value })} {...described(`device-${i}-label`, errors[`callbackDevices.${i}.label`])} />
            </Field>
            <Field id={`device-${i}-target`} label={t('calls.target')} error={errors[`callbackDevices.${i}.target`]}>
              <input id={`device-${i}-target`} value={d.target} spellCheck={false} onChange={(e) => edit(i, { target: e.target.value })} {...described(`device-${i}-target`, errors[`callbackDevices.${i}.target`])} />
            </Field>
            <button type="button" onClick={() => setDevices(devices.filter((_, j) => j !== i))}>
              {t('remove')}
            </button>
          </div>
        ))}
        {errors['callbackDevices'] && <p className="settings-error">{t(errors['callbackDevices'].key, errors['callbackDevices'].values)}</p>}
        <button type="button" onClick={() => setDevices([...devices, { id: `device-${Date.now().toString(36)}`, label: '', target: '' }])}>
          {t('add')}
        </button>
      </fieldset>
      <Field id="calls-ring" label={t('calls.ringTimeout')} error={errors['bleadRingTimeoutS']}>
        <input id="calls-ring" inputMode="numeric" value={ring} onChange={(e) => setRing(e.target.value)} {...described('calls-ring', errors['bleadRingTimeoutS'])} />
      </Field>
      <Field id="calls-sms" label={t('calls.smsDomain')} hint={t('calls.smsHint')} error={errors['smsDomain']}>
        <input id="calls-sms" value={sms} spellCheck={false} onChange={(e) => setSms(e.target.value)} {...described('calls-sms', errors['smsDomain'], true)} />
      </Field>
      <FormError errors={errors} />
      <div className="settings-actions">
        <button type="submit">{t('save')}</button>
      </div>
      <Notice text={notice} />
    </form>
  );
}
