import { useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ApiResourcesQuery } from './queries';

/**
 * Scopes are sent to the API by name (`CreateApiClientInput.scopes: [String!]`); this is the one
 * place that decides which value of a scope the form holds.
 */
export function scopeValue(scope: { name: string }): string {
  return scope.name;
}

/** The tenant's scope catalog, one fieldset per API with "Select all" / "Unselect all". */
export function ScopePicker({
  selected,
  onChange,
  disabled,
  error,
}: {
  selected: string[];
  onChange: (selected: string[]) => void;
  disabled: boolean;
  error?: string;
}) {
  const [{ data, error: loadError, fetching }] = useQuery({ query: ApiResourcesQuery });

  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <h2 className="field-heading" id="scopes-heading">
        Scopes
      </h2>
      {loadError && <ErrorMessage error={loadError} />}
      {fetching && !data && <p className="muted">Loading the scope catalog…</p>}
      {data?.apiResources.length === 0 && <p className="muted">This tenant has no APIs in its scope catalog yet.</p>}
      {data?.apiResources.map((resource) => {
        const values = resource.scopes.map(scopeValue);
        return (
          <fieldset key={resource.id} className="scope-group">
            <legend>{resource.name}</legend>
            <div className="scope-group-header">
              <code className="muted">{resource.audience}</code>
              {!disabled && values.length > 0 && (
                <span className="scope-group-actions">
                  <button type="button" className="button button-small" onClick={() => onChange([...new Set([...selected, ...values])])}>
                    Select all
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => onChange(selected.filter((value) => !values.includes(value)))}
                  >
                    Unselect all
                  </button>
                </span>
              )}
            </div>
            {resource.scopes.length === 0 && <p className="muted">This API has no scopes.</p>}
            <ul className="scope-list">
              {resource.scopes.map((scope) => {
                const value = scopeValue(scope);
                const inputId = `scope-${scope.id}`;
                return (
                  <li key={scope.id} className="scope">
                    <input
                      id={inputId}
                      type="checkbox"
                      checked={selected.includes(value)}
                      disabled={disabled}
                      aria-describedby={scope.description ? `${inputId}-description` : undefined}
                      onChange={(event) => onChange(event.target.checked ? [...selected, value] : selected.filter((v) => v !== value))}
                    />
                    <label htmlFor={inputId} className="scope-name">
                      {scope.name}
                    </label>
                    {scope.description && (
                      <span id={`${inputId}-description`} className="scope-description">
                        {scope.description}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        );
      })}
      {error && (
        <p id="client-scopes-error" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
