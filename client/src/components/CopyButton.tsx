import { useEffect, useState } from 'react';

const FEEDBACK_MS = 2000;

/** Copies `value` to the clipboard and says so; `label` names what is copied, e.g. "Copy secret". */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [outcome, setOutcome] = useState<'copied' | 'failed'>();

  useEffect(() => {
    if (outcome !== 'copied') return;
    const timer = window.setTimeout(() => setOutcome(undefined), FEEDBACK_MS);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  async function handleCopy() {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      setOutcome('failed');
    }
  }

  return (
    <span className="copy-button">
      <button type="button" className="button icon-button" aria-label={label} title={label} onClick={handleCopy}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <rect x="9" y="9" width="11" height="11" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
          <path d="M5 15V6a2 2 0 0 1 2-2h9" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      <span role="status" className={outcome === 'failed' ? 'copy-feedback copy-feedback-failed' : 'copy-feedback'}>
        {outcome === 'copied' && 'Copied'}
        {outcome === 'failed' && 'The browser did not allow copying: show the value, select it and copy it.'}
      </span>
    </span>
  );
}
