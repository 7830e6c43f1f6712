import { Field, fieldDescription } from '../../components/Field';
import {
  type ClaimConditionDraft,
  exampleTokenClaims,
  type FederatedDraft,
  isPattern,
  MAX_CLAIM_CONDITIONS,
  newClaimCondition,
  updateDraft,
} from './federation';
import { FEDERATION_PRESET_OPTIONS, GITHUB_RUNS_FROM_OPTIONS } from './labels';

const ISSUER_HELP: Record<FederatedDraft['preset'], string> = {
  github:
    'Filled in for GitHub Actions on github.com. On GitHub Enterprise Server give your server’s issuer, as its tokens name it in iss.',
  kubernetes:
    'Your cluster’s service-account issuer, exactly as its tokens name it in iss (kubectl get --raw /.well-known/openid-configuration shows it). Keyward must be able to reach it over https://.',
  other:
    'The issuer exactly as its tokens name it in iss. Keyward reads its /.well-known/openid-configuration when you create the credential.',
};
const AUDIENCE_HELP =
  'What the workload asks its issuer to put in aud: the audience=… of GitHub’s token request, or the audience of a Kubernetes projected token.';
const SUBJECT_HELP =
  'The sub the tokens must carry: exact, or a pattern where * stands for any run of characters (/ and : included) and ? for exactly one. Everything else stands for itself.';
const CLAIMS_HELP =
  'Further claims the tokens must carry, e.g. job_workflow_ref for GitHub; a dotted name reaches into objects (kubernetes.io.namespace). Values are exact or patterns, as for the subject.';

/** The control that gets focus when the API refuses the claim conditions. */
export const FIRST_CLAIM_CONTROL_ID = 'credential-claim-1-name';

/**
 * A federated credential's rule: a preset (GitHub Actions, Kubernetes, any other issuer) that fills the issuer and
 * builds the subject, the fields themselves (still editable by hand), claim conditions, and a token that would pass.
 */
