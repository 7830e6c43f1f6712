import { type ReactNode, useEffect, useId, useRef } from 'react';

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
  wide?: boolean;
  children: ReactNode;
}

/** A modal dialog (the native `<dialog>`, so focus stays inside) with its title as its name; React state decides when it closes. */
export function Dialog({ open, title, onCancel, onClosedByBrowser, describedBy, wide = false, children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openRef = useRef(open);
  const titleId = useId();

  useEffect(() => {
    openRef.current = open;
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

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
    >
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      {children}
    </dialog>
  );
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
