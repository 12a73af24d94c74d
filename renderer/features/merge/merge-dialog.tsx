import { useEffect, useId, useRef, type RefObject } from 'react';
import type { Language } from '../../../shared/domain/model';
import { formatPhone } from '../../../shared/phone/phone';
import type { PosteClient } from '../../app/client';
import { ModalFrame } from '../../app/modal-frame';
import { COUNT_KEYS, formatMatch, MAX_OTHERS, type MergeCandidate, type MergeSummary } from './model';
import { useMergeStore, type MergeDialogState } from './store';
import { useMergeT } from './use-merge-t';
import { doneSentence, keptSentence, mergedSentence, selectLabel } from './wording';
import './merge.css';

interface MergeDialogProps {
  client: PosteClient;
  language: Language;
}

type T = ReturnType<typeof useMergeT>;

/**
 * « Fusionner des fiches »: pick one or two records to merge into the open one, read what
 * the kept record will hold, confirm. Renders the store's dialog, if any.
 */
export function MergeDialog({ client, language }: MergeDialogProps) {
  const t = useMergeT(language);
  const dialog = useMergeStore((s) => s.dialog);
  const close = useMergeStore((s) => s.close);
  // Each step's heading takes the focus, so the clicked button's disappearance does not
  // drop it on the page and a screen reader reads where the agent now is.
  // (The frame focuses the dialog itself when it opens.)
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const previousStep = useRef<string | null>(null);
  const step = dialog?.step ?? null;
  useEffect(() => {
    if (previousStep.current !== null && step !== null && previousStep.current !== step) stepHeading.current?.focus();
    previousStep.current = step;
  }, [step]);
  if (!dialog) return null;
  return (
    <ModalFrame title={t('dialog.title')} closeLabel={t('dialog.close')} onClose={close} className="merge-dialog">
      <div className="merge-body" data-testid="merge-dialog" data-step={dialog.step}>
        {dialog.step === 'pick' && (
          <PickStep client={client} dialog={dialog} language={language} t={t} headingRef={stepHeading} />
        )}
        {dialog.step === 'review' && dialog.summary && (
          <ReviewStep
            client={client}
            dialog={dialog}
            summary={dialog.summary}
            language={language}
            t={t}
            headingRef={stepHeading}
          />
        )}
        {dialog.step === 'done' && (
          <DoneStep dialog={dialog} language={language} t={t} headingRef={stepHeading} onClose={close} />
        )}
      </div>
    </ModalFrame>
  );
}

function PickStep({
  client,
  dialog,
  language,
  t,
  headingRef,
}: {
  client: PosteClient;
  dialog: MergeDialogState;
  language: Language;
  t: T;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const { toggle, review, openDialog, close } = useMergeStore.getState();
  const limitId = useId();
  if (dialog.status === 'loading') {
    return (
      <p role="status" aria-busy="true">
        {t('dialog.loading')}
      </p>
    );
  }
  if (dialog.status === 'error') {
    return (
      <div role="alert" className="merge-error">
        <p>{t('dialog.loadError', { message: dialog.loadError ?? '' })}</p>
        <button type="button" onClick={() => void openDialog(client, dialog.keepId, dialog.wanted)}>
          {t('dialog.retry')}
        </button>
      </div>
    );
  }
  const full = dialog.selected.length >= MAX_OTHERS;
  const showLimit = full && dialog.candidates.length > MAX_OTHERS;
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1} className="merge-step-title">
        {t('dialog.keep', { name: dialog.keepName ?? '' })}
      </h3>
      {dialog.candidates.length === 0 ? (
        <p>{t('dialog.none')}</p>
      ) : (
        <fieldset className="merge-fieldset" aria-describedby={showLimit ? limitId : undefined}>
          <legend>{t('dialog.pickLegend')}</legend>
          <ul className="merge-candidates">
            {dialog.candidates.map((c) => (
              <Candidate
                key={c.clientId}
                candidate={c}
                checked={dialog.selected.includes(c.clientId)}
                disabled={dialog.busy || (full && !dialog.selected.includes(c.clientId))}
                onToggle={() => toggle(c.clientId)}
                language={language}
                t={t}
              />
            ))}
          </ul>
          {showLimit ? (
            <p id={limitId} className="merge-hint" aria-live="polite">
              {t('dialog.limit')}
            </p>
          ) : null}
        </fieldset>
      )}
      {dialog.error ? (
        <p role="alert" className="merge-error">
          {t('dialog.summaryError', { message: dialog.error.message })}
        </p>
      ) : null}
      {dialog.busy ? <p role="status">{t('dialog.reviewing')}</p> : null}
      <div className="merge-actions">
        <button
          type="button"
          className="merge-primary"
          disabled={dialog.selected.length === 0 || dialog.busy}
          onClick={() => void review(client)}
        >
          {t('dialog.next')}
        </button>
        <button type="button" onClick={close}>
          {t('dialog.cancel')}
        </button>
      </div>
    </>
  );
}

