import { type ReactNode, useId, useRef, useState } from 'react';
import { type AnyVariables, type DocumentInput, type OperationContext, useMutation } from 'urql';
import { Dialog } from './Dialog';
import { describeError } from './errors';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  /** What the action applies to and what follows from it, shown under the message. */
  details?: ReactNode;
  wide?: boolean;
  /** Shown inside the dialog when the confirmed action failed, e.g. the API's message. */
  error?: string;
  busy?: boolean;
  /** Where focus goes when it closes instead of the control that opened it; see Dialog's `returnFocus`. */
  returnFocus?: () => HTMLElement | null | undefined;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal question with Cancel and one (destructive) action; Escape cancels. */
export function ConfirmDialog({
  open,
  title,
  message,
  confirmLabel,
  details,
  wide,
  error,
  busy = false,
  returnFocus,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const messageId = useId();
  return (
    <Dialog open={open} title={title} describedBy={messageId} wide={wide} returnFocus={returnFocus} onCancel={() => !busy && onCancel()}>
      <p id={messageId}>{message}</p>
      {details}
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

/**
 * A ConfirmDialog whose action is one GraphQL mutation: busy while it runs, the API's message inside the dialog
 * when it is refused, `onDone` with its data when it succeeds.
 */
export function ConfirmMutationDialog<Data, Variables extends AnyVariables>({
  mutation,
  variables,
  context,
  title,
  message,
  confirmLabel,
  details,
  wide,
  focusAfterDone,
  onDone,
  onCancel,
}: {
  mutation: DocumentInput<Data, Variables>;
  variables: Variables;
  context?: Partial<OperationContext>;
  title: string;
  message: string;
  confirmLabel: string;
  details?: ReactNode;
  wide?: boolean;
  /** Where focus goes once the action succeeded, when it removes the control that opened the dialog (e.g. a deleted row's). */
  focusAfterDone?: () => HTMLElement | null | undefined;
  onDone: (data: Data) => void;
  onCancel: () => void;
}) {
  const [error, setError] = useState<string>();
  const [{ fetching }, run] = useMutation(mutation);
  const done = useRef(false);

  async function handleConfirm() {
    setError(undefined);
    const result = await run(variables, context);
    if (result.error || !result.data) setError(result.error ? describeError(result.error).message : 'Nothing happened. Try again.');
    else {
      done.current = true;
      onDone(result.data);
    }
  }

  return (
    <ConfirmDialog
      open
      title={title}
      message={message}
      confirmLabel={confirmLabel}
      details={details}
      wide={wide}
      error={error}
      busy={fetching}
      returnFocus={() => (done.current ? focusAfterDone?.() : undefined)}
      onConfirm={handleConfirm}
      onCancel={onCancel}
    />
  );
}
