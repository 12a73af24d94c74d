import { useId, type ReactNode } from 'react';

interface DialogFrameProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: (titleId: string) => ReactNode;
}

/** The frame every zone 9 dialog shares: a labelled modal region with a close button; Escape closes. */
export function DialogFrame({ title, closeLabel, onClose, children }: DialogFrameProps) {
  const titleId = useId();
  return (
    <div className="act-backdrop">
      <div
        className="act-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
        }}
      >
        <header className="act-dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="act-close" aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
        </header>
        {children(titleId)}
      </div>
    </div>
  );
}

/** The fallback link to the mail program, and an error or a notice line. */
export function MailLink({ mailto, text, label }: { mailto: string | null; text: string; label: string }) {
  if (!mailto) return null;
  return (
    <p className="act-mail" role="status">
      {text}{' '}
      <a href={mailto} className="act-mail-link" data-testid="mailto-link">
        {label}
      </a>
    </p>
  );
}
