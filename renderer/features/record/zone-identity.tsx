import type { Tag } from '../../../shared/domain/model';
import { formatDate, shortId } from './format';
import { fullName, primaryOpportunity } from './model';
import { useRecordT } from './use-record-t';
import { Field, ZoneFrame, type ZoneProps } from './zone';
import { useCentreTimeZone } from '../../app/centre-time';

export function TagBadge({ tag, label }: { tag: Tag; label: string }) {
  return <span className={`rec-tag rec-tag--${tag}`}>{label}</span>;
}

/** Zone 1: who the client is and how urgent (balise, Q-1). */
export function ZoneIdentity({ record, language }: ZoneProps) {
  const t = useRecordT(language);
  const timeZone = useCentreTimeZone();
  const opp = primaryOpportunity(record);
  const { client } = record;
  return (
    <ZoneFrame n={1} title={t('zone.identity')} area="identity">
      <p className="rec-identity-name">{fullName(record)}</p>
      <dl className="rec-fields">
        <Field label={t('identity.tag')}>
          <TagBadge tag={client.tag} label={t(`tags.${client.tag}`)} />
        </Field>
        <Field label={t('identity.leadType')}>{opp ? t(`leadTypes.${opp.type}`) : t('none')}</Field>
        <Field label={t('identity.language')}>{t(`languages.${client.language}`)}</Field>
        <Field label={t('identity.clientId')}>
          <span className="rec-mono" title={client.id}>
            {shortId(client.id)}
          </span>
        </Field>
        {client.cre ? (
          <Field label={t('identity.cre')}>
            <span className="rec-mono">{client.cre}</span>
          </Field>
        ) : null}
        <Field label={t('identity.since')}>{formatDate(client.createdAt, timeZone)}</Field>
      </dl>
    </ZoneFrame>
  );
}
