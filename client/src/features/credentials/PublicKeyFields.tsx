import { Field, fieldDescription } from '../../components/Field';
import { PUBLIC_KEY_SOURCE_OPTIONS, type PublicKeySource } from './labels';

const PUBLIC_KEY_HELP =
  'The public half of the key your integration signs its token requests with: a PEM public key (-----BEGIN PUBLIC KEY-----) or one JWK in JSON. RSA (2048 bits or more), EC P-256 or Ed25519. Never paste the private key.';
const JWKS_URI_HELP =
  'An https:// address where your integration publishes its public keys as a JWK set, e.g. https://example.com/.well-known/jwks.json.';

/** A private key JWT credential's public key: pasted (PEM or JWK), or the https URL of the client's JWK set. */
export function PublicKeyFields({
  source,
  publicKey,
  jwksUri,
  fieldError,
  onSourceChange,
  onPublicKeyChange,
  onJwksUriChange,
}: {
  source: PublicKeySource;
  publicKey: string;
  jwksUri: string;
  fieldError: (field: string) => string | undefined;
  onSourceChange: (source: PublicKeySource) => void;
  onPublicKeyChange: (publicKey: string) => void;
  onJwksUriChange: (jwksUri: string) => void;
}) {
  const publicKeyError = fieldError('publicKey');
  const jwksUriError = fieldError('jwksUri');
  return (
    <>
      <fieldset className="choice-group">
        <legend>Public key</legend>
        <ul className="choice-list">
          {PUBLIC_KEY_SOURCE_OPTIONS.map((option) => (
            <li key={option.value} className="choice">
              <input
                id={`credential-key-source-${option.value}`}
                type="radio"
                name="credential-key-source"
                checked={source === option.value}
                aria-describedby={`credential-key-source-${option.value}-description`}
                onChange={() => onSourceChange(option.value)}
              />
              <label htmlFor={`credential-key-source-${option.value}`}>{option.label}</label>
              <span id={`credential-key-source-${option.value}-description`} className="choice-description">
                {option.description}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      {source === 'paste' ? (
        <Field id="credential-public-key" label="Public key (PEM or JWK)" help={PUBLIC_KEY_HELP} error={publicKeyError}>
          <textarea
            id="credential-public-key"
            className="pem-input"
            rows={8}
            value={publicKey}
            spellCheck={false}
            autoComplete="off"
            placeholder="-----BEGIN PUBLIC KEY-----"
            aria-invalid={publicKeyError ? true : undefined}
            aria-describedby={fieldDescription('credential-public-key', true, publicKeyError)}
            onChange={(event) => onPublicKeyChange(event.target.value)}
          />
        </Field>
      ) : (
        <Field id="credential-jwks-uri" label="JWKS URL" help={JWKS_URI_HELP} error={jwksUriError}>
          <input
            id="credential-jwks-uri"
            type="url"
            inputMode="url"
            spellCheck={false}
            autoComplete="off"
            placeholder="https://"
            value={jwksUri}
            aria-invalid={jwksUriError ? true : undefined}
            aria-describedby={fieldDescription('credential-jwks-uri', true, jwksUriError)}
            onChange={(event) => onJwksUriChange(event.target.value)}
          />
        </Field>
      )}
    </>
  );
}
