import { Field, fieldDescription } from '../../components/Field';

/** A PEM certificate signing request pasted as text, for Add certificate and Renew. */
export function CsrField({
  id,
  label,
  help,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  value: string;
  error: string | undefined;
  onChange: (csr: string) => void;
}) {
  return (
    <Field id={id} label={label} help={help} error={error}>
      <textarea
        id={id}
        className="pem-input"
        rows={8}
        value={value}
        spellCheck={false}
        autoComplete="off"
        placeholder="-----BEGIN CERTIFICATE REQUEST-----"
        aria-invalid={error ? true : undefined}
        aria-describedby={fieldDescription(id, true, error)}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}
