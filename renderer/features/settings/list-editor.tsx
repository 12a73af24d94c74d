import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { described, Field, FormError, Notice } from './fields';
import type { FieldErrors } from './validate';

/** One field of a list item's form. */
export interface ListField<D> {
  name: keyof D & string;
  label: string;
  hint?: string;
  kind?: 'text' | 'textarea' | 'select';
  options?: { value: string; label: string }[];
}

interface ListEditorProps<T extends { id: string }, D extends Record<string, string>> {
  idPrefix: string;
  items: readonly T[];
  describe(item: T): string;
  empty: D;
  toDraft(item: T): D;
  fields: ListField<D>[];
  validate(draft: D): FieldErrors;
  save(draft: D, id: string | null): Promise<FieldErrors | null>;
  remove(id: string): Promise<FieldErrors | null>;
}

/** A list (SMS templates, result choices, branches) with one form to add or edit an item. */
export function ListEditor<T extends { id: string }, D extends Record<string, string>>(props: ListEditorProps<T, D>) {
  const { t } = useTranslation('settings');
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<D>(props.empty);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  /** The item whose removal waits for a yes: a template, a result or a branch is gone for every agent. */
  const [confirming, setConfirming] = useState<string | null>(null);

  async function submit() {
    setNotice(null);
    const found = props.validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const outcome = await props.save(draft, editing);
    setErrors(outcome ?? {});
    if (!outcome) {
      setNotice(t('saved'));
      setEditing(null);
      setDraft(props.empty);
    }
  }

  return (
    <div className="settings-list">
      <ul>
        {props.items.map((item) => (
          <li key={item.id} className={editing === item.id ? 'is-editing' : undefined}>
            <span className="settings-item">{props.describe(item)}</span>
            <button
              type="button"
              onClick={() => {
                setEditing(item.id);
                setDraft(props.toDraft(item));
                setErrors({});
              }}
            >
              {t('edit')}
            </button>
            {confirming === item.id ? (
              <span className="settings-confirm" role="group" aria-label={t('removeConfirm', { name: props.describe(item) })}>
                <span>{t('removeConfirm', { name: props.describe(item) })}</span>
                <button
                  type="button"
                  className="settings-danger"
                  onClick={() => {
                    setConfirming(null);
                    void props.remove(item.id).then((outcome) => {
                      setErrors(outcome ?? {});
                      if (!outcome) setNotice(t('removed', { name: props.describe(item) }));
                      if (editing === item.id) {
                        setEditing(null);
                        setDraft(props.empty);
                      }
                    });
                  }}
                >
                  {t('removeYes')}
                </button>
                <button type="button" autoFocus onClick={() => setConfirming(null)}>
                  {t('cancel')}
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirming(item.id)}>
                {t('remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="settings-form" noValidate onSubmit={(event) => (event.preventDefault(), void submit())}>
        {props.fields.map((field) => {
          const id = `${props.idPrefix}-${field.name}`;
          const error = errors[field.name];
          const value = draft[field.name];
          const onChange = (event: { target: { value: string } }) => setDraft({ ...draft, [field.name]: event.target.value });
          return (
            <Field key={field.name} id={id} label={field.label} hint={field.hint} error={error}>
              {field.kind === 'textarea' ? (
                <textarea id={id} rows={4} value={value} onChange={onChange} {...described(id, error, Boolean(field.hint))} />
              ) : field.kind === 'select' ? (
                <select id={id} value={value} onChange={onChange} {...described(id, error, Boolean(field.hint))}>
                  {(field.options ?? []).map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              ) : (
                <input id={id} value={value} onChange={onChange} {...described(id, error, Boolean(field.hint))} />
              )}
            </Field>
          );
        })}
        <FormError errors={errors} />
        <div className="settings-actions">
          <button type="submit">{editing ? t('save') : t('add')}</button>
          {editing && (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setDraft(props.empty);
                setErrors({});
              }}
            >
              {t('cancel')}
            </button>
          )}
        </div>
        <Notice text={notice} />
      </form>
    </div>
  );
}
