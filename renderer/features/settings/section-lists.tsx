import { useTranslation } from 'react-i18next';
import { OPPORTUNITY_STATUSES, type OpportunityStatus } from '../../../shared/domain/model';
import type { PosteClient } from '../../app/client';
import { ListEditor } from './list-editor';
import { useSettingsStore } from './store';
import { splitLines, validateBranch, validateResult, validateTemplate, type FieldErrors } from './validate';

/** Drops the contract's wrapper from a server path ("template.name" → "name"). */
function outcome(result: { errors: FieldErrors } | { value: unknown }): FieldErrors | null {
  return 'errors' in result ? result.errors : null;
}

export function TemplatesSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { templates, call, refresh } = useSettingsStore();
  return (
    <ListEditor
      idPrefix="template"
      items={templates}
      describe={(item) => item.name}
      empty={{ name: '', body: '' }}
      toDraft={(item) => ({ name: item.name, body: item.body })}
      fields={[
        { name: 'name', label: t('templates.name') },
        { name: 'body', label: t('templates.body'), hint: t('templates.hint'), kind: 'textarea' },
      ]}
      validate={validateTemplate}
      save={async (draft, id) => {
        const done = outcome(await call(client, 'templates:save', { template: { ...(id ? { id } : {}), name: draft.name.trim(), body: draft.body.trim() } }, 'template.'));
        if (!done) await refresh(client, 'templates');
        return done;
      }}
      remove={async (id) => {
        const done = outcome(await call(client, 'templates:remove', { id }));
        await refresh(client, 'templates');
        return done;
      }}
    />
  );
}

export function ResultsSection({ client }: { client: PosteClient }) {
  const { t, i18n } = useTranslation('settings');
  const { results, call, refresh } = useSettingsStore();
  const statusOptions = [{ value: '', label: t('none') }, ...OPPORTUNITY_STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))];
  return (
    <ListEditor
      idPrefix="result"
      items={results}
      describe={(item) => (i18n.language === 'en' ? item.labelEn : item.labelFr)}
      empty={{ labelFr: '', labelEn: '', mapsToStatus: '', opens: '' }}
      toDraft={(item) => ({ labelFr: item.labelFr, labelEn: item.labelEn, mapsToStatus: item.mapsToStatus ?? '', opens: item.opens ?? '' })}
      fields={[
        { name: 'labelFr', label: t('results.labelFr') },
        { name: 'labelEn', label: t('results.labelEn') },
        { name: 'mapsToStatus', label: t('results.mapsToStatus'), kind: 'select', options: statusOptions },
        {
          name: 'opens',
          label: t('results.opens'),
          kind: 'select',
          options: [
            { value: '', label: t('results.opensNone') },
            { value: 'booking', label: t('results.opensBooking') },
            { value: 'schedule_call', label: t('results.opensSchedule') },
          ],
        },
      ]}
      validate={(d) => validateResult({ ...d, mapsToStatus: d.mapsToStatus || null, opens: d.opens || null })}
      save={async (draft, id) => {
        const done = outcome(
          await call(
            client,
            'results:save',
            {
              result: {
                ...(id ? { id } : {}),
                labelFr: draft.labelFr.trim(),
                labelEn: draft.labelEn.trim(),
                mapsToStatus: (draft.mapsToStatus || null) as OpportunityStatus | null,
                opens: draft.opens === 'booking' || draft.opens === 'schedule_call' ? draft.opens : null,
              },
            },
            'result.',
          ),
        );
        if (!done) await refresh(client, 'results');
        return done;
      }}
      remove={async (id) => {
        const done = outcome(await call(client, 'results:remove', { id }));
        await refresh(client, 'results');
        return done;
      }}
    />
  );
}

export function BranchesSection({ client }: { client: PosteClient }) {
  const { t } = useTranslation('settings');
  const { branches, call, refresh } = useSettingsStore();
  return (
    <ListEditor
      idPrefix="branch"
      items={branches}
      describe={(item) => `${item.name} (${item.salesReps.length})`}
      empty={{ name: '', salesReps: '', virtualSalesGroup: '' }}
      toDraft={(item) => ({ name: item.name, salesReps: item.salesReps.join('\n'), virtualSalesGroup: item.virtualSalesGroup ?? '' })}
      fields={[
        { name: 'name', label: t('branches.name') },
        { name: 'salesReps', label: t('branches.salesReps'), kind: 'textarea' },
        { name: 'virtualSalesGroup', label: t('branches.virtualSalesGroup') },
      ]}
      validate={validateBranch}
      save={async (draft, id) => {
        const group = draft.virtualSalesGroup.trim();
        const done = outcome(
          await call(
            client,
            'branches:save',
            { branch: { ...(id ? { id } : {}), name: draft.name.trim(), salesReps: splitLines(draft.salesReps), virtualSalesGroup: group === '' ? null : group } },
            'branch.',
          ),
        );
        if (!done) await refresh(client, 'branches');
        return done;
      }}
      remove={async (id) => {
        const done = outcome(await call(client, 'branches:remove', { id }));
        await refresh(client, 'branches');
        return done;
      }}
    />
  );
}
