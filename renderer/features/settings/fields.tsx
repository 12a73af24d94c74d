import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from './validate';

/** A labelled field with its hint and its error right under it (announced to screen readers). */
export function Field({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: FieldErrors[string]; children: ReactNode }) {
  const { t } = useTranslation('settings');
  return (
    <div className={`settings-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p className="settings-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="settings-error" id={`${id}-error`} role="alert">
          {t(error.key, error.values)}
        </p>
      )}
    </div>
  );
}

/** aria attributes that tie an input to its hint and error. */
export function described(id: string, error: unknown, hint = false): { 'aria-invalid': boolean; 'aria-describedby'?: string } {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': Boolean(error), ...(ids ? { 'aria-describedby': ids } : {}) };
}

export function FormError({ errors }: { errors: FieldErrors }) {
  const { t } = useTranslation('settings');
  const error = errors['form'];
  if (!error) return null;
  return (
    <p className="settings-error" role="alert">
      {t(error.key, error.values)}
    </p>
  );
}

export function Notice({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="settings-notice" role="status">
      {text}
    </p>
  );
}
