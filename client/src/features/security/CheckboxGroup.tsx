export interface CheckboxOption<Value extends string> {
  value: Value;
  label: string;
  description?: string;
}

/** A fieldset of checkboxes (a user's teams, a team's permissions); its legend names the group. */
export function CheckboxGroup<Value extends string>({
  id,
  legend,
  options,
  selected,
  onChange,
  emptyMessage,
  error,
}: {
  /** Prefix of the checkboxes' ids; the first checkbox takes focus when the API names this field. */
  id: string;
  legend: string;
  options: readonly CheckboxOption<Value>[];
  selected: readonly Value[];
  onChange: (selected: Value[]) => void;
  emptyMessage?: string;
  error?: string;
}) {
  return (
    <fieldset className={error ? 'choice-group choice-group-invalid' : 'choice-group'} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.length === 0 && emptyMessage && <p className="muted small">{emptyMessage}</p>}
      <ul className="choice-list">
        {options.map((option, index) => {
          const inputId = index === 0 ? id : `${id}-${option.value}`;
          const descriptionId = `${inputId}-description`;
          return (
            <li key={option.value} className="choice">
              <input
                id={inputId}
                type="checkbox"
                checked={selected.includes(option.value)}
                aria-describedby={option.description ? descriptionId : undefined}
                onChange={(event) =>
                  onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))
                }
              />
              <label htmlFor={inputId}>{option.label}</label>
              {option.description && (
                <span id={descriptionId} className="choice-description">
                  {option.description}
                </span>
              )}
            </li>
          );
        })}
      </ul>
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
