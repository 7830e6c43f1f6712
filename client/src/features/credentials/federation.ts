import type { FederationPreset, GitHubRunsFrom } from './labels';

/** GitHub's issuer for Actions tokens on github.com (GitHub Enterprise Server names its own, so the field stays editable). */
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** The audience the README's recipes request (`audience=keyward`); any value works as long as both sides use the same. */
export const DEFAULT_AUDIENCE = 'keyward';
/** The API refuses more (createFederatedCredential's claims). */
export const MAX_CLAIM_CONDITIONS = 10;

export interface ClaimConditionDraft {
  /** Stable across removals, so React keeps each row's inputs (and focus) with its row. */
  key: number;
  name: string;
  value: string;
}

/** Everything the federated fields hold; issuer, audience, subject and claims are what is sent. */
export interface FederatedDraft {
  preset: FederationPreset;
  repository: string;
  runsFrom: GitHubRunsFrom;
  gitRef: string;
  namespace: string;
  serviceAccount: string;
  issuer: string;
  audience: string;
  subject: string;
  claims: ClaimConditionDraft[];
}

export function initialFederatedDraft(): FederatedDraft {
  return {
    preset: 'github',
    repository: '',
    runsFrom: 'branch',
    gitRef: 'main',
    namespace: '',
    serviceAccount: '',
    issuer: GITHUB_ISSUER,
    audience: DEFAULT_AUDIENCE,
    subject: '',
    claims: [],
  };
}

/** The sub GitHub puts in a job's token: `repo:OWNER/REPO:ref:refs/heads/BRANCH` or `repo:OWNER/REPO:environment:NAME`. */
export function githubSubject(repository: string, runsFrom: GitHubRunsFrom, gitRef: string): string {
  const repo = repository.trim();
  const name = gitRef.trim();
  if (!repo || !name) return '';
  return runsFrom === 'branch' ? `repo:${repo}:ref:refs/heads/${name}` : `repo:${repo}:environment:${name}`;
}

/** The sub of a Kubernetes service account's token: `system:serviceaccount:NAMESPACE:NAME`. */
export function kubernetesSubject(namespace: string, serviceAccount: string): string {
  const ns = namespace.trim();
  const name = serviceAccount.trim();
  return ns && name ? `system:serviceaccount:${ns}:${name}` : '';
}

/** The subject a preset builds from its inputs; `null` for "Other", where the subject is only typed. */
function presetSubject(draft: FederatedDraft): string | null {
  if (draft.preset === 'github') return githubSubject(draft.repository, draft.runsFrom, draft.gitRef);
  if (draft.preset === 'kubernetes') return kubernetesSubject(draft.namespace, draft.serviceAccount);
  return null;
}

/**
 * The draft after the user changed `changes`: a change to a preset's own inputs (or picking a preset) fills the
 * subject again, and picking GitHub Actions fills GitHub's issuer; a subject or issuer typed by hand stays until then.
 */
export function updateDraft(draft: FederatedDraft, changes: Partial<FederatedDraft>): FederatedDraft {
  const next = { ...draft, ...changes };
  const presetInputs: (keyof FederatedDraft)[] = ['preset', 'repository', 'runsFrom', 'gitRef', 'namespace', 'serviceAccount'];
  if (presetInputs.some((input) => input in changes && changes[input] !== draft[input])) {
    next.subject = presetSubject(next) ?? next.subject;
  }
  if (changes.preset && changes.preset !== draft.preset) {
    if (changes.preset === 'github') next.issuer = GITHUB_ISSUER;
    else if (draft.issuer === GITHUB_ISSUER) next.issuer = '';
  }
  return next;
}

/** An empty row, keyed apart from the others (the draft outlives the fields when the type is switched back and forth). */
export function newClaimCondition(claims: readonly ClaimConditionDraft[]): ClaimConditionDraft {
  return { key: Math.max(0, ...claims.map((claim) => claim.key)) + 1, name: '', value: '' };
}

/** The claim conditions to send: rows left entirely blank are dropped, half-filled ones go to the API, which names what is missing. */
export function claimsToSend(claims: readonly ClaimConditionDraft[]): { name: string; value: string }[] {
  return claims
    .map((claim) => ({ name: claim.name.trim(), value: claim.value.trim() }))
    .filter((claim) => claim.name !== '' || claim.value !== '');
}

/** Sets a claim at a dotted path, as the API reads `kubernetes.io.namespace` (objects on the way are created). */
function setClaim(claims: Record<string, unknown>, name: string, value: unknown) {
  if (name in claims || !name.includes('.')) {
    claims[name] = value;
    return;
  }
  // `kubernetes.io` is one claim whose name has a dot: an existing object under a longer prefix is reached first.
  const parts = name.split('.');
  for (let split = parts.length - 1; split > 0; split--) {
    const head = parts.slice(0, split).join('.');
    const inner = claims[head];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      setClaim(inner as Record<string, unknown>, parts.slice(split).join('.'), value);
      return;
    }
  }
  const [first, ...rest] = parts;
  const inner: Record<string, unknown> = {};
  claims[first] = inner;
  setClaim(inner, rest.join('.'), value);
}

/**
 * The claims of a token the credential would accept, for the dialog to show: iss, aud and sub as typed, a few claims the
 * platform adds, and each claim condition. A pattern is shown as typed: a token's value must match it.
 */
export function exampleTokenClaims(draft: FederatedDraft): Record<string, unknown> {
  const audience = draft.audience.trim();
  const claims: Record<string, unknown> = {
    iss: draft.issuer.trim(),
    // Kubernetes lists its audiences; GitHub names one.
    aud: draft.preset === 'kubernetes' ? [audience] : audience,
    sub: draft.subject.trim(),
  };
  if (draft.preset === 'github') {
    const repository = draft.repository.trim();
    claims.repository = repository;
    claims.repository_owner = repository.split('/')[0];
    if (draft.runsFrom === 'branch') claims.ref = `refs/heads/${draft.gitRef.trim()}`;
    else claims.environment = draft.gitRef.trim();
  } else if (draft.preset === 'kubernetes') {
    claims['kubernetes.io'] = { namespace: draft.namespace.trim(), serviceaccount: { name: draft.serviceAccount.trim() } };
  }
  for (const condition of claimsToSend(draft.claims)) {
    if (condition.name) setClaim(claims, condition.name, condition.value);
  }
  return claims;
}

/** Whether a subject or claim value is a pattern rather than one exact value. */
export function isPattern(value: string): boolean {
  return /[*?]/.test(value);
}
