import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../shared/domain/settings';
import type { PosteClient } from '../../app/client';
import { Field, FormError, Notice } from './fields';
import { useSettingsStore } from './store';
import type { FieldErrors } from './validate';
import { errorMessage } from '../../../shared/error-message';

type AudioKey = keyof Settings['audio'];
const ROLES: { key: AudioKey; kind: MediaDeviceKind }[] = [
  { key: 'microphoneId', kind: 'audioinput' },
  { key: 'headsetId', kind: 'audiooutput' },
  { key: 'ringerId', kind: 'audiooutput' },
  { key: 'shadowHeadsetId', kind: 'audiooutput' },
  { key: 'shadowMicrophoneId', kind: 'audioinput' },
];

/** Audio devices, listed by the page itself (enumerateDevices), and the OS microphone verdict. */
export function AudioSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { settings, microphone, updateSettings } = useSettingsStore();
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [listError, setListError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Settings['audio'] | null>(settings?.audio ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);

  const list = useCallback(async () => {
    try {
      if (!navigator.mediaDevices?.enumerateDevices) throw new Error('mediaDevices');
      setDevices(await navigator.mediaDevices.enumerateDevices());
      setListError(null);
    } catch (error) {
      setListError(errorMessage(error));
    }
  }, []);

  useEffect(() => {
    void list();
    const media = navigator.mediaDevices;
    const onChange = () => void list();
    media?.addEventListener?.('devicechange', onChange);
    return () => media?.removeEventListener?.('devicechange', onChange);
  }, [list]);

  if (!draft) return null;
  return (
    <form
      className="settings-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setNotice(null);
        void updateSettings(client, { audio: draft }).then((outcome) => {
          setErrors(outcome ?? {});
          if (!outcome) setNotice(t('saved'));
        });
      }}
    >
      {microphone === 'denied' && (
        <p className="settings-error settings-banner" role="alert">
          {t('audio.micDenied')}
        </p>
      )}
      {microphone === 'restricted' && (
        <p className="settings-error settings-banner" role="alert">
          {t('audio.micRestricted')}
        </p>
      )}
      {listError && <p className="settings-error">{t('audio.noAccess', { message: listError })}</p>}
      {ROLES.map(({ key, kind }) => {
        const options = devices.filter((d) => d.kind === kind);
        const current = draft[key];
        const missing = current !== null && !options.some((d) => d.deviceId === current);
        return (
          <Field key={key} id={`audio-${key}`} label={t(`audio.${key}`)} error={errors[`audio.${key}`]}>
            <select id={`audio-${key}`} value={current ?? ''} onChange={(event) => setDraft({ ...draft, [key]: event.target.value === '' ? null : event.target.value })}>
              <option value="">{key.startsWith('shadow') ? t('none') : t('byDefault')}</option>
              {options.map((d, index) => (
                <option key={d.deviceId || `${kind}-${index}`} value={d.deviceId}>
                  {d.label || `${kind === 'audioinput' ? t('audio.microphoneId') : t('audio.headsetId')} ${index + 1}`}
                </option>
              ))}
              {missing && <option value={current}>{t('audio.missing')}</option>}
            </select>
          </Field>
        );
      })}
      <FormError errors={errors} />
      <div className="settings-actions">
        <button type="submit">{t('save')}</button>
        <button type="button" onClick={() => void list()}>
          {t('audio.refresh')}
        </button>
      </div>
      <Notice text={notice} />
    </form>
  );
}
