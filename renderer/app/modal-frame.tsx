import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import './modal-frame.css';

interface ModalFrameProps {
  title: string;
  closeLabel: string;
  onClose: () => void;
  /** The dialog's own class, for its width and its body's layout. */
  className: string;
  children: ReactNode;
}

/** The frames open now, the last on top: only the top one answers the keys. */
const openFrames: HTMLElement[] = [];

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * The focus of a modal dialog (`ref`): it takes the focus when it opens (its field marked
 * `data-autofocus`, if any), Tab stays inside it, Escape closes it (only the top dialog
 * answers), and the focus goes back to what had it before. ModalFrame and the settings
 * screen use it.
 */
export function useModalFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The field the dialog is for, if it marks one (`data-autofocus`), else the dialog itself.
    (ref.current?.querySelector<HTMLElement>('[data-autofocus]') ?? ref.current)?.focus();
    // Listened to on the document, ahead of the page's own handlers: the focus may have left
    // the dialog without the agent moving it (a button disabled while its import runs drops
    // it on the page), and Escape and Tab must still belong to the dialog.
    const self = ref.current;
    if (self) openFrames.push(self);
    const onKeyDown = (event: KeyboardEvent) => {
      const dialog = ref.current;
      if (!dialog || openFrames[openFrames.length - 1] !== dialog) return;
      if (event.key === 'Escape') {
        event.stopPropagation();
        close.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (!dialog.contains(active)) {
        event.preventDefault();
        (event.shiftKey ? last : first).focus();
      } else if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      if (self) openFrames.splice(openFrames.indexOf(self), 1);
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}

/**
 * A modal dialog over the whole window that manages focus, as a confirmation of an
 * irreversible change (a merge, a whole file imported) needs: the dialog takes the focus
 * when it opens (its field marked `data-autofocus`, if any), Tab stays inside it, Escape
 * closes it and the focus goes back to the button that opened it. Every dialog of the console
 * uses it: zone 9's actions, the booking, the merge, the CSV mapping, Q-1's reason.
 */
export function ModalFrame({ title, closeLabel, onClose, className, children }: ModalFrameProps) {
  const titleId = useId();
  const ref = useRef<HTMLDivElement>(null);
  useModalFocus(ref, onClose);

  // On the document's body: inside the sidebar, the queue's and the follow-ups' own
  // stacking contexts (styles.css) would paint the panels after it over the backdrop.
  return createPortal(
    <div className="modal-backdrop">
      <div
        ref={ref}
        className={`modal-dialog ${className}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
      >
        <header className="modal-dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="modal-close" aria-label={closeLabel} onClick={onClose}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
