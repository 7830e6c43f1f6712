import { type KeyboardEvent, useState } from 'react';

interface ChipsInputProps {
  id: string;
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  disabled?: boolean;
  invalid?: boolean;
  /** The values the form's check or the API refused: each such chip is marked, so the person sees which to fix. */
  invalidValues?: readonly string[];
  describedBy?: string;
  inputType?: 'text' | 'email';
}

/**
 * A list of short values typed one at a time: Enter, comma or leaving the box adds what was
 * typed; pasted lists are split. Duplicates, compared case-insensitively, are ignored.
 */
export function ChipsInput({
  id,
  values,
  onChange,
  placeholder,
  disabled = false,
  invalid = false,
  invalidValues = [],
  describedBy,
  inputType = 'text',
}: ChipsInputProps) {
  const [draft, setDraft] = useState('');

  function add(text: string) {
    const next = [...values];
    for (const value of text.split(/[\s,;]+/)) {
      if (value && !next.some((v) => v.toLowerCase() === value.toLowerCase())) next.push(value);
    }
    if (next.length !== values.length) onChange(next);
    setDraft('');
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft);
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div className={invalid ? 'chips chips-invalid' : 'chips'}>
      {values.length > 0 && (
        <ul className="chip-list">
          {values.map((value) => {
            // The API names a bad value trimmed and cut to 100 characters.
            const bad = invalidValues.includes(value.trim().slice(0, 100));
            return (
              <li key={value} className={bad ? 'chip chip-invalid' : 'chip'}>
                <span className="chip-text">{value}</span>
                {bad && <span className="chip-flag">not valid</span>}
                {!disabled && (
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={bad ? `Remove ${value} (not valid)` : `Remove ${value}`}
                    onClick={() => onChange(values.filter((v) => v !== value))}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <input
        id={id}
        type={inputType}
        className="chip-input"
        value={draft}
        placeholder={disabled ? undefined : placeholder}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        onChange={(event) => {
          const text = event.target.value;
          // A paste holding several values becomes several chips at once.
          if (/[,;\n]/.test(text)) add(text);
          else setDraft(text);
        }}
        onKeyDown={handleKeyDown}
        onBlur={() => add(draft)}
      />
    </div>
  );
}