function Candidate({
  candidate,
  checked,
  disabled,
  onToggle,
  language,
  t,
}: {
  candidate: MergeCandidate;
  checked: boolean;
  disabled: boolean;
  onToggle: () => void;
  language: Language;
  t: T;
}) {
  const detailsId = useId();
  return (
    <li
      className={`merge-candidate${checked ? ' is-selected' : ''}`}
      data-testid="merge-candidate"
      data-client-id={candidate.clientId}
    >
      <label className="merge-candidate-head">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-label={selectLabel(t, language, candidate.name)}
          aria-describedby={detailsId}
          onChange={onToggle}
        />
        <span className="merge-candidate-name">{candidate.name}</span>
        <span className="merge-candidate-opps">{t('dialog.opportunities', { count: candidate.opportunities })}</span>
      </label>
      <div id={detailsId}>
        <dl className="merge-candidate-details">
          <div>
            <dt>{t('dialog.phones')}</dt>
            <dd>{candidate.phones.length ? candidate.phones.map(formatPhone).join(', ') : t('dialog.noPhone')}</dd>
          </div>
          <div>
            <dt>{t('dialog.emails')}</dt>
            <dd>{candidate.emails.length ? candidate.emails.join(', ') : t('dialog.noEmail')}</dd>
          </div>
        </dl>
        <p className="merge-why">
          {candidate.matchedOn.length
            ? t('dialog.matchedOn', { values: candidate.matchedOn.map(formatMatch).join(', ') })
            : t('dialog.proposed')}
        </p>
      </div>
    </li>
  );
}

interface ReviewStepProps {
  client: PosteClient;
  dialog: MergeDialogState;
  summary: MergeSummary;
  language: Language;
  t: T;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

function ReviewStep({ client, dialog, summary, language, t, headingRef }: ReviewStepProps) {
  const { merge, back } = useMergeStore.getState();
  const rows = [summary.keep, ...summary.merged];
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1} className="merge-step-title">
        {t('dialog.summaryTitle')}
      </h3>
      <p>{keptSentence(t, language, summary.keep.name)}</p>
      <p>
        {mergedSentence(
          t,
          language,
          summary.merged.map((m) => m.name),
        )}
      </p>
      <table className="merge-summary" data-testid="merge-summary">
        <caption>{t('dialog.summaryAfter')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dialog.table.record')}</th>
            {COUNT_KEYS.map((key) => (
              <th key={key} scope="col">
                {t(`dialog.counts.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.clientId}>
              <th scope="row">{r.name}</th>
              {COUNT_KEYS.map((key) => (
                <td key={key}>{r.counts[key]}</td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dialog.table.total')}</th>
            {COUNT_KEYS.map((key) => (
              <td key={key} data-testid={`merge-total-${key}`}>
                {summary.total[key]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      <dl className="merge-kept">
        <div>
          <dt>{t('dialog.phones')}</dt>
          <dd>{summary.phones.length ? summary.phones.map(formatPhone).join(', ') : t('dialog.noPhone')}</dd>
        </div>
        <div>
          <dt>{t('dialog.emails')}</dt>
          <dd>{summary.emails.length ? summary.emails.join(', ') : t('dialog.noEmail')}</dd>
        </div>
      </dl>
      {summary.cre ? <p>{t('dialog.summaryCre', { cre: summary.cre })}</p> : null}
      <p className="merge-note">{t('dialog.summaryNote')}</p>
      <p className="merge-question">{t('dialog.confirmQuestion', { count: rows.length })}</p>
      {dialog.busy ? <p role="status">{t('dialog.merging')}</p> : null}
      {dialog.error ? (
        <p role="alert" className="merge-error" data-testid="merge-error">
          {t(`dialog.error.${dialog.error.kind}`, { message: dialog.error.message })}
        </p>
      ) : null}
      <div className="merge-actions">
        <button type="button" className="merge-primary" disabled={dialog.busy} onClick={() => void merge(client)}>
          {t('dialog.confirm')}
        </button>
        <button type="button" disabled={dialog.busy} onClick={back}>
          {t('dialog.back')}
        </button>
      </div>
    </>
  );
}

function DoneStep({
  dialog,
  language,
  t,
  headingRef,
  onClose,
}: {
  dialog: MergeDialogState;
  language: Language;
  t: T;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClose: () => void;
}) {
  return (
    <div role="status" className="merge-done-step">
      <h3 ref={headingRef} tabIndex={-1} className="merge-step-title merge-done">
        {t('dialog.done')}
      </h3>
      <p>
        {doneSentence(t, language, {
          merged: dialog.result?.merged.length ?? 0,
          keepName: dialog.keepName ?? '',
          moved: dialog.result?.moved ?? {},
        })}
      </p>
      <div className="merge-actions">
        <button type="button" className="merge-primary" onClick={onClose}>
          {t('dialog.close')}
        </button>
      </div>
    </div>
  );
}
