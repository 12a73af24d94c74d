import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AGENT_ROLES, type AgentRole } from '../../../shared/domain/model';
import type { DirectoryAgent } from '../../../shared/ipc/contract-desk';
import type { PosteClient } from '../../app/client';
import { described, Field, FormError, Notice } from './fields';
import { useSettingsStore } from './store';
import { fromMinutes, toMinutes, validateAgent, validateShifts, type FieldErrors, type ShiftDraft } from './validate';

interface AgentDraft {
  id: string;
  name: string;
  role: AgentRole;
  extension: string;
  email: string;
  sipUri: string;
  active: boolean;
  shifts: ShiftDraft[];
}

const EMPTY: AgentDraft = { id: '', name: '', role: 'agent', extension: '', email: '', sipUri: '', active: true, shifts: [] };

function toDraft(agent: DirectoryAgent): AgentDraft {
  return {
    id: agent.id,
    name: agent.name,
    role: agent.role,
    extension: agent.extension ?? '',
    email: agent.email ?? '',
    sipUri: agent.sipUri ?? '',
    active: agent.active,
    shifts: agent.shifts.map((s) => ({ weekday: s.weekday, start: fromMinutes(s.startMinute), end: fromMinutes(s.endMinute) })),
  };
}

/** The agents directory, each agent's weekly shifts, and the CSV import (all or nothing). */
export function AgentsSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { agents, call, refresh } = useSettingsStore();
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<AgentDraft>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [importErrors, setImportErrors] = useState<FieldErrors>({});
  const isNew = editing === null;

  async function save() {
    setNotice(null);
    const found = { ...validateAgent(draft, isNew), ...validateShifts(draft.shifts) };
    if (isNew && agents.some((a) => a.id === draft.id.trim())) found['id'] = { key: 'errors.server', values: { message: draft.id } };
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const agent = {
      id: draft.id.trim(),
      name: draft.name.trim(),
      role: draft.role,
      extension: draft.extension.trim() || null,
      email: draft.email.trim().toLowerCase() || null,
      sipUri: draft.sipUri.trim() || null,
      active: draft.active,
    };
    const saved = await call(client, 'directory:save', { agent }, 'agent.');
    if ('errors' in saved) return setErrors(saved.errors);
    const shifts = draft.shifts.map((s) => ({ weekday: s.weekday, startMinute: toMinutes(s.start)!, endMinute: toMinutes(s.end)! }));
    const withShifts = await call(client, 'directory:setShifts', { agentId: agent.id, shifts });
    if ('errors' in withShifts) return setErrors(withShifts.errors);
    await refresh(client, 'directory');
    setNotice(t('saved'));
    setEditing(agent.id);
  }

  async function importFile(file: File) {
    setNotice(null);
    const csv = await file.text();
    const result = await call(client, 'directory:importCsv', { csv }, 'csv');
    if ('errors' in result) return setImportErrors({ csv: Object.values(result.errors)[0]! });
    setImportErrors({});
    await refresh(client, 'directory');
    setNotice(t('agents.imported', result.value));
  }

  const text = (key: 'id' | 'name' | 'extension' | 'email' | 'sipUri') => (
    <Field id={`agent-${key}`} label={t(`agents.${key}`)} error={errors[key]}>
      <input
        id={`agent-${key}`}
        value={draft[key]}
        readOnly={key === 'id' && !isNew}
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        {...described(`agent-${key}`, errors[key])}
      />
    </Field>
  );
  const editShift = (index: number, patch: Partial<ShiftDraft>) =>
    setDraft({ ...draft, shifts: draft.shifts.map((s, i) => (i === index ? { ...s, ...patch } : s)) });

  return (
    <div className="settings-list">
      <ul>
        {agents.map((a) => (
          <li key={a.id} className={editing === a.id ? 'is-editing' : undefined}>
            <span className="settings-item">
              {a.name} — {t(`agents.roles.${a.role}`)} {a.active ? '' : `(${t('agents.inactive')})`}
            </span>
            <button
              type="button"
              onClick={() => {
                setEditing(a.id);
                setDraft(toDraft(a));
                setErrors({});
              }}
            >
              {t('edit')}
            </button>
          </li>
        ))}
      </ul>
      <form className="settings-form" noValidate onSubmit={(event) => (event.preventDefault(), void save())}>
        {text('id')}
        {text('name')}
        <Field id="agent-role" label={t('agents.role')}>
          <select id="agent-role" value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as AgentRole })}>
            {AGENT_ROLES.map((role) => (
              <option key={role} value={role}>
                {t(`agents.roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('extension')}
        {text('email')}
        {text('sipUri')}
        <label className="settings-check">
          <input type="checkbox" checked={draft.active} onChange={(e) => setDraft({ ...draft, active: e.target.checked })} /> {t('agents.active')}
        </label>
        <fieldset>
          <legend>{t('agents.shifts')}</legend>
          {draft.shifts.map((s, i) => (
            <div className="settings-row" key={i}>
              <select aria-label={t('agents.weekday')} value={s.weekday} onChange={(e) => editShift(i, { weekday: Number(e.target.value) })}>
                {[0, 1, 2, 3, 4, 5, 6].map((d) => (
                  <option key={d} value={d}>
                    {t(`agents.days.${d}`)}
                  </option>
                ))}
              </select>
              <input type="time" aria-label={t('agents.start')} value={s.start} onChange={(e) => editShift(i, { start: e.target.value })} />
              <input type="time" aria-label={t('agents.end')} value={s.end} onChange={(e) => editShift(i, { end: e.target.value })} />
              <button type="button" onClick={() => setDraft({ ...draft, shifts: draft.shifts.filter((_, j) => j !== i) })}>
                {t('remove')}
              </button>
            </div>
          ))}
          {errors['shifts'] && (
            <p className="settings-error" role="alert">
              {t(errors['shifts'].key, errors['shifts'].values)}
            </p>
          )}
          <button type="button" onClick={() => setDraft({ ...draft, shifts: [...draft.shifts, { weekday: 1, start: '08:00', end: '16:30' }] })}>
            {t('agents.addShift')}
          </button>
        </fieldset>
        <FormError errors={errors} />
        <div className="settings-actions">
          <button type="submit">{isNew ? t('add') : t('save')}</button>
          {!isNew && (
            <button
              type="button"
              onClick={() => {
                setEditing(null);
                setDraft(EMPTY);
                setErrors({});
              }}
            >
              {t('cancel')}
            </button>
          )}
        </div>
      </form>
      <Field id="agents-csv" label={t('agents.importCsv')} hint={t('agents.importHint')} error={importErrors['csv']}>
        <input
          id="agents-csv"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void importFile(file);
            e.target.value = '';
          }}
          {...described('agents-csv', importErrors['csv'], true)}
        />
      </Field>
      <Notice text={notice} />
    </div>
  );
}
