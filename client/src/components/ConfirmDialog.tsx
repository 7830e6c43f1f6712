import { useId } from 'react';
import { Dialog } from './Dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** Shown inside the dialog when the confirmed action failed, e.g. the API's message. */
  error?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question with Cancel and one (destructive) action; Escape cancels. */
export function ConfirmDialog({ open, title, message, confirmLabel, error, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  const messageId = useId();
  return (
    <Dialog open={open} title={title} describedBy={messageId} onCancel={() => !busy && onCancel()}>
      <p id={messageId}>{message}</p>
      {error && (
        <div className="error-message" role="alert">
          {error}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
