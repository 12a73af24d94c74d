import { useId, useMemo } from 'react';
import type { ImportReportDto } from '../../../shared/ipc/contract-leads';
import type { PosteClient } from '../../app/client';
import { useRecordStore } from '../record/store';
import { uniqueProposals } from './model';
import { useMergeStore } from './store';
import { useMergeT } from './use-merge-t';
import { proposalLabel } from './wording';
import './merge.css';

/** A batch may propose many merges; the first ones are listed, the rest counted. */
const SHOWN = 20;

interface MergeProposalsProps {
  client: PosteClient;
  reports: readonly ImportReportDto[];
}

/**
 * The import report's merge proposals (a lead matched several records). « Fusionner… »
 * opens the first record of the proposal, with the merge dialog over it and the others
 * ticked (two at most: a merge takes three records; the line says how many more matched).
 */
export function MergeProposals({ client, reports }: MergeProposalsProps) {
  const t = useMergeT();
  const titleId = useId();
  const proposals = useMemo(() => uniqueProposals(reports), [reports]);
  if (proposals.length === 0) return null;

  const review = (ids: readonly string[]) => {
    const [keepId, ...others] = ids;
    if (!keepId) return;
    void useRecordStore.getState().open(client, keepId);
    void useMergeStore.getState().openDialog(client, keepId, others);
  };

  return (
    <section className="merge-proposals" aria-labelledby={titleId} data-testid="merge-proposals">
      <h3 id={titleId}>{t('proposals.title')}</h3>
      <p className="muted">{t('proposals.help')}</p>
      <ul>
        {proposals.slice(0, SHOWN).map((ids, i) => (
          <Proposal key={ids.join(' ')} n={i + 1} ids={ids} onReview={review} />
        ))}
      </ul>
      {proposals.length > SHOWN ? (
        <p className="muted">{t('proposals.more', { count: proposals.length - SHOWN })}</p>
      ) : null}
    </section>
  );
}

function Proposal({
  n,
  ids,
  onReview,
}: {
  n: number;
  ids: readonly string[];
  onReview: (ids: readonly string[]) => void;
}) {
  const t = useMergeT();
  const labelId = useId();
  return (
    <li className="merge-proposal" data-testid="merge-proposal">
      <span id={labelId}>{proposalLabel(t, n, ids)}</span>{' '}
      <button type="button" aria-describedby={labelId} onClick={() => onReview(ids)}>
        {t('proposals.open')}
      </button>
    </li>
  );
}
