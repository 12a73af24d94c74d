import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PosteClient } from '../../app/client';
import { described, Field, FormError, Notice } from './fields';
import { useSettingsStore } from './store';
import { parseIceServers, validatePassword, validateSip, type FieldErrors, type SipDraft } from './validate';

/** The SIP account; the password goes to the keychain (Electron) or memory (web host), never back to the page. */
export function AccountSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { settings, sipPasswordSet, updateSettings, setPassword } = useSettingsStore();
  const sip = settings?.sip ?? null;
  const [draft, setDraft] = useState<SipDraft>(() => ({
    server: sip?.server ?? '',
    uri: sip?.uri ?? '',
    authUser: sip?.authUser ?? '',
    displayName: sip?.displayName ?? '',
    iceServers: (sip?.iceServers ?? []).map((s) => [s.urls, s.username, s.credential].filter(Boolean).join(' ')).join('\n'),
  }));
  const [password, setPasswordDraft] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  const change = (key: keyof SipDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [key]: event.target.value });

  async function save() {
    setNotice(null);
    const found = validateSip(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const ice = parseIceServers(draft.iceServers);
    const outcome = await updateSettings(client, {
      sip: {
        server: draft.server.trim(),
        uri: draft.uri.trim(),
        authUser: draft.authUser.trim(),
        displayName: draft.displayName.trim(),
        iceServers: ice.value,
      },
    });
    if (outcome) setErrors(outcome);
    else setNotice(t('saved'));
  }

  async function savePassword(value: string) {
    setNotice(null);
    const found = validatePassword(value);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const outcome = await setPassword(client, value);
    setPasswordDraft('');
    if (outcome) setErrors(outcome);
    else setNotice(t('saved'));
  }

  const text = (key: 'server' | 'uri' | 'authUser' | 'displayName', hint?: string) => (
    <Field id={`sip-${key}`} label={t(`account.${key}`)} hint={hint} error={errors[`sip.${key}`]}>
      <input id={`sip-${key}`} value={draft[key]} onChange={change(key)} spellCheck={false} autoComplete="off" {...described(`sip-${key}`, errors[`sip.${key}`], Boolean(hint))} />
    </Field>
  );

  return (
    <form
      className="settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      noValidate
    >
      {text('server', t('account.serverHint'))}
      {text('uri', t('account.uriHint'))}
      {text('authUser')}
      {text('displayName')}
      <Field id="sip-iceServers" label={t('account.iceServers')} hint={t('account.iceHint')} error={errors['sip.iceServers']}>
        <textarea id="sip-iceServers" rows={3} value={draft.iceServers} onChange={change('iceServers')} spellCheck={false} {...described('sip-iceServers', errors['sip.iceServers'], true)} />
      </Field>
      <FormError errors={errors} />
      <div className="settings-actions">
        <button type="submit">{t('save')}</button>
        {sip && (
          <button
            type="button"
            onClick={() =>
              void updateSettings(client, { sip: null }).then((outcome) => (outcome ? setErrors(outcome) : setNotice(t('saved'))))
            }
          >
            {t('account.remove')}
          </button>
        )}
      </div>
      <fieldset className="settings-password">
        <legend>{t('account.password')}</legend>
        <p className="settings-hint">{sipPasswordSet ? t('account.passwordSet') : t('account.passwordUnset')}</p>
        {client.host === 'web' && <p className="settings-hint">{t('account.passwordWeb')}</p>}
        <Field id="sip-password" label={t('account.password')} error={errors['sip.password']}>
          <input
            id="sip-password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPasswordDraft(event.target.value)}
            {...described('sip-password', errors['sip.password'])}
          />
        </Field>
        <div className="settings-actions">
          <button type="button" disabled={password === ''} onClick={() => void savePassword(password)}>
            {t('account.setPassword')}
          </button>
          {sipPasswordSet && (
            <button type="button" onClick={() => void savePassword('')}>
              {t('account.clearPassword')}
            </button>
          )}
        </div>
      </fieldset>
      <Notice text={notice} />
    </form>
  );
}
