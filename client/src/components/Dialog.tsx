import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { focusFirst, pageHeading, tabStops } from './focus';

interface DialogProps {
  open: boolean;
  title: string;
  /** Escape: the caller closes the dialog in its state. Without it Escape is refused, as far as the browser allows. */
  onCancel?: () => void;
  /**
   * The browser closed the dialog although it was refused (Chromium lets Escape through when the page
   * had no user activation since). Defaults to `onCancel`; without either the dialog opens again.
   */
  onClosedByBrowser?: () => void;
  /** The id of the element that explains the dialog, for aria-describedby. */
  describedBy?: string;
  /**
   * Where focus goes when the dialog closes, read at that moment; null or undefined: back to the control that opened it, or
   * the page's heading when that control is gone. For a dialog whose action removes its opener (e.g. a deleted row's button).
   */
  returnFocus?: () => HTMLElement | null | undefined;
  wide?: boolean;
  children: ReactNode;
}

/**
 * A modal dialog (the native `<dialog>`) with its title as its name; React state decides when it closes. Focus is
 * explicit, as browsers differ: on open it goes to the element marked `data-autofocus`, else the first control; Tab and
 * Shift+Tab cycle inside; on close (or unmount) it goes back to the control that opened it, never to `<body>`.
 */
export function Dialog({ open, title, onCancel, onClosedByBrowser, describedBy, returnFocus, wide = false, children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openRef = useRef(open);
  const openerRef = useRef<Element | null>(null);
  const returnFocusRef = useRef(returnFocus);
  returnFocusRef.current = returnFocus;
  const titleId = useId();

  useEffect(() => {
    openRef.current = open;
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement;
      dialog.showModal();
      focusFirst(dialog);
    }
    if (!open && dialog.open) {
      dialog.close();
      restoreFocus(openerRef.current, returnFocusRef.current);
      openerRef.current = null;
    }
  }, [open]);

  // Most dialogs are rendered only while open: unmounting one returns focus too.
  useEffect(
    () => () => {
      if (openRef.current) restoreFocus(openerRef.current, returnFocusRef.current);
    },
    [],
  );

  // The modal dialog makes the page inert, but Tab past its last control leaves the document: wrap around instead.
  function handleKeyDown(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab') return;
    const stops = tabStops(event.currentTarget);
    const active = document.activeElement;
    const first = stops[0];
    const last = stops[stops.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const inside = active instanceof HTMLElement && event.currentTarget.contains(active);
    const index = inside ? stops.indexOf(active) : -1;
    if (event.shiftKey && (index <= 0 || !inside)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (index === stops.length - 1 || !inside)) {
      event.preventDefault();
      first.focus();
    }
  }

  function handleClose() {
    if (!openRef.current) return;
    (onClosedByBrowser ?? onCancel)?.();
    // Still meant to be open once React has applied that (e.g. Escape while busy): show it again.
    window.setTimeout(() => {
      const dialog = dialogRef.current;
      if (openRef.current && dialog?.isConnected && !dialog.open) dialog.showModal();
    });
  }

  return (
    <dialog
      ref={dialogRef}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel?.();
      }}
      onClose={handleClose}
      onKeyDown={handleKeyDown}
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}

/** Focuses where the caller says, else the opener if it is still there, else the page's heading: never `<body>`. */
function restoreFocus(opener: Element | null, returnFocus: DialogProps['returnFocus']) {
  const candidates = [returnFocus?.(), opener instanceof HTMLElement ? opener : null, pageHeading()];
  for (const candidate of candidates) {
    if (!candidate?.isConnected) continue;
    candidate.focus();
    if (document.activeElement === candidate) return;
  }
}

/** The foot of a dialog's form: Cancel, and the submit button named for what it does; both wait while it runs. */
export function FormDialogActions({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={busy}>
        {submitLabel}
      </button>
    </div>
  );
}