export function FederatedFields({
  draft,
  fieldError,
  onChange,
}: {
  draft: FederatedDraft;
  fieldError: (field: string) => string | undefined;
  onChange: (draft: FederatedDraft) => void;
}) {
  const change = (changes: Partial<FederatedDraft>) => onChange(updateDraft(draft, changes));
  const setClaims = (claims: ClaimConditionDraft[]) => change({ claims });
  const issuerError = fieldError('issuer');
  const audienceError = fieldError('audience');
  const subjectError = fieldError('subject');
  const claimsError = fieldError('claims');
  const example = JSON.stringify(exampleTokenClaims(draft), null, 2);
  const patterned = isPattern(draft.subject) || draft.claims.some((claim) => isPattern(claim.value));
  return (
    <>
      <fieldset className="choice-group">
        <legend>Where the workload runs</legend>
        <ul className="choice-list">
          {FEDERATION_PRESET_OPTIONS.map((option) => (
            <li key={option.value} className="choice">
              <input
                id={`credential-preset-${option.value}`}
                type="radio"
                name="credential-preset"
                checked={draft.preset === option.value}
                aria-describedby={`credential-preset-${option.value}-description`}
                onChange={() => change({ preset: option.value })}
              />
              <label htmlFor={`credential-preset-${option.value}`}>{option.label}</label>
              <span id={`credential-preset-${option.value}-description`} className="choice-description">
                {option.description}
              </span>
            </li>
          ))}
        </ul>
      </fieldset>
      {draft.preset === 'github' && (
        <>
          <Field
            id="credential-github-repository"
            label="Repository"
            help="The owner and name, as in acme/api; acme/* for every repository of acme."
          >
            <input
              id="credential-github-repository"
              type="text"
              spellCheck={false}
              autoComplete="off"
              placeholder="owner/repo"
              value={draft.repository}
              aria-describedby="credential-github-repository-help"
              onChange={(event) => change({ repository: event.target.value })}
            />
          </Field>
          <fieldset className="choice-group">
            <legend>The job runs on</legend>
            <ul className="choice-list choice-list-inline">
              {GITHUB_RUNS_FROM_OPTIONS.map((option) => (
                <li key={option.value} className="choice">
                  <input
                    id={`credential-github-runs-from-${option.value}`}
                    type="radio"
                    name="credential-github-runs-from"
                    checked={draft.runsFrom === option.value}
                    onChange={() => change({ runsFrom: option.value })}
                  />
                  <label htmlFor={`credential-github-runs-from-${option.value}`}>{option.label}</label>
                </li>
              ))}
            </ul>
          </fieldset>
          <Field
            id="credential-github-ref"
            label={draft.runsFrom === 'branch' ? 'Branch' : 'Environment'}
            help={
              draft.runsFrom === 'branch'
                ? 'Jobs that run on this branch, e.g. main. A job that names an environment gets an environment subject instead.'
                : 'Jobs that deploy to this GitHub environment, e.g. production.'
            }
          >
            <input
              id="credential-github-ref"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={draft.gitRef}
              aria-describedby="credential-github-ref-help"
              onChange={(event) => change({ gitRef: event.target.value })}
            />
          </Field>
        </>
      )}
      {draft.preset === 'kubernetes' && (
        <>
          <Field id="credential-k8s-namespace" label="Namespace">
            <input
              id="credential-k8s-namespace"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={draft.namespace}
              onChange={(event) => change({ namespace: event.target.value })}
            />
          </Field>
          <Field id="credential-k8s-service-account" label="Service account" help="The service account the pods run as.">
            <input
              id="credential-k8s-service-account"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={draft.serviceAccount}
              aria-describedby="credential-k8s-service-account-help"
              onChange={(event) => change({ serviceAccount: event.target.value })}
            />
          </Field>
        </>
      )}
      <Field id="credential-issuer" label="Issuer URL" help={ISSUER_HELP[draft.preset]} error={issuerError}>
        <input
          id="credential-issuer"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="https://"
          value={draft.issuer}
          aria-invalid={issuerError ? true : undefined}
          aria-describedby={fieldDescription('credential-issuer', true, issuerError)}
          onChange={(event) => change({ issuer: event.target.value })}
        />
      </Field>
      <Field id="credential-audience" label="Audience" help={AUDIENCE_HELP} error={audienceError}>
        <input
          id="credential-audience"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft.audience}
          aria-invalid={audienceError ? true : undefined}
          aria-describedby={fieldDescription('credential-audience', true, audienceError)}
          onChange={(event) => change({ audience: event.target.value })}
        />
      </Field>
      <Field id="credential-subject" label="Subject" help={SUBJECT_HELP} error={subjectError}>
        <input
          id="credential-subject"
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={draft.subject}
          aria-invalid={subjectError ? true : undefined}
          aria-describedby={fieldDescription('credential-subject', true, subjectError)}
          onChange={(event) => change({ subject: event.target.value })}
        />
      </Field>
      <fieldset
        className={claimsError ? 'choice-group choice-group-invalid' : 'choice-group'}
        aria-describedby={fieldDescription('credential-claims', true, claimsError)}
      >
        <legend>Claim conditions (optional)</legend>
        <p id="credential-claims-help" className="field-help">
          {CLAIMS_HELP}
        </p>
        {draft.claims.map((claim, index) => (
          <ClaimRow
            key={claim.key}
            claim={claim}
            number={index + 1}
            invalid={Boolean(claimsError)}
            onChange={(changed) => setClaims(draft.claims.map((other) => (other.key === claim.key ? changed : other)))}
            onRemove={() => setClaims(draft.claims.filter((other) => other.key !== claim.key))}
          />
        ))}
        {claimsError && (
          <p id="credential-claims-error" className="field-error">
            {claimsError}
          </p>
        )}
        {draft.claims.length < MAX_CLAIM_CONDITIONS ? (
          <button
            type="button"
            className="button button-small"
            onClick={() => setClaims([...draft.claims, newClaimCondition(draft.claims)])}
          >
            Add condition
          </button>
        ) : (
          <p className="field-help">That is the most a credential can have ({MAX_CLAIM_CONDITIONS}).</p>
        )}
      </fieldset>
      <figure className="command-block">
        <figcaption>A token this credential accepts</figcaption>
        <pre className="command" aria-describedby="credential-example-help">
          <code>{example}</code>
        </pre>
        <p id="credential-example-help" className="field-help">
          {patterned
            ? 'The claims such a token carries, besides its expiry: where you gave a pattern, the token’s value must match it.'
            : 'The claims such a token carries, besides its expiry, signed with one of the issuer’s keys.'}
        </p>
      </figure>
    </>
  );
}

function ClaimRow({
  claim,
  number,
  invalid,
  onChange,
  onRemove,
}: {
  claim: ClaimConditionDraft;
  number: number;
  invalid: boolean;
  onChange: (claim: ClaimConditionDraft) => void;
  onRemove: () => void;
}) {
  const id = `credential-claim-${number}`;
  const describedBy = invalid ? 'credential-claims-error' : undefined;
  return (
    <div className="claim-row">
      <Field id={`${id}-name`} label={`Claim ${number}`}>
        <input
          id={`${id}-name`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="repository_owner"
          value={claim.name}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange({ ...claim, name: event.target.value })}
        />
      </Field>
      <Field id={`${id}-value`} label={`Value ${number}`}>
        <input
          id={`${id}-value`}
          type="text"
          spellCheck={false}
          autoComplete="off"
          value={claim.value}
          aria-invalid={invalid ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange({ ...claim, value: event.target.value })}
        />
      </Field>
      <button type="button" className="button button-small claim-remove" aria-label={`Remove condition ${number}`} onClick={onRemove}>
        Remove
      </button>
    </div>
  );
}
