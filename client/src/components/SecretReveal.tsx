import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { CopyButton } from './CopyButton';

const MASK = '•';

interface SecretRevealProps {
  /** The value shown once: a client secret, a certificate password, an API key. */
  value: string;
  /** The field's label, e.g. "Client secret". */
  label: string;
  /** What the value is called in the button names and the warning, e.g. "secret" or "password". */
  noun: string;
  /** Ends the one chance to see the value; the caller drops it. */
  onContinue: () => void;
  /** More buttons, shown before Continue (e.g. "Download again"). */
  actions?: ReactNode;
}

/**
 * A value Keyward shows only once: masked until the eye is selected (the value is not in the page
 * while masked), a copy button, and a warning that it is gone after Continue.
 */
export function SecretReveal({ value, label, noun, onContinue, actions }: SecretRevealProps) {
  const [shown, setShown] = useState(false);
  const fieldId = useId();
  const warningId = useId();
  const valueRef = useRef<HTMLInputElement>(null);

  // It usually replaces the form whose button had focus: put focus on the value, which reads out the warning with it.
  useEffect(() => valueRef.current?.focus(), []);

  return (
    <div className="secret-reveal">
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        <div className="secret-field">
          <input
            ref={valueRef}
            id={fieldId}
            type="text"
            className="secret-value"
            readOnly
            value={shown ? value : MASK.repeat(value.length)}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={warningId}
            data-autofocus
            onFocus={(event) => event.target.select()}
          />
          <button
            type="button"
            className="button icon-button"
            aria-label={shown ? `Hide ${noun}` : `Show ${noun}`}
            title={shown ? `Hide ${noun}` : `Show ${noun}`}
            onClick={() => setShown(!shown)}
          >
            <EyeIcon crossed={shown} />
          </button>
          <CopyButton value={value} label={`Copy ${noun}`} />
        </div>
      </div>
      <p id={warningId} className="warning-message">
        Copy this {noun} now. It cannot be retrieved after you select Continue.
      </p>
      <div className="dialog-actions">
        {actions}
        <button type="button" className="button button-primary" onClick={onContinue}>
          Continue
        </button>
      </div>
    </div>
  );
}

function EyeIcon({ crossed }: { crossed: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" fill="none" stroke="currentColor" strokeWidth="2" />
      <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" strokeWidth="2" />
      {crossed && <path d="M4 20 20 4" stroke="currentColor" strokeWidth="2" />}
    </svg>
  );
}
