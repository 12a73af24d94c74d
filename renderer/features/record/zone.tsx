import { useId, type ReactNode } from 'react';
import type { Language } from '../../../shared/domain/model';
import type { ContactRecord } from '../../../shared/ipc/dto';

/** What every zone receives. */
export interface ZoneProps {
  record: ContactRecord;
  language: Language;
}

export type ZoneArea =
  | 'identity'
  | 'contact'
  | 'status'
  | 'origin'
  | 'request'
  | 'collaborator'
  | 'meetings'
  | 'history'
  | 'actions'
  | 'result'
  | 'texts'
  | 'remarks';

interface ZoneFrameProps {
  n: number;
  title: string;
  area: ZoneArea;
  /** Shown at the right of the heading (a count, a badge). */
  aside?: ReactNode;
  children: ReactNode;
}

/**
 * One zone of the record: a region named by its heading « 2 · Coordonnées », so it can be
 * found by role and name (assistive technology, Playwright).
 */
export function ZoneFrame({ n, title, area, aside, children }: ZoneFrameProps) {
  const headingId = useId();
  return (
    <section className={`rec-zone rec-zone--${area}`} aria-labelledby={headingId}>
      <header className="rec-zone-head">
        <h2 id={headingId} className="rec-zone-title">
          <span className="rec-zone-num">{n}</span> · {title}
        </h2>
        {aside ? <div className="rec-zone-aside">{aside}</div> : null}
      </header>
      <div className="rec-zone-body">{children}</div>
    </section>
  );
}

/** A label/value pair in a zone's definition list. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="rec-field">
      <dt className="rec-field-label">{label}</dt>
      <dd className="rec-field-value">{children}</dd>
    </div>
  );
}

/** The quiet text of an empty zone or field. */
export function Empty({ children }: { children: ReactNode }) {
  return <p className="rec-empty">{children}</p>;
}
