/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** Who did something: a user, a user via an API key, an API client, or Keyward itself. */
export type Actor = {
  __typename?: 'Actor';
  displayName: Scalars['String']['output'];
  id?: Maybe<Scalars['String']['output']>;
  type: ActorType;
};

/** Who made a change. */
export type ActorType =
  | 'API_KEY'
  | 'CLIENT'
  | 'SYSTEM'
  | 'USER';

/** A machine identity that obtains access tokens with its credentials. */
export type ApiClient = {
  __typename?: 'ApiClient';
  accessTokenLifetimeSeconds: Scalars['Int']['output'];
  /** IPv4/IPv6 addresses or CIDR blocks allowed to request tokens; empty = any address. */
  allowedIpRanges: Array<Scalars['String']['output']>;
  /** The OAuth client_id: `<tenant-slug>-<identifier>`. Never changes. */
  clientId: Scalars['String']['output'];
  /** Who receives expiry reminders; at least one. */
  contactEmails: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Actor;
  /** How many secrets and certificates the client holds (needs SECRET_ADMINISTRATION). */
  credentialCount: Scalars['Int']['output'];
  /** Secrets and certificates, soonest expiry first (needs SECRET_ADMINISTRATION). */
  credentials: Array<Credential>;
  description?: Maybe<Scalars['String']['output']>;
  /** A disabled client cannot obtain tokens, and the tokens it got before it was disabled stay inactive after re-enabling. */
  enabled: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  /** The chosen part of the client ID, if one was given. */
  identifier?: Maybe<Scalars['String']['output']>;
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The most access tokens one of its credentials may hold unexpired at once; null = the tenant's default. */
  maxActiveTokensPerCredential?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
  /** When the client’s next secret or certificate expires (the earliest, even if already past; rotated-away secrets and disabled credentials left out); null without any (needs SECRET_ADMINISTRATION). */
  nearestExpiry?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Only tokens bound to a key the client holds: a DPoP proof or its client certificate (tls_client_auth). A token request with neither is refused. */
  requireSenderConstrainedTokens: Scalars['Boolean']['output'];
  scopes: Array<Scope>;
  /** What happens past a quota; null = the tenant's default. */
  tokenQuotaMode?: Maybe<TokenQuotaMode>;
  /** Tokens per day (a calendar day, UTC); null = the tenant's default. */
  tokensPerDay?: Maybe<Scalars['Int']['output']>;
  /** Tokens per hour (a calendar hour, UTC); null = the tenant's default. */
  tokensPerHour?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
};

export type ApiClientConnection = {
  __typename?: 'ApiClientConnection';
  edges: Array<ApiClientEdge>;
  pageInfo: PageInfo;
  /** How many items match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ApiClientEdge = {
  __typename?: 'ApiClientEdge';
  cursor: Scalars['String']['output'];
  node: ApiClient;
};

/** The order of the client list; the client id breaks ties. */
export type ApiClientOrder = {
  direction: OrderDirection;
  field: ApiClientOrderField;
};

export type ApiClientOrderField =
  /** When the client was created. */
  | 'CREATED_AT'
  /** When it last got a token; a client never used counts as used before every other. */
  | 'LAST_USED_AT'
  /** The name, ignoring case. */
  | 'NAME';

export type ApiKeyPlacement =
  /** Sent as a header of the name given. */
  | 'HEADER'
  /** Sent as a query parameter of the name given. */
  | 'QUERY';

/** An API in the tenant catalog, with the scopes clients may be granted. */
export type ApiResource = {
  __typename?: 'ApiResource';
  /** The `aud` of access tokens that carry this API’s scopes. */
  audience: Scalars['String']['output'];
  /** True for the Keyward Management API, which cannot be changed. */
  builtIn: Scalars['Boolean']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  scopes: Array<Scope>;
};

/** One field changed by an event. Secret values never appear here. */
export type AuditChange = {
  __typename?: 'AuditChange';
  field: Scalars['String']['output'];
  from?: Maybe<Scalars['JSON']['output']>;
  to?: Maybe<Scalars['JSON']['output']>;
};

/** An append-only, hash-chained record of a change. */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  /** e.g. client.created, client.updated, auth.login_failed */
  action: Scalars['String']['output'];
  actor: Actor;
  /** The API client the event concerns, if any. */
  apiClientId?: Maybe<Scalars['ID']['output']>;
  changes: Array<AuditChange>;
  id: Scalars['ID']['output'];
  ipAddress?: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTimeISO']['output'];
  requestId?: Maybe<Scalars['String']['output']>;
  target?: Maybe<AuditTarget>;
  userAgent?: Maybe<Scalars['String']['output']>;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
  /** How many items match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** All given conditions must hold. */
export type AuditEventFilter = {
  /** An exact action such as client.updated, or a prefix ending in * such as client.* */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Events by this actor id (a user, API key or client id). */
  actorId?: InputMaybe<Scalars['String']['input']>;
  /** Events about this API client (by its id) and its credentials. */
  apiClientId?: InputMaybe<Scalars['ID']['input']>;
  /** Events at or after this instant. */
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Events before this instant. */
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

/** What an event was about. */
export type AuditTarget = {
  __typename?: 'AuditTarget';
  id: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
  /** API_CLIENT, CREDENTIAL, USER, TEAM, TENANT, … */
  type: Scalars['String']['output'];
};

/** A file to save, returned once. */
export type CertificateBundleFile = {
  __typename?: 'CertificateBundleFile';
  contentBase64: Scalars['String']['output'];
  filename: Scalars['String']['output'];
  mediaType: Scalars['String']['output'];
};

/** What Keyward keeps of an issued certificate. */
export type CertificateDetails = {
  __typename?: 'CertificateDetails';
  fromCsr: Scalars['Boolean']['output'];
  /** RSA_2048, EC_P256, … of the certified key. */
  keyAlgorithm: Scalars['String']['output'];
  notAfter: Scalars['DateTimeISO']['output'];
  notBefore: Scalars['DateTimeISO']['output'];
  /** Hex. */
  serialNumber: Scalars['String']['output'];
  subject: Scalars['String']['output'];
  /** SHA-256 of the DER certificate, hex. */
  thumbprintSha256: Scalars['String']['output'];
};

/** The key Keyward generates for a certificate without a CSR. */
export type CertificateKeyAlgorithm =
  | 'EC_P256'
  | 'RSA_2048';

export type CreateApiClientInput = {
  /** 300–86400 seconds. */
  accessTokenLifetimeSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** IPv4/IPv6 addresses or CIDR blocks; empty = any address. */
  allowedIpRanges?: InputMaybe<Array<Scalars['String']['input']>>;
  /** 1–10 addresses that receive expiry reminders. */
  contactEmails: Array<Scalars['String']['input']>;
  /** At most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** 3–40 of a-z 0-9 -; the client ID becomes <tenant-slug>-<identifier>. Empty → 16 random characters. */
  identifier?: InputMaybe<Scalars['String']['input']>;
  /** The most unexpired access tokens per credential, 1–100,000; null = the tenant's default. */
  maxActiveTokensPerCredential?: InputMaybe<Scalars['Int']['input']>;
  /** 1–100 characters. */
  name: Scalars['String']['input'];
  /** Refuse tokens not bound to a key the client holds (DPoP proof or client certificate). */
  requireSenderConstrainedTokens?: InputMaybe<Scalars['Boolean']['input']>;
  /** Scope names from the tenant catalog. */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What happens past a quota; null = the tenant's default. */
  tokenQuotaMode?: InputMaybe<TokenQuotaMode>;
  /** Tokens per day, 1–10,000,000; null = the tenant's default. */
  tokensPerDay?: InputMaybe<Scalars['Int']['input']>;
  /** Tokens per hour, 1–1,000,000; null = the tenant's default. */
  tokensPerHour?: InputMaybe<Scalars['Int']['input']>;
};

export type CreateApiResourceInput = {
  /** The absolute URI access tokens carry in `aud` for this API; unique in the tenant. */
  audience: Scalars['String']['input'];
  /** At most 500 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** 1–100 characters. */
  name: Scalars['String']['input'];
};

export type CreateCertificateInput = {
  /** A PEM PKCS#10 request (RSA ≥ 2048, EC P-256/P-384). Leave empty to have Keyward generate the key pair. */
  csr?: InputMaybe<Scalars['String']['input']>;
  /** At most 200 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The certificate’s notAfter: in the future, at most 365 days ahead (whole seconds). */
  expiresAt: Scalars['DateTimeISO']['input'];
  /** Ignored when a CSR is given. */
  keyAlgorithm?: InputMaybe<CertificateKeyAlgorithm>;
};

export type CreateCertificatePayload = {
  __typename?: 'CreateCertificatePayload';
  /** A zip: <clientId>.pfx, <clientId>.jks (generated key only), <clientId>.crt, ca.cert.pem, intermediate.cert.pem, ca-chain.cert.pem. */
  bundle: CertificateBundleFile;
  credential: Credential;
  /** The PFX/JKS password, shown only here; null for a CSR. */
  password?: Maybe<Scalars['String']['output']>;
};

export type CreateClientSecretInput = {
  /** At most 200 characters, e.g. where the secret is used. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** When the secret stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum). */
  expiresAt: Scalars['DateTimeISO']['input'];
};

export type CreateClientSecretPayload = {
  __typename?: 'CreateClientSecretPayload';
  credential: Credential;
  /** The secret itself. Shown only in this response: Keyward stores only a keyed hash. */
  secret: Scalars['String']['output'];
};

export type CreateFederatedCredentialInput = {
  /** The audience the tokens must carry in aud, as the workload requests it from its issuer. */
  audience: Scalars['String']['input'];
  /** Further claims the tokens must carry; at most 10. */
  claims?: InputMaybe<Array<FederatedClaimConditionInput>>;
  /** At most 200 characters, e.g. which workflow or workload uses it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** When the credential stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum). */
  expiresAt: Scalars['DateTimeISO']['input'];
  /** The external issuer exactly as its tokens name it in iss, e.g. https://token.actions.githubusercontent.com; its /.well-known/openid-configuration is read now. */
  issuer: Scalars['String']['input'];
  /** The sub the tokens must carry: exact, or a glob such as repo:acme/*:ref:refs/heads/main (* any run of characters, ? one). */
  subject: Scalars['String']['input'];
};

export type CreatePersonalApiKeyInput = {
  /** When the key stops working: in the future, at most 365 days ahead, or the tenant’s `maxCredentialLifetimeDays` when that is shorter. Leave it out for 90 days from now (or that maximum when shorter). */
  expiresAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** What the key is for, e.g. "ERP integration": 1–100 characters. */
  name: Scalars['String']['input'];
  /** What the key may do: at least one of the permissions you hold (naming one you lack is FORBIDDEN). Leave it out for all of yours except SECURITY_ADMINISTRATION, which a key gets only when it is named here. */
  permissions?: InputMaybe<Array<Permission>>;
};

/** A personal API key and its value, which is shown only here, once. */
export type CreatePersonalApiKeyPayload = {
  __typename?: 'CreatePersonalApiKeyPayload';
  apiKey: PersonalApiKey;
  /** The key itself (`kwpat_…`), to send as `Authorization: Bearer <token>`. Shown only in this response: Keyward stores only a keyed hash. */
  token: Scalars['String']['output'];
};

export type CreatePrivateKeyJwtCredentialInput = {
  /** At most 200 characters, e.g. which integration signs with the key. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** When the credential stops working: in the future, at most 365 days ahead (or the tenant’s lower maximum). */
  expiresAt: Scalars['DateTimeISO']['input'];
  /** An https URL of the client’s JWK set, fetched now and cached (fetched again for a key ID it lacks). Give this or publicKey. */
  jwksUri?: InputMaybe<Scalars['String']['input']>;
  /** The public key the client signs its assertions with: a JWK (JSON) or a PEM public key; RSA (2048 bits or more), EC P-256 or Ed25519. Give this or jwksUri. */
  publicKey?: InputMaybe<Scalars['String']['input']>;
};

export type CreateScopeInput = {
  /** At most 300 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Unique in the tenant; an OAuth scope token (no spaces), e.g. orders:read. It never changes once created. */
  name: Scalars['String']['input'];
};

export type CreateTeamInput = {
  /** Unique in the tenant; 1–100 characters. */
  name: Scalars['String']['input'];
  permissions?: InputMaybe<Array<Permission>>;
};

export type CreateUserInput = {
  /** The address the person signs in with; unique across Keyward. */
  email: Scalars['String']['input'];
  /** 1–100 characters. */
  name: Scalars['String']['input'];
  /** The teams the user joins; their permissions are the union of these teams’. */
  teamIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A new user and the temporary password to hand over; it is shown only here, once. */
export type CreateUserPayload = {
  __typename?: 'CreateUserPayload';
  /** Shown once. The user must replace it with a password of their own at first sign-in. */
  temporaryPassword: Scalars['String']['output'];
  user: User;
};

/** A new endpoint and its signing secret, shown this once. */
export type CreatedWebhookEndpoint = {
  __typename?: 'CreatedWebhookEndpoint';
  endpoint: WebhookEndpoint;
  /** The `whsec_…` secret that signs every delivery (Standard Webhooks). Shown only now: Keyward cannot show it again. */
  signingSecret: Scalars['String']['output'];
};

/** A client secret or certificate of an API client (metadata only; values are shown once, at creation). */
export type Credential = {
  __typename?: 'Credential';
  /** The API client this credential belongs to. */
  apiClient: ApiClient;
  apiClientId: Scalars['ID']['output'];
  /** Set for certificates. */
  certificate?: Maybe<CertificateDetails>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Actor;
  /** Whole days until it expires, rounded up; null once it has expired. */
  daysLeft?: Maybe<Scalars['Int']['output']>;
  description?: Maybe<Scalars['String']['output']>;
  /** A disabled credential authenticates nothing, gets no reminders, and the tokens it obtained before it was disabled stay inactive after re-enabling. */
  enabled: Scalars['Boolean']['output'];
  expiresAt: Scalars['DateTimeISO']['output'];
  /** Set for federated credentials. */
  federated?: Maybe<FederatedCredentialDetails>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Set for private key JWT credentials. */
  privateKeyJwt?: Maybe<PrivateKeyJwtDetails>;
  /** Expiry reminders about this credential, newest first. */
  reminders: Array<ReminderDelivery>;
  /** Set on a certificate made by renewCertificate: the certificate it renews, which keeps working until its own expiry. */
  renewalOfId?: Maybe<Scalars['ID']['output']>;
  /** Set on a secret that was rotated: the secret that replaces it. */
  replacedById?: Maybe<Scalars['ID']['output']>;
  /** For a secret: `kwcs_…` and its last four characters. */
  secretHint?: Maybe<Scalars['String']['output']>;
  status: CredentialStatus;
  type: CredentialType;
};

/** The longest a credential of one kind may last. */
export type CredentialKindLifetime = {
  __typename?: 'CredentialKindLifetime';
  /** What applies: the policy’s maximum, within the tenant’s. */
  effectiveMaxLifetimeDays: Scalars['Int']['output'];
  kind: CredentialType;
  /** The policy’s maximum in days; null: the tenant’s maxCredentialLifetimeDays. */
  maxLifetimeDays?: Maybe<Scalars['Int']['output']>;
};

export type CredentialKindLifetimeInput = {
  kind: CredentialType;
  /** From 1 to the tenant’s maxCredentialLifetimeDays; null: that maximum. */
  maxLifetimeDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A rule of the tenant’s credential policy; a refusal by it carries the same value in `extensions.policyRule`. */
export type CredentialPolicyRule =
  /** Which curves (EC, Ed25519) a certificate or private_key_jwt key may use. */
  | 'allowedKeyCurves'
  /** Which kinds of credential may be created. */
  | 'allowedKinds'
  /** The longest a credential of one kind may last. */
  | 'maxLifetimeDays'
  /** The smallest RSA key of a certificate or private_key_jwt key. */
  | 'minRsaKeyBits'
  /** The longest a personal API key may last. */
  | 'personalApiKeyMaxLifetimeDays';

/** The tenant’s credential policy. It applies to credentials and personal API keys created (renewed, rotated) from now on; existing ones that break it keep working and are listed by credentialPolicyViolations. */
export type CredentialPolicyView = {
  __typename?: 'CredentialPolicyView';
  /** The curves accepted for a certificate or private_key_jwt key (all, unless restricted). */
  allowedKeyCurves: Array<KeyCurve>;
  /** The kinds that may be created (all, unless restricted). */
  allowedKinds: Array<CredentialType>;
  /** What applies to personal API keys: the policy’s maximum, within 365 days and the tenant’s maximum. */
  effectivePersonalApiKeyMaxLifetimeDays: Scalars['Int']['output'];
  /** Every kind, with its maximum lifetime. */
  kindLifetimes: Array<CredentialKindLifetime>;
  /** The smallest RSA key accepted for a certificate or private_key_jwt key: 2048 (default), 3072 or 4096. */
  minRsaKeyBits: Scalars['Int']['output'];
  /** The policy’s maximum lifetime of personal API keys in days; null: no policy limit. */
  personalApiKeyMaxLifetimeDays?: Maybe<Scalars['Int']['output']>;
};

/** An existing credential or personal API key that breaks the tenant’s current credential policy. It keeps working. */
export type CredentialPolicyViolation = {
  __typename?: 'CredentialPolicyViolation';
  /** The `id` of its API client; null for a personal API key. */
  apiClientId?: Maybe<Scalars['ID']['output']>;
  /** The client ID of its API client; null for a personal API key. */
  clientId?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Null for a personal API key. */
  credentialType?: Maybe<CredentialType>;
  description?: Maybe<Scalars['String']['output']>;
  expiresAt: Scalars['DateTimeISO']['output'];
  /** The credential’s id, or the personal API key’s. */
  id: Scalars['ID']['output'];
  /** What it is, in people’s words, e.g. `client secret kwcs_…AbCd`. */
  label: Scalars['String']['output'];
  /** Whose personal API key it is; null for a credential. */
  ownerName?: Maybe<Scalars['String']['output']>;
  /** The rules it breaks. */
  rules: Array<CredentialPolicyRule>;
};

export type CredentialPolicyViolationConnection = {
  __typename?: 'CredentialPolicyViolationConnection';
  edges: Array<CredentialPolicyViolationEdge>;
  pageInfo: PageInfo;
  /** How many items match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type CredentialPolicyViolationEdge = {
  __typename?: 'CredentialPolicyViolationEdge';
  cursor: Scalars['String']['output'];
  node: CredentialPolicyViolation;
};

export type CredentialStatus =
  /** Usable to obtain tokens. */
  | 'ACTIVE'
  /** Disabled by itself (setCredentialEnabled): it authenticates nothing until it is enabled again. */
  | 'DISABLED'
  /** Past its expiry; it no longer works. */
  | 'EXPIRED'
  /** Its API client is disabled; it works again when the client is enabled. */
  | 'SUSPENDED';

export type CredentialType =
  /** A Keyward-issued certificate, presented on the mTLS endpoint (tls_client_auth). */
  | 'CERTIFICATE'
  /** A generated secret, sent as HTTP Basic or client_secret in the body. */
  | 'CLIENT_SECRET'
  /** A JWT a trusted external issuer gave the client’s workload (GitHub Actions, a Kubernetes service account, any OIDC issuer), sent as the client assertion with client_id; Keyward holds only the rule it must meet. */
  | 'FEDERATED'
  /** A JWT signed with the client’s own private key (client_assertion, RFC 7523); Keyward holds the public key or its jwksUri. */
  | 'PRIVATE_KEY_JWT';

/** A claim a federated credential’s tokens must carry. */
export type FederatedClaimCondition = {
  __typename?: 'FederatedClaimCondition';
  name: Scalars['String']['output'];
  /** Exact, or a glob (* any run of characters, ? one). */
  value: Scalars['String']['output'];
};

/** A claim the external token must carry, with its value exact or a glob. */
export type FederatedClaimConditionInput = {
  /** The claim’s name, e.g. repository or job_workflow_ref; a dotted path reaches into objects (kubernetes.io.namespace). */
  name: Scalars['String']['input'];
  /** Exact, or a glob: * stands for any run of characters, ? for one; everything else for itself. */
  value: Scalars['String']['input'];
};

/** The rule a federated credential’s external tokens must meet. */
export type FederatedCredentialDetails = {
  __typename?: 'FederatedCredentialDetails';
  audience: Scalars['String']['output'];
  claims: Array<FederatedClaimCondition>;
  issuer: Scalars['String']['output'];
  /** Exact, or a glob (* any run of characters, ? one). */
  subject: Scalars['String']['output'];
};

/** A non-RSA key type of certificates and private_key_jwt keys. */
export type KeyCurve =
  /** Ed25519 (EdDSA): certificates issued from a CSR and private_key_jwt keys. */
  | 'ED25519'
  /** EC P-256 (ES256): certificates and private_key_jwt keys. */
  | 'P_256'
  /** EC P-384: certificates issued from a CSR. */
  | 'P_384';

export type Mutation = {
  __typename?: 'Mutation';
  /** The signed-in user replaces their password (also a temporary one). Their other sessions end; this one stays. */
  changeMyPassword: Scalars['Boolean']['output'];
  /** OAUTH2 with the authorization code grant: the provider’s authorize URL (with state and a PKCE S256 challenge) to open in the browser signed in to Keyward; the provider sends you back to /vault/oauth2/callback within 10 minutes, and the credential keeps the tokens. */
  connectVaultCredential: Scalars['String']['output'];
  createApiClient: ApiClient;
  /** Adds an API to the catalog; add its scopes with createScope. */
  createApiResource: ApiResource;
  /** Issues an mTLS certificate; the bundle (and password) is returned only here, once. */
  createCertificate: CreateCertificatePayload;
  /** A new client secret; `secret` is returned only here, once. */
  createClientSecret: CreateClientSecretPayload;
  /** A federated credential (workload identity federation): the client’s workload presents a token from an external issuer — GitHub Actions, a Kubernetes service account, any OIDC issuer — as the client assertion with client_id, and no secret exists. The issuer’s discovery document and keys are read now. */
  createFederatedCredential: Credential;
  /** A new personal API key for the signed-in user, with the permissions chosen (at most 20 keys that are not revoked or expired per user); `token` is returned only here, once. */
  createPersonalApiKey: CreatePersonalApiKeyPayload;
  /** A private key JWT credential (RFC 7523 client assertions signed with the client’s own key): an uploaded public key, or a jwksUri fetched now and cached. Nothing secret is returned. */
  createPrivateKeyJwtCredential: Credential;
  /** Adds a scope to an API of the catalog (`apiResourceId` is the API’s id). */
  createScope: Scope;
  createTeam: Team;
  /** Creates a user with a temporary password, returned once; they must change it when they first sign in. */
  createUser: CreateUserPayload;
  /** Stores a credential for calling another service, sealed; its value is never returned. */
  createVaultCredential: VaultCredential;
  /** A new endpoint; its signing secret is in the answer, and only there. */
  createWebhookEndpoint: CreatedWebhookEndpoint;
  /** Deletes the client (and its credentials); its audit history is kept. Returns its id. */
  deleteApiClient: Scalars['ID']['output'];
  /** Deletes an API and its scopes; refused while an API client holds any of them. Returns its id. */
  deleteApiResource: Scalars['ID']['output'];
  /** Deletes a secret or certificate at once (a certificate is revoked and listed on the CRL). Returns its id. */
  deleteCredential: Scalars['ID']['output'];
  /** Deletes a scope; refused while an API client holds it. Returns its id. */
  deleteScope: Scalars['ID']['output'];
  /** Deletes the team; its members keep their accounts. Returns its id. */
  deleteTeam: Scalars['ID']['output'];
  deleteVaultCredential: Scalars['Boolean']['output'];
  /** Deletes the endpoint and its delivery log; undelivered events are dropped. */
  deleteWebhookEndpoint: Scalars['Boolean']['output'];
  /** Ends the user’s sessions at once; they cannot sign in and their personal API keys are suspended. */
  disableUser: User;
  enableUser: User;
  /** Sends the delivery’s event again now, with the same webhook-id. */
  redeliverWebhook: WebhookCallResult;
  /** A new value for one of your personal API keys, keeping its name and permissions; the old value stops working at once. The new value lasts as long as the old one was given (at most 365 days, or the tenant’s shorter maximum). `token` is returned only here, once. */
  regeneratePersonalApiKey: CreatePersonalApiKeyPayload;
  /** A new certificate for the same client, description and key algorithm, naming the one it renews (renewalOfId); the old one keeps working until its own expiry. The bundle (and password) is returned only here, once. */
  renewCertificate: CreateCertificatePayload;
  /** OAUTH2: a new access token now. */
  renewVaultCredential: VaultCredential;
  /** Reports a value found where it should not be (a repository, a log, a chat). If it is a live client secret or personal API key of any tenant, it stops working at once and its contacts or owner are emailed. The answer is always true: it never says whether the value matched. Any signed-in user may report; at most 20 a minute. */
  reportLeakedCredential: Scalars['Boolean']['output'];
  /** Signs out every session of yours except this one. Returns how many ended. */
  revokeOtherSessions: Scalars['Int']['output'];
  /** Stops one of your personal API keys at once, for good. */
  revokePersonalApiKey: PersonalApiKey;
  /** Signs one of your sessions out at once (this one too, if you name it). Returns its id. */
  revokeSession: Scalars['ID']['output'];
  /** A new secret now; the old one keeps working for the grace period. */
  rotateClientSecret: RotateClientSecretPayload;
  /** Sends a `webhook.test` event now and says what the endpoint answered. */
  sendTestWebhook: WebhookCallResult;
  /** Disables or enables a secret or certificate. Disabled, it authenticates nothing, its tokens are inactive (for good) and it gets no reminders. */
  setCredentialEnabled: Credential;
  /** Calls `url` (or the credential’s test URL) with the credential applied and says what the service answered. */
  testVaultCredential: VaultTestResult;
  /** Test before saving: nothing is stored. With `id` (an edit of that credential), secrets left blank are its stored ones. */
  testVaultCredentialDraft: VaultTestResult;
  updateApiClient: ApiClient;
  updateApiResource: ApiResource;
  /** Changes the tenant’s credential policy (needs SECURITY_ADMINISTRATION; audited as tenant.policy_updated). It applies to credentials created from now on; existing ones that break it keep working and are listed by credentialPolicyViolations. */
  updateCredentialPolicy: Tenant;
  updateScope: Scope;
  /** Members hold the new permissions from their next request. */
  updateTeam: Team;
  /** Changes the tenant’s limits, within the system maximums and not below what it already holds, and its token signing algorithm: a new algorithm signs new tokens from `tokenSigningAlgorithmEffectiveAt` on. */
  updateTenantSettings: Tenant;
  updateUser: User;
  /** Changes what is given; secrets left out or blank keep their stored values. */
  updateVaultCredential: VaultCredential;
  updateWebhookEndpoint: WebhookEndpoint;
};


export type MutationChangeMyPasswordArgs = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};


export type MutationConnectVaultCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateApiClientArgs = {
  input: CreateApiClientInput;
};


export type MutationCreateApiResourceArgs = {
  input: CreateApiResourceInput;
};


export type MutationCreateCertificateArgs = {
  clientId: Scalars['ID']['input'];
  input: CreateCertificateInput;
};


export type MutationCreateClientSecretArgs = {
  clientId: Scalars['ID']['input'];
  input: CreateClientSecretInput;
};


export type MutationCreateFederatedCredentialArgs = {
  clientId: Scalars['ID']['input'];
  input: CreateFederatedCredentialInput;
};


export type MutationCreatePersonalApiKeyArgs = {
  input: CreatePersonalApiKeyInput;
};


export type MutationCreatePrivateKeyJwtCredentialArgs = {
  clientId: Scalars['ID']['input'];
  input: CreatePrivateKeyJwtCredentialInput;
};


export type MutationCreateScopeArgs = {
  apiResourceId: Scalars['ID']['input'];
  input: CreateScopeInput;
};


export type MutationCreateTeamArgs = {
  input: CreateTeamInput;
};


export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


export type MutationCreateVaultCredentialArgs = {
  input: VaultCredentialInput;
};


export type MutationCreateWebhookEndpointArgs = {
  input: WebhookEndpointInput;
};


export type MutationDeleteApiClientArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteApiResourceArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteScopeArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteTeamArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteVaultCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDisableUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEnableUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRedeliverWebhookArgs = {
  deliveryId: Scalars['ID']['input'];
};


export type MutationRegeneratePersonalApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRenewCertificateArgs = {
  id: Scalars['ID']['input'];
  input?: InputMaybe<RenewCertificateInput>;
};


export type MutationRenewVaultCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type MutationReportLeakedCredentialArgs = {
  value: Scalars['String']['input'];
};


export type MutationRevokePersonalApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeSessionArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRotateClientSecretArgs = {
  id: Scalars['ID']['input'];
  input: RotateClientSecretInput;
};


export type MutationSendTestWebhookArgs = {
  endpointId: Scalars['ID']['input'];
};


export type MutationSetCredentialEnabledArgs = {
  enabled: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


export type MutationTestVaultCredentialArgs = {
  id: Scalars['ID']['input'];
  url?: InputMaybe<Scalars['String']['input']>;
};


export type MutationTestVaultCredentialDraftArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  input: VaultCredentialInput;
  url?: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateApiClientArgs = {
  id: Scalars['ID']['input'];
  input: UpdateApiClientInput;
};


export type MutationUpdateApiResourceArgs = {
  id: Scalars['ID']['input'];
  input: UpdateApiResourceInput;
};


export type MutationUpdateCredentialPolicyArgs = {
  input: UpdateCredentialPolicyInput;
};


export type MutationUpdateScopeArgs = {
  id: Scalars['ID']['input'];
  input: UpdateScopeInput;
};


export type MutationUpdateTeamArgs = {
  id: Scalars['ID']['input'];
  input: UpdateTeamInput;
};


export type MutationUpdateTenantSettingsArgs = {
  input: UpdateTenantSettingsInput;
};


export type MutationUpdateUserArgs = {
  id: Scalars['ID']['input'];
  input: UpdateUserInput;
};


export type MutationUpdateVaultCredentialArgs = {
  id: Scalars['ID']['input'];
  input: VaultCredentialInput;
};


export type MutationUpdateWebhookEndpointArgs = {
  id: Scalars['ID']['input'];
  input: WebhookEndpointInput;
};

export type OAuth2Grant =
  /** Someone signs in at the provider once (Connect, with PKCE); Keyward keeps the refresh token. */
  | 'AUTHORIZATION_CODE'
  /** Keyward asks for tokens with the client ID and secret alone. */
  | 'CLIENT_CREDENTIALS';

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Relay page information. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** What a user, API key or management token may do in its tenant. */
export type Permission =
  /** Security Client Administration */
  | 'CLIENT_ADMINISTRATION'
  /** Security Create New Client */
  | 'CLIENT_CREATE'
  /** Security Edit Clients */
  | 'CLIENT_EDIT'
  /** Security Remove Clients */
  | 'CLIENT_REMOVE'
  /** Security Client Secret Administration */
  | 'SECRET_ADMINISTRATION'
  /** Security Create New Client Secret */
  | 'SECRET_CREATE'
  /** Security Remove Client Secrets */
  | 'SECRET_REMOVE'
  /** Security Administration */
  | 'SECURITY_ADMINISTRATION'
  /** Vault Administration */
  | 'VAULT_ADMINISTRATION'
  /** Vault Manage Credentials */
  | 'VAULT_MANAGE';

/** A personal API key: acts as its owner, with the permissions chosen for it that the owner still holds, when sent as `Authorization: Bearer` on /graphql. Its value is shown once, when it is created or regenerated. */
export type PersonalApiKey = {
  __typename?: 'PersonalApiKey';
  /** When the key was created. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** When the key stops working. */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** `kwpat_…` and the key’s last four characters, to tell keys apart. */
  hint: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** When the key was last used (recorded at most once a minute). */
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The network address the key was last used from. */
  lastUsedIp?: Maybe<Scalars['String']['output']>;
  /** What the key is for, e.g. "ERP integration" (1–100 characters). */
  name: Scalars['String']['output'];
  /** The permissions chosen for the key. On each request it acts with those of them its owner still holds; it never gains one its owner gets later. */
  permissions: Array<Permission>;
  /** When the key last got a new value; the previous value stopped working then. */
  regeneratedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the key was revoked; it never works again. */
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Whether the key works now. */
  status: PersonalApiKeyStatus;
};

/** Whether a personal API key works now. */
export type PersonalApiKeyStatus =
  /** Past its expiry; it no longer works. Create a new key. */
  | 'EXPIRED'
  /** Revoked by its owner; it never works again. */
  | 'REVOKED'
  /** Its owner’s account is disabled; it works again when the account is enabled. */
  | 'SUSPENDED'
  /** Works as a Bearer token on /graphql, with the permissions chosen for it that its owner still holds. */
  | 'VALID';

/** What Keyward keeps of a private key JWT credential: a public key, or where to fetch them. */
export type PrivateKeyJwtDetails = {
  __typename?: 'PrivateKeyJwtDetails';
  /** Where the client’s public keys are fetched from; null for an uploaded key. */
  jwksUri?: Maybe<Scalars['String']['output']>;
  /** The uploaded key’s kid (its thumbprint when it had none); null for a jwksUri. */
  keyId?: Maybe<Scalars['String']['output']>;
  /** RFC 7638 SHA-256 thumbprint of the uploaded key, base64url; null for a jwksUri. */
  thumbprintSha256?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  apiClient?: Maybe<ApiClient>;
  /** The tenant’s API clients, newest first unless `orderBy` says otherwise; `search` matches name, client ID and description. A cursor continues only the order it was given out for. */
  apiClients: ApiClientConnection;
  /** The scope catalog: the tenant’s APIs and their scopes. */
  apiResources: Array<ApiResource>;
  /** The audit trail, newest first. */
  auditEvents: AuditEventConnection;
  /** Existing credentials and personal API keys (unexpired, not revoked) that break the tenant’s current credential policy, soonest expiry first (needs SECURITY_ADMINISTRATION). */
  credentialPolicyViolations: CredentialPolicyViolationConnection;
  /** Secrets and certificates of every client that expire within `withinDays` days, soonest first (needs SECRET_ADMINISTRATION). */
  expiringCredentials: Array<Credential>;
  /** The signed-in user’s own personal API keys, newest first. */
  myApiKeys: Array<PersonalApiKey>;
  /** Your signed-in browsers, this one first (sign-in with a session only). */
  mySessions: Array<UserSession>;
  /** The tenant’s teams, by name. */
  teams: Array<Team>;
  /** Credentials of every client not used for the tenant’s unusedCredentialDays, longest unused first (needs SECRET_ADMINISTRATION). */
  unusedCredentials: UnusedCredentialConnection;
  /** The tenant’s users, by name. */
  users: Array<User>;
  vaultCredential: VaultCredential;
  /** The ready-to-send headers (or query parameters) of a vault credential, with a fresh OAuth2 access token; for an API client holding keyward:vault.use or a user with VAULT_MANAGE. Each use is audited. */
  vaultCredentialAuthorization: VaultCredentialAuthorization;
  /** The tenant’s vault credentials, by name (metadata only). */
  vaultCredentials: Array<VaultCredential>;
  viewer: Viewer;
  /** An endpoint’s delivery log, newest first, with every attempt. */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The tenant’s webhook endpoints, oldest first. */
  webhookEndpoints: Array<WebhookEndpoint>;
  /** The event types an endpoint can subscribe to. */
  webhookEventTypes: Array<Scalars['String']['output']>;
};


export type QueryApiClientArgs = {
  id: Scalars['ID']['input'];
};


export type QueryApiClientsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ApiClientOrder>;
  search?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCredentialPolicyViolationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExpiringCredentialsArgs = {
  withinDays?: Scalars['Int']['input'];
};


export type QueryUnusedCredentialsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryVaultCredentialArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVaultCredentialAuthorizationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  endpointId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A reminder email about a credential’s expiry, to one contact (one per credential, stage and contact; reminders sent before per-contact delivery went to every contact in one message). */
export type ReminderDelivery = {
  __typename?: 'ReminderDelivery';
  attempts: Scalars['Int']['output'];
  /** When the scan found it due. */
  claimedAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** Why the last attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The Message-ID the mail server accepted. */
  messageId?: Maybe<Scalars['String']['output']>;
  /** The contact email it was sent to (one address; several only for a reminder sent before per-contact delivery, to every contact at once). */
  recipients: Array<Scalars['String']['output']>;
  sentAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Days before expiry this reminder is for: 30, 15, 7, 6, 5, 4, 3, 2 or 1. */
  stage: Scalars['Int']['output'];
  status: ReminderStatus;
};

export type ReminderStatus =
  /** Given up after repeated failures, or refused by the mail server for good. */
  | 'FAILED'
  /** Due and claimed; being sent, or waiting to be retried after a mail-server failure. */
  | 'PENDING'
  /** Accepted by the mail server. */
  | 'SENT';

export type RenewCertificateInput = {
  /** A PEM PKCS#10 request; required when the renewed certificate came from a CSR (Keyward never had its key). Otherwise a new key of the same algorithm is generated. */
  csr?: InputMaybe<Scalars['String']['input']>;
  /** The new certificate’s notAfter: in the future, at most 365 days ahead (whole seconds). Defaults to the renewed certificate’s own lifetime from now. */
  expiresAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
};

export type RotateClientSecretInput = {
  /** For the new secret; defaults to the old secret’s description. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** When the new secret stops working. */
  expiresAt: Scalars['DateTimeISO']['input'];
  /** How long the old secret keeps working, in hours: 0–168 (7 days, the default). It never lasts past its own expiry. */
  gracePeriodHours?: InputMaybe<Scalars['Int']['input']>;
};

export type RotateClientSecretPayload = {
  __typename?: 'RotateClientSecretPayload';
  credential: Credential;
  /** The rotated secret, now expiring at the end of the grace period. */
  previous: Credential;
  /** The secret itself. Shown only in this response: Keyward stores only a keyed hash. */
  secret: Scalars['String']['output'];
};

/** A permission an API client can be granted on one API. */
export type Scope = {
  __typename?: 'Scope';
  apiResourceId: Scalars['ID']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
};

/** A named set of permissions; a user holds the union of their teams’ permissions. */
export type Team = {
  __typename?: 'Team';
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** Who belongs to the team, by name. Needs SECURITY_ADMINISTRATION. */
  members: Array<User>;
  /** Unique in the tenant; 1–100 characters. */
  name: Scalars['String']['output'];
  permissions: Array<Permission>;
};

/** An organisation. Every other record belongs to exactly one tenant. */
export type Tenant = {
  __typename?: 'Tenant';
  /** How many API clients the tenant holds now. */
  apiClientCount: Scalars['Int']['output'];
  /** Whether a credential is disabled when it becomes an unused-credential finding. */
  autoDisableUnusedCredentials: Scalars['Boolean']['output'];
  /** The tenant’s credential policy: what new credentials must meet. */
  credentialPolicy: CredentialPolicyView;
  id: Scalars['ID']['output'];
  /** The tenant’s OAuth issuer (the `iss` of its tokens): its token endpoint and discovery document (`<issuer>/.well-known/openid-configuration`) are under it. */
  issuer: Scalars['String']['output'];
  /** Default most access tokens one credential may hold unexpired at once; null = no limit. Always enforced. */
  maxActiveTokensPerCredential?: Maybe<Scalars['Int']['output']>;
  /** How many API clients this tenant may hold. */
  maxClients: Scalars['Int']['output'];
  /** The furthest ahead, in days, a credential may expire. */
  maxCredentialLifetimeDays: Scalars['Int']['output'];
  /** How many secrets and certificates one API client may hold. */
  maxCredentialsPerClient: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Lowercase letters, digits and hyphens; the prefix of every client ID. */
  slug: Scalars['String']['output'];
  /** Default for clients that choose none: refuse requests past a quota (ENFORCE) or only record them (MONITOR). */
  tokenQuotaMode: TokenQuotaMode;
  /** The JWS algorithm of the tenant’s access tokens (ES256 unless changed); see tokenSigningAlgorithmEffectiveAt. */
  tokenSigningAlgorithm: TokenSigningAlgorithm;
  /** From when new tokens are signed with tokenSigningAlgorithm (the activation of the tenant’s newest signing key). After a change it lies in the future: the new key is published in the JWKS at once and signs only once every copy cached before the change has expired (the JWKS max-age plus a margin); until then tokens keep the previous algorithm. Null while no key of the algorithm exists yet; saving the setting again makes one. */
  tokenSigningAlgorithmEffectiveAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Default tokens per day for each API client (a calendar day, UTC); null = no daily quota. */
  tokensPerDay?: Maybe<Scalars['Int']['output']>;
  /** Default tokens per hour for each API client (a calendar hour, UTC); null = no hourly quota. */
  tokensPerHour?: Maybe<Scalars['Int']['output']>;
  /** A credential not used for this many days (counted from its creation if it was never used) is an unused-credential finding. */
  unusedCredentialDays: Scalars['Int']['output'];
};

export type TokenQuotaMode =
  /** A request past the quota is refused with 429 Too Many Requests and Retry-After. */
  | 'ENFORCE'
  /** A request past the quota gets its token; Keyward logs it and counts it in its metrics. */
  | 'MONITOR';

/** The JWS algorithm (the `alg` header) of a tenant’s access tokens. */
export type TokenSigningAlgorithm =
  /** ECDSA with P-256 and SHA-256: short tokens, fast to verify. The default. */
  | 'ES256'
  /** Ed25519 (RFC 8037): small and fast, but not every resource-server library supports it. */
  | 'EdDSA'
  /** RSASSA-PKCS1-v1_5 with SHA-256 and a 2048-bit key: what every JWT library accepts (RFC 9068 asks for it). */
  | 'RS256';

/** A credential not used for the tenant’s unusedCredentialDays (counted from its creation if it was never used): enabled, not expired, or disabled by this finding. */
export type UnusedCredential = {
  __typename?: 'UnusedCredential';
  /** The API client it belongs to. */
  apiClient: ApiClient;
  /** Disabled by this finding, because the tenant disables unused credentials. */
  autoDisabled: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  credential: Credential;
  description?: Maybe<Scalars['String']['output']>;
  /** The credential’s id. */
  id: Scalars['ID']['output'];
  /** When it last authenticated at the token endpoint; null = never. */
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  type: CredentialType;
  /** Whole days since its last use, or since its creation if it was never used. */
  unusedDays: Scalars['Int']['output'];
};

export type UnusedCredentialConnection = {
  __typename?: 'UnusedCredentialConnection';
  edges: Array<UnusedCredentialEdge>;
  pageInfo: PageInfo;
  /** How many items match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type UnusedCredentialEdge = {
  __typename?: 'UnusedCredentialEdge';
  cursor: Scalars['String']['output'];
  node: UnusedCredential;
};

/** Only the fields given change. The identifier (and so the client ID) never changes. */
export type UpdateApiClientInput = {
  accessTokenLifetimeSeconds?: InputMaybe<Scalars['Int']['input']>;
  allowedIpRanges?: InputMaybe<Array<Scalars['String']['input']>>;
  contactEmails?: InputMaybe<Array<Scalars['String']['input']>>;
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** The most unexpired access tokens per credential, 1–100,000; null = the tenant's default. */
  maxActiveTokensPerCredential?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  requireSenderConstrainedTokens?: InputMaybe<Scalars['Boolean']['input']>;
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What happens past a quota; null = the tenant's default. */
  tokenQuotaMode?: InputMaybe<TokenQuotaMode>;
  /** Tokens per day, 1–10,000,000; null = the tenant's default. */
  tokensPerDay?: InputMaybe<Scalars['Int']['input']>;
  /** Tokens per hour, 1–1,000,000; null = the tenant's default. */
  tokensPerHour?: InputMaybe<Scalars['Int']['input']>;
};

/** Only the fields given change; a null description clears it. The audience can change only while no API client holds the API’s scopes. */
export type UpdateApiResourceInput = {
  audience?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A field left out stays as it is; null puts it back to its default. */
export type UpdateCredentialPolicyInput = {
  /** May be empty (RSA keys only); null: every curve. */
  allowedKeyCurves?: InputMaybe<Array<KeyCurve>>;
  /** At least one kind; null: all kinds. */
  allowedKinds?: InputMaybe<Array<CredentialType>>;
  /** Kinds named here get the maximum given; kinds left out keep theirs. null: every kind back to the tenant’s maximum. */
  kindLifetimes?: InputMaybe<Array<CredentialKindLifetimeInput>>;
  /** 2048, 3072 or 4096; null: 2048. */
  minRsaKeyBits?: InputMaybe<Scalars['Int']['input']>;
  /** From 1 to 365 (or the tenant’s lower maximum); null: no policy limit. */
  personalApiKeyMaxLifetimeDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A scope’s name never changes (clients and tokens refer to it); its description may. */
export type UpdateScopeInput = {
  /** At most 300 characters; null clears it. */
  description?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields given change. `permissions` replaces the team’s permissions. */
export type UpdateTeamInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  permissions?: InputMaybe<Array<Permission>>;
};

/** Only the settings given change. Each limit is at least 1 and at most the system maximum. */
export type UpdateTenantSettingsInput = {
  /** When true, a credential is disabled (as setCredentialEnabled does) when it becomes unused. Default false. */
  autoDisableUnusedCredentials?: InputMaybe<Scalars['Boolean']['input']>;
  /** Default most unexpired access tokens per credential, 1–100,000; null = no limit; left out = unchanged. */
  maxActiveTokensPerCredential?: InputMaybe<Scalars['Int']['input']>;
  /** At most 1000; not below the number of API clients the tenant holds. */
  maxClients?: InputMaybe<Scalars['Int']['input']>;
  /** At most 365. Applies to credentials created from now on; existing ones keep their expiry. */
  maxCredentialLifetimeDays?: InputMaybe<Scalars['Int']['input']>;
  /** At most 20; not below the number of credentials any API client holds. */
  maxCredentialsPerClient?: InputMaybe<Scalars['Int']['input']>;
  /** Default for clients that choose none; left out = unchanged. */
  tokenQuotaMode?: InputMaybe<TokenQuotaMode>;
  /** A change publishes a new signing key of this algorithm at once; new tokens are signed with it only once every cached JWKS has expired (`Tenant.tokenSigningAlgorithmEffectiveAt`). Resource servers that pin an algorithm must allow it first. */
  tokenSigningAlgorithm?: InputMaybe<TokenSigningAlgorithm>;
  /** Default tokens per day for each API client, 1–10,000,000; null = no daily quota; left out = unchanged. */
  tokensPerDay?: InputMaybe<Scalars['Int']['input']>;
  /** Default tokens per hour for each API client, 1–1,000,000; null = no hourly quota; left out = unchanged. */
  tokensPerHour?: InputMaybe<Scalars['Int']['input']>;
  /** From 1 to 3650 (default 90): a credential not used for this many days (from its creation if never used) is listed in unusedCredentials and reported once as credential.unused. */
  unusedCredentialDays?: InputMaybe<Scalars['Int']['input']>;
};

/** Only the fields given change. `teamIds` replaces the user’s teams. */
export type UpdateUserInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  teamIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A person who signs in to Keyward. */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['DateTimeISO']['output'];
  email: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  lastSignInAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** True until the user replaces the temporary password they were given. */
  mustChangePassword: Scalars['Boolean']['output'];
  name: Scalars['String']['output'];
  status: UserStatus;
  /** The teams the user belongs to, by name. */
  teams: Array<Team>;
};

/** A browser signed in as you. Ending it signs that browser out at once. */
export type UserSession = {
  __typename?: 'UserSession';
  /** When it signed in. */
  createdAt: Scalars['DateTimeISO']['output'];
  /** True for the session making this request. */
  current: Scalars['Boolean']['output'];
  /** When it ends even if used (KEYWARD_SESSION_TTL_SECONDS after sign-in). */
  expiresAt: Scalars['DateTimeISO']['output'];
  /** Names the session for revokeSession; unrelated to its cookie. */
  id: Scalars['ID']['output'];
  /** The address it signed in from. */
  ipAddress?: Maybe<Scalars['String']['output']>;
  /** Its last request, to within a minute; unused for KEYWARD_SESSION_IDLE_SECONDS, it ends. */
  lastSeenAt: Scalars['DateTimeISO']['output'];
  /** The browser it signed in with. */
  userAgent?: Maybe<Scalars['String']['output']>;
};

export type UserStatus =
  | 'ACTIVE'
  | 'DISABLED';

/** An API key sent as a header or a query parameter. */
export type VaultApiKeyInput = {
  /** The key. Write-only: never returned. Left out or blank on an update, the stored value is kept. */
  key?: InputMaybe<Scalars['String']['input']>;
  /** The header or query parameter name; default X-API-Key for a header. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** HEADER (default) or QUERY. */
  placement?: InputMaybe<ApiKeyPlacement>;
};

export type VaultBasicAuthInput = {
  /** The password. Write-only: never returned. Left out or blank on an update, the stored value is kept. */
  password?: InputMaybe<Scalars['String']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

export type VaultBearerTokenInput = {
  /** When the token stops working, if the service said. */
  expiresAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** The token. Write-only: never returned. Left out or blank on an update, the stored value is kept. */
  token?: InputMaybe<Scalars['String']['input']>;
};

/** A credential for calling another service, kept sealed: its secret parts are never returned after saving, only a masked hint. */
export type VaultCredential = {
  __typename?: 'VaultCredential';
  /** OAuth2: when the access token Keyward holds runs out. */
  accessTokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Who is told when it cannot be renewed or is about to expire (1–10 addresses). */
  contactEmails: Array<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Actor;
  /** At most 500 characters. */
  description?: Maybe<Scalars['String']['output']>;
  enabled: Scalars['Boolean']['output'];
  /** When it stops being usable; none when it does not expire. */
  expiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Enough of the value to tell credentials apart, e.g. `••••3f9a`; never the value. */
  hint: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Why the last renewal failed, in the provider’s words where it gave some. */
  lastRenewalError?: Maybe<Scalars['String']['output']>;
  lastRenewedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When authorization was last handed out for it (vaultCredentialAuthorization). */
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Unique in the tenant; 1–100 characters. */
  name: Scalars['String']['output'];
  /** OAuth2: after a failed renewal, when Keyward tries again. */
  nextRenewalAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  settings: VaultCredentialSettings;
  status: VaultCredentialStatus;
  /** The URL the Test button calls when it is given none. */
  testUrl?: Maybe<Scalars['String']['output']>;
  type: VaultCredentialType;
  updatedAt: Scalars['DateTimeISO']['output'];
};

/** Ready-to-send authorization for calling the other service. */
export type VaultCredentialAuthorization = {
  __typename?: 'VaultCredentialAuthorization';
  /** Until when it holds (an OAuth2 access token’s expiry); ask again after. */
  expiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Headers to send. */
  headers: Array<VaultNameValue>;
  /** Query parameters to add (an API key sent in the query). */
  queryParameters: Array<VaultNameValue>;
};

/** A vault credential: the common fields and those of its type (give only the one of `type`). */
export type VaultCredentialInput = {
  apiKey?: InputMaybe<VaultApiKeyInput>;
  basicAuth?: InputMaybe<VaultBasicAuthInput>;
  bearerToken?: InputMaybe<VaultBearerTokenInput>;
  /** 1–10 addresses told about renewal failures and expiry. Required when creating. */
  contactEmails?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Up to 10 headers. */
  customHeaders?: InputMaybe<Array<VaultHeaderInput>>;
  description?: InputMaybe<Scalars['String']['input']>;
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** When it stops being usable; leave out if it does not expire. */
  expiresAt?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** Unique in the tenant; 1–100 characters. Required when creating. */
  name?: InputMaybe<Scalars['String']['input']>;
  oauth2?: InputMaybe<VaultOAuth2Input>;
  /** What Test calls when given no URL. */
  testUrl?: InputMaybe<Scalars['String']['input']>;
  /** Required when creating; it cannot change later. */
  type?: InputMaybe<VaultCredentialType>;
};

/** The plain settings of a credential’s type; never a secret. */
export type VaultCredentialSettings = {
  __typename?: 'VaultCredentialSettings';
  audience?: Maybe<Scalars['String']['output']>;
  authorizationUrl?: Maybe<Scalars['String']['output']>;
  clientId?: Maybe<Scalars['String']['output']>;
  grant?: Maybe<OAuth2Grant>;
  /** CUSTOM_HEADERS: the header names. */
  headerNames?: Maybe<Array<Scalars['String']['output']>>;
  /** API_KEY: the header or query parameter name. */
  parameterName?: Maybe<Scalars['String']['output']>;
  /** API_KEY: where the key goes. */
  placement?: Maybe<ApiKeyPlacement>;
  resource?: Maybe<Scalars['String']['output']>;
  scopes?: Maybe<Array<Scalars['String']['output']>>;
  /** BEARER_TOKEN: when the token stops working. */
  tokenExpiresAt?: Maybe<Scalars['DateTimeISO']['output']>;
  tokenUrl?: Maybe<Scalars['String']['output']>;
  /** BASIC_AUTH: the user name. */
  username?: Maybe<Scalars['String']['output']>;
};

export type VaultCredentialStatus =
  /** Turned off: it gives out no authorization until it is enabled again. */
  | 'DISABLED'
  /** Past its expiry (or its bearer token’s); replace the value. */
  | 'EXPIRED'
  /** An OAuth2 credential whose provider refused to give it a new access token: connect it again (authorization code) or fix its client secret. */
  | 'NEEDS_REAUTHORIZATION'
  /** Usable. */
  | 'VALID';

export type VaultCredentialType =
  /** A key sent as a header or a query parameter of the name given. */
  | 'API_KEY'
  /** A user name and password sent as `Authorization: Basic`. */
  | 'BASIC_AUTH'
  /** A fixed token sent as `Authorization: Bearer`. */
  | 'BEARER_TOKEN'
  /** Up to 10 headers of your choice, sent as given. */
  | 'CUSTOM_HEADERS'
  /** An OAuth 2.0 client of another service: Keyward obtains and renews its access tokens. */
  | 'OAUTH2';

export type VaultHeaderInput = {
  name: Scalars['String']['input'];
  /** The value. Write-only: never returned. Left out or blank on an update, the stored value is kept. (for the header of the same name) */
  value?: InputMaybe<Scalars['String']['input']>;
};

export type VaultNameValue = {
  __typename?: 'VaultNameValue';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

/** An OAuth 2.0 client registered at another service. */
export type VaultOAuth2Input = {
  /** Sent as `audience` (Auth0 and others). */
  audience?: InputMaybe<Scalars['String']['input']>;
  /** The provider’s authorization endpoint; needed for AUTHORIZATION_CODE. */
  authorizationUrl?: InputMaybe<Scalars['String']['input']>;
  clientId?: InputMaybe<Scalars['String']['input']>;
  /** The client secret. Write-only: never returned. Left out or blank on an update, the stored value is kept. */
  clientSecret?: InputMaybe<Scalars['String']['input']>;
  /** CLIENT_CREDENTIALS (default) or AUTHORIZATION_CODE. */
  grant?: InputMaybe<OAuth2Grant>;
  /** Sent as `resource` (RFC 8707). */
  resource?: InputMaybe<Scalars['String']['input']>;
  /** The scopes to ask for; at most 50. */
  scopes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The provider’s token endpoint (https). */
  tokenUrl?: InputMaybe<Scalars['String']['input']>;
};

export type VaultTestResult = {
  __typename?: 'VaultTestResult';
  /** How long the call took, in milliseconds. */
  latencyMs?: Maybe<Scalars['Int']['output']>;
  /** What happened, in words; never a secret. */
  message: Scalars['String']['output'];
  /** True when the service answered 2xx. */
  ok: Scalars['Boolean']['output'];
  /** The HTTP status the service (or, for OAuth2, its token URL) answered; null when it did not answer. */
  status?: Maybe<Scalars['Int']['output']>;
  /** The URL that answered last (after redirects), without its query. */
  url?: Maybe<Scalars['String']['output']>;
};

/** Who is calling: a user, an API key or an API client, in which tenant, with which permissions. */
export type Viewer = {
  __typename?: 'Viewer';
  actor: Actor;
  /** True while the signed-in user is on a temporary password: only viewer and changeMyPassword work until they change it. */
  mustChangePassword: Scalars['Boolean']['output'];
  permissions: Array<Permission>;
  tenant: Tenant;
  /** The signed-in user, or the owner of the API key; null for an API client. */
  user?: Maybe<User>;
};

/** One call of the endpoint: when, why, and what it answered. */
export type WebhookAttempt = {
  __typename?: 'WebhookAttempt';
  at: Scalars['DateTimeISO']['output'];
  /** The attempt’s number within its delivery, from 1. */
  attemptNo: Scalars['Int']['output'];
  error?: Maybe<Scalars['String']['output']>;
  latencyMs?: Maybe<Scalars['Int']['output']>;
  /** The HTTP status answered, or null when no answer came. */
  statusCode?: Maybe<Scalars['Int']['output']>;
  /** `scheduled` (the outbox), `redelivery` (asked for) or `test`. */
  trigger: Scalars['String']['output'];
};

/** What the endpoint answered to a test or a redelivery. */
export type WebhookCallResult = {
  __typename?: 'WebhookCallResult';
  /** The delivery in the log. */
  deliveryId: Scalars['ID']['output'];
  latencyMs?: Maybe<Scalars['Int']['output']>;
  /** In words: delivered, or why not. */
  message: Scalars['String']['output'];
  ok: Scalars['Boolean']['output'];
  statusCode?: Maybe<Scalars['Int']['output']>;
};

/** One event to one endpoint, with every call made for it. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attemptCount: Scalars['Int']['output'];
  /** Oldest first. */
  attempts: Array<WebhookAttempt>;
  createdAt: Scalars['DateTimeISO']['output'];
  deliveredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  eventType: Scalars['String']['output'];
  /** Also the order: per endpoint, deliveries go out in this order. */
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  /** The `webhook-id` header: the same at every attempt and redelivery. */
  messageId: Scalars['String']['output'];
  /** When it is tried next (PENDING). */
  nextAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The body sent: { type, timestamp, data }. */
  payload: Scalars['JSON']['output'];
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
  /** How many items match, across all pages. */
  totalCount: Scalars['Int']['output'];
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  /** The endpoint answered 2xx. */
  | 'DELIVERED'
  /** Given up after the last retry (or a test event that was not accepted). */
  | 'FAILED'
  /** Not delivered yet: waiting for its turn or for its next retry. */
  | 'PENDING';

/** A URL that receives the tenant’s lifecycle events, signed per Standard Webhooks. */
export type WebhookEndpoint = {
  __typename?: 'WebhookEndpoint';
  createdAt: Scalars['DateTimeISO']['output'];
  /** At most 500 characters. */
  description?: Maybe<Scalars['String']['output']>;
  disabledAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Why Keyward disabled it (it failed for 24 hours), or null. */
  disabledReason?: Maybe<Scalars['String']['output']>;
  /** A disabled endpoint receives nothing; events of the meantime are not kept for it. */
  enabled: Scalars['Boolean']['output'];
  /** The event types it receives (webhookEventTypes lists them). */
  eventTypes: Array<Scalars['String']['output']>;
  /** Since when the oldest undelivered event has failed; cleared by a success. */
  failingSince?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** https (plain http only to an address the operator allows for outbound calls). */
  url: Scalars['String']['output'];
  /** The vault credential applied to every delivery, if any. */
  vaultCredentialId?: Maybe<Scalars['ID']['output']>;
};

/** A webhook endpoint. On an update, fields left out keep their values. */
export type WebhookEndpointInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  /** Default true. Enabling a disabled endpoint tries what waits at once. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** At least one of webhookEventTypes. */
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** https URL that receives the events (POST, JSON). */
  url?: InputMaybe<Scalars['String']['input']>;
  /** A vault credential applied to every delivery (e.g. the receiver’s OAuth2 client); "" removes it. */
  vaultCredentialId?: InputMaybe<Scalars['ID']['input']>;
};

export type ChangeMyPasswordMutationVariables = Exact<{
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ChangeMyPasswordMutation = { __typename?: 'Mutation', changeMyPassword: boolean };

export type MySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MySessionsQuery = { __typename?: 'Query', mySessions: Array<{ __typename?: 'UserSession', id: string, createdAt: string, expiresAt: string, lastSeenAt: string, ipAddress?: string | null, userAgent?: string | null, current: boolean }> };

export type RevokeSessionMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokeSessionMutation = { __typename?: 'Mutation', revokeSession: string };

export type RevokeOtherSessionsMutationVariables = Exact<{ [key: string]: never; }>;


export type RevokeOtherSessionsMutation = { __typename?: 'Mutation', revokeOtherSessions: number };

export type MyApiKeysQueryVariables = Exact<{ [key: string]: never; }>;


export type MyApiKeysQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, maxCredentialLifetimeDays: number } }, myApiKeys: Array<{ __typename?: 'PersonalApiKey', id: string, name: string, hint: string, permissions: Array<Permission>, createdAt: string, expiresAt: string, lastUsedAt?: string | null, lastUsedIp?: string | null, status: PersonalApiKeyStatus, revokedAt?: string | null }> };

export type CreatePersonalApiKeyMutationVariables = Exact<{
  input: CreatePersonalApiKeyInput;
}>;


export type CreatePersonalApiKeyMutation = { __typename?: 'Mutation', createPersonalApiKey: { __typename?: 'CreatePersonalApiKeyPayload', token: string, apiKey: { __typename?: 'PersonalApiKey', id: string, permissions: Array<Permission> } } };

export type RevokePersonalApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RevokePersonalApiKeyMutation = { __typename?: 'Mutation', revokePersonalApiKey: { __typename?: 'PersonalApiKey', id: string, status: PersonalApiKeyStatus, revokedAt?: string | null } };

export type RegeneratePersonalApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RegeneratePersonalApiKeyMutation = { __typename?: 'Mutation', regeneratePersonalApiKey: { __typename?: 'CreatePersonalApiKeyPayload', token: string, apiKey: { __typename?: 'PersonalApiKey', id: string, hint: string, expiresAt: string, status: PersonalApiKeyStatus } } };

export type AuditEventsQueryVariables = Exact<{
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditEventsQuery = { __typename?: 'Query', auditEvents: { __typename?: 'AuditEventConnection', totalCount: number, edges: Array<{ __typename?: 'AuditEventEdge', cursor: string, node: { __typename?: 'AuditEvent', id: string, occurredAt: string, action: string, apiClientId?: string | null, ipAddress?: string | null, userAgent?: string | null, requestId?: string | null, actor: { __typename?: 'Actor', type: ActorType, id?: string | null, displayName: string }, target?: { __typename?: 'AuditTarget', type: string, id: string, name?: string | null } | null, changes: Array<{ __typename?: 'AuditChange', field: string, from?: unknown | null, to?: unknown | null }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type AuditClientOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditClientOptionsQuery = { __typename?: 'Query', apiClients: { __typename?: 'ApiClientConnection', edges: Array<{ __typename?: 'ApiClientEdge', node: { __typename?: 'ApiClient', id: string, name: string, clientId: string } }> } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', permissions: Array<Permission>, mustChangePassword: boolean, actor: { __typename?: 'Actor', type: ActorType, id?: string | null, displayName: string }, tenant: { __typename?: 'Tenant', id: string, name: string, slug: string }, user?: { __typename?: 'User', id: string, email: string, name: string } | null } };

export type ApiClientDetailsFragment = { __typename?: 'ApiClient', id: string, clientId: string, identifier?: string | null, name: string, description?: string | null, enabled: boolean, contactEmails: Array<string>, allowedIpRanges: Array<string>, accessTokenLifetimeSeconds: number, requireSenderConstrainedTokens: boolean, tokensPerHour?: number | null, tokensPerDay?: number | null, tokenQuotaMode?: TokenQuotaMode | null, maxActiveTokensPerCredential?: number | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, scopes: Array<{ __typename?: 'Scope', id: string, name: string, apiResourceId: string }>, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string } };

export type ApiClientCountQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiClientCountQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, apiClientCount: number, maxClients: number, maxCredentialsPerClient: number } } };

export type ApiClientListQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  orderBy?: InputMaybe<ApiClientOrder>;
  withSecrets: Scalars['Boolean']['input'];
}>;


export type ApiClientListQuery = { __typename?: 'Query', apiClients: { __typename?: 'ApiClientConnection', totalCount: number, edges: Array<{ __typename?: 'ApiClientEdge', cursor: string, node: { __typename?: 'ApiClient', id: string, name: string, clientId: string, enabled: boolean, lastUsedAt?: string | null, credentialCount?: number, nearestExpiry?: string | null, scopes: Array<{ __typename?: 'Scope', id: string, name: string }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ApiClientQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ApiClientQuery = { __typename?: 'Query', apiClient?: { __typename?: 'ApiClient', id: string, clientId: string, identifier?: string | null, name: string, description?: string | null, enabled: boolean, contactEmails: Array<string>, allowedIpRanges: Array<string>, accessTokenLifetimeSeconds: number, requireSenderConstrainedTokens: boolean, tokensPerHour?: number | null, tokensPerDay?: number | null, tokenQuotaMode?: TokenQuotaMode | null, maxActiveTokensPerCredential?: number | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, scopes: Array<{ __typename?: 'Scope', id: string, name: string, apiResourceId: string }>, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string } } | null };

export type ApiResourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type ApiResourcesQuery = { __typename?: 'Query', apiResources: Array<{ __typename?: 'ApiResource', id: string, name: string, audience: string, description?: string | null, builtIn: boolean, scopes: Array<{ __typename?: 'Scope', id: string, name: string, description?: string | null }> }> };

export type CreateApiClientMutationVariables = Exact<{
  input: CreateApiClientInput;
}>;


export type CreateApiClientMutation = { __typename?: 'Mutation', createApiClient: { __typename?: 'ApiClient', id: string, clientId: string } };

export type UpdateApiClientMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateApiClientInput;
}>;


export type UpdateApiClientMutation = { __typename?: 'Mutation', updateApiClient: { __typename?: 'ApiClient', id: string, clientId: string, identifier?: string | null, name: string, description?: string | null, enabled: boolean, contactEmails: Array<string>, allowedIpRanges: Array<string>, accessTokenLifetimeSeconds: number, requireSenderConstrainedTokens: boolean, tokensPerHour?: number | null, tokensPerDay?: number | null, tokenQuotaMode?: TokenQuotaMode | null, maxActiveTokensPerCredential?: number | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, scopes: Array<{ __typename?: 'Scope', id: string, name: string, apiResourceId: string }>, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string } } };

export type DeleteApiClientMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteApiClientMutation = { __typename?: 'Mutation', deleteApiClient: string };

export type TenantIssuerQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantIssuerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, issuer: string } } };

export type CredentialDetailsFragment = { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null };

export type ClientCredentialsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ClientCredentialsQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, maxCredentialsPerClient: number, maxCredentialLifetimeDays: number, credentialPolicy: { __typename?: 'CredentialPolicyView', kindLifetimes: Array<{ __typename?: 'CredentialKindLifetime', kind: CredentialType, effectiveMaxLifetimeDays: number }> } } }, apiClient?: { __typename?: 'ApiClient', id: string, clientId: string, credentials: Array<{ __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null }> } | null };

export type CreateClientSecretMutationVariables = Exact<{
  clientId: Scalars['ID']['input'];
  input: CreateClientSecretInput;
}>;


export type CreateClientSecretMutation = { __typename?: 'Mutation', createClientSecret: { __typename?: 'CreateClientSecretPayload', secret: string, credential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null } } };

export type CreateCertificateMutationVariables = Exact<{
  clientId: Scalars['ID']['input'];
  input: CreateCertificateInput;
}>;


export type CreateCertificateMutation = { __typename?: 'Mutation', createCertificate: { __typename?: 'CreateCertificatePayload', password?: string | null, credential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null }, bundle: { __typename?: 'CertificateBundleFile', filename: string, mediaType: string, contentBase64: string } } };

export type CreatePrivateKeyJwtCredentialMutationVariables = Exact<{
  clientId: Scalars['ID']['input'];
  input: CreatePrivateKeyJwtCredentialInput;
}>;


export type CreatePrivateKeyJwtCredentialMutation = { __typename?: 'Mutation', createPrivateKeyJwtCredential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null } };

export type CreateFederatedCredentialMutationVariables = Exact<{
  clientId: Scalars['ID']['input'];
  input: CreateFederatedCredentialInput;
}>;


export type CreateFederatedCredentialMutation = { __typename?: 'Mutation', createFederatedCredential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null } };

export type RenewCertificateMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input?: InputMaybe<RenewCertificateInput>;
}>;


export type RenewCertificateMutation = { __typename?: 'Mutation', renewCertificate: { __typename?: 'CreateCertificatePayload', password?: string | null, credential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null }, bundle: { __typename?: 'CertificateBundleFile', filename: string, mediaType: string, contentBase64: string } } };

export type RotateClientSecretMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: RotateClientSecretInput;
}>;


export type RotateClientSecretMutation = { __typename?: 'Mutation', rotateClientSecret: { __typename?: 'RotateClientSecretPayload', secret: string, credential: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null }, previous: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null } } };

export type SetCredentialEnabledMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  enabled: Scalars['Boolean']['input'];
}>;


export type SetCredentialEnabledMutation = { __typename?: 'Mutation', setCredentialEnabled: { __typename?: 'Credential', id: string, apiClientId: string, type: CredentialType, description?: string | null, createdAt: string, expiresAt: string, lastUsedAt?: string | null, status: CredentialStatus, enabled: boolean, secretHint?: string | null, replacedById?: string | null, renewalOfId?: string | null, createdBy: { __typename?: 'Actor', type: ActorType, displayName: string }, certificate?: { __typename?: 'CertificateDetails', serialNumber: string, thumbprintSha256: string, subject: string, notBefore: string, notAfter: string, keyAlgorithm: string, fromCsr: boolean } | null, privateKeyJwt?: { __typename?: 'PrivateKeyJwtDetails', keyId?: string | null, thumbprintSha256?: string | null, jwksUri?: string | null } | null, federated?: { __typename?: 'FederatedCredentialDetails', issuer: string, audience: string, subject: string, claims: Array<{ __typename?: 'FederatedClaimCondition', name: string, value: string }> } | null } };

export type DeleteCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteCredentialMutation = { __typename?: 'Mutation', deleteCredential: string };

export type ExpiringCredentialsQueryVariables = Exact<{
  withinDays: Scalars['Int']['input'];
}>;


export type ExpiringCredentialsQuery = { __typename?: 'Query', expiringCredentials: Array<{ __typename?: 'Credential', id: string, type: CredentialType, description?: string | null, secretHint?: string | null, expiresAt: string, daysLeft?: number | null, certificate?: { __typename?: 'CertificateDetails', serialNumber: string } | null, apiClient: { __typename?: 'ApiClient', id: string, name: string, clientId: string }, reminders: Array<{ __typename?: 'ReminderDelivery', id: string, stage: number, status: ReminderStatus, sentAt?: string | null, recipients: Array<string>, lastError?: string | null }> }> };

export type UnusedCredentialsQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type UnusedCredentialsQuery = { __typename?: 'Query', unusedCredentials: { __typename?: 'UnusedCredentialConnection', totalCount: number, edges: Array<{ __typename?: 'UnusedCredentialEdge', node: { __typename?: 'UnusedCredential', id: string, type: CredentialType, description?: string | null, lastUsedAt?: string | null, createdAt: string, unusedDays: number, autoDisabled: boolean, credential: { __typename?: 'Credential', id: string, secretHint?: string | null, certificate?: { __typename?: 'CertificateDetails', serialNumber: string } | null }, apiClient: { __typename?: 'ApiClient', id: string, name: string, clientId: string } } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } }, viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, unusedCredentialDays: number, autoDisableUnusedCredentials: boolean } } };

export type SecurityUserFragment = { __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> };

export type SecurityTeamFragment = { __typename?: 'Team', id: string, name: string, permissions: Array<Permission>, createdAt: string, members: Array<{ __typename?: 'User', id: string, name: string }> };

export type ApiResourceDetailsFragment = { __typename?: 'ApiResource', id: string, name: string, audience: string, description?: string | null, builtIn: boolean, scopes: Array<{ __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string }> };

export type SecurityUsersQueryVariables = Exact<{ [key: string]: never; }>;


export type SecurityUsersQuery = { __typename?: 'Query', users: Array<{ __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> }> };

export type SecurityTeamsQueryVariables = Exact<{ [key: string]: never; }>;


export type SecurityTeamsQuery = { __typename?: 'Query', teams: Array<{ __typename?: 'Team', id: string, name: string, permissions: Array<Permission>, createdAt: string, members: Array<{ __typename?: 'User', id: string, name: string }> }> };

export type TenantLimitsQueryVariables = Exact<{ [key: string]: never; }>;


export type TenantLimitsQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, apiClientCount: number, maxClients: number, maxCredentialsPerClient: number, maxCredentialLifetimeDays: number, tokenSigningAlgorithm: TokenSigningAlgorithm, tokenSigningAlgorithmEffectiveAt?: string | null, tokensPerHour?: number | null, tokensPerDay?: number | null, tokenQuotaMode: TokenQuotaMode, maxActiveTokensPerCredential?: number | null } } };

export type ScopeCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type ScopeCatalogQuery = { __typename?: 'Query', apiResources: Array<{ __typename?: 'ApiResource', id: string, name: string, audience: string, description?: string | null, builtIn: boolean, scopes: Array<{ __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string }> }> };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { __typename?: 'Mutation', createUser: { __typename?: 'CreateUserPayload', temporaryPassword: string, user: { __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> } } };

export type UpdateUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateUserInput;
}>;


export type UpdateUserMutation = { __typename?: 'Mutation', updateUser: { __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> } };

export type DisableUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DisableUserMutation = { __typename?: 'Mutation', disableUser: { __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> } };

export type EnableUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EnableUserMutation = { __typename?: 'Mutation', enableUser: { __typename?: 'User', id: string, email: string, name: string, status: UserStatus, mustChangePassword: boolean, createdAt: string, lastSignInAt?: string | null, teams: Array<{ __typename?: 'Team', id: string, name: string }> } };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { __typename?: 'Mutation', createTeam: { __typename?: 'Team', id: string, name: string, permissions: Array<Permission>, createdAt: string, members: Array<{ __typename?: 'User', id: string, name: string }> } };

export type UpdateTeamMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateTeamInput;
}>;


export type UpdateTeamMutation = { __typename?: 'Mutation', updateTeam: { __typename?: 'Team', id: string, name: string, permissions: Array<Permission>, createdAt: string, members: Array<{ __typename?: 'User', id: string, name: string }> } };

export type DeleteTeamMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteTeamMutation = { __typename?: 'Mutation', deleteTeam: string };

export type UpdateTenantSettingsMutationVariables = Exact<{
  input: UpdateTenantSettingsInput;
}>;


export type UpdateTenantSettingsMutation = { __typename?: 'Mutation', updateTenantSettings: { __typename?: 'Tenant', id: string, apiClientCount: number, maxClients: number, maxCredentialsPerClient: number, maxCredentialLifetimeDays: number, tokenSigningAlgorithm: TokenSigningAlgorithm, tokenSigningAlgorithmEffectiveAt?: string | null, tokensPerHour?: number | null, tokensPerDay?: number | null, tokenQuotaMode: TokenQuotaMode, maxActiveTokensPerCredential?: number | null } };

export type CreateApiResourceMutationVariables = Exact<{
  input: CreateApiResourceInput;
}>;


export type CreateApiResourceMutation = { __typename?: 'Mutation', createApiResource: { __typename?: 'ApiResource', id: string, name: string, audience: string, description?: string | null, builtIn: boolean, scopes: Array<{ __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string }> } };

export type UpdateApiResourceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateApiResourceInput;
}>;


export type UpdateApiResourceMutation = { __typename?: 'Mutation', updateApiResource: { __typename?: 'ApiResource', id: string, name: string, audience: string, description?: string | null, builtIn: boolean, scopes: Array<{ __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string }> } };

export type DeleteApiResourceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteApiResourceMutation = { __typename?: 'Mutation', deleteApiResource: string };

export type CreateScopeMutationVariables = Exact<{
  apiResourceId: Scalars['ID']['input'];
  input: CreateScopeInput;
}>;


export type CreateScopeMutation = { __typename?: 'Mutation', createScope: { __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string } };

export type UpdateScopeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: UpdateScopeInput;
}>;


export type UpdateScopeMutation = { __typename?: 'Mutation', updateScope: { __typename?: 'Scope', id: string, name: string, description?: string | null, apiResourceId: string } };

export type DeleteScopeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteScopeMutation = { __typename?: 'Mutation', deleteScope: string };

export type CredentialPolicyQueryVariables = Exact<{ [key: string]: never; }>;


export type CredentialPolicyQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, maxCredentialLifetimeDays: number, credentialPolicy: { __typename?: 'CredentialPolicyView', allowedKinds: Array<CredentialType>, minRsaKeyBits: number, allowedKeyCurves: Array<KeyCurve>, personalApiKeyMaxLifetimeDays?: number | null, effectivePersonalApiKeyMaxLifetimeDays: number, kindLifetimes: Array<{ __typename?: 'CredentialKindLifetime', kind: CredentialType, maxLifetimeDays?: number | null, effectiveMaxLifetimeDays: number }> } } } };

export type UpdateCredentialPolicyMutationVariables = Exact<{
  input: UpdateCredentialPolicyInput;
}>;


export type UpdateCredentialPolicyMutation = { __typename?: 'Mutation', updateCredentialPolicy: { __typename?: 'Tenant', id: string, maxCredentialLifetimeDays: number, credentialPolicy: { __typename?: 'CredentialPolicyView', allowedKinds: Array<CredentialType>, minRsaKeyBits: number, allowedKeyCurves: Array<KeyCurve>, personalApiKeyMaxLifetimeDays?: number | null, effectivePersonalApiKeyMaxLifetimeDays: number, kindLifetimes: Array<{ __typename?: 'CredentialKindLifetime', kind: CredentialType, maxLifetimeDays?: number | null, effectiveMaxLifetimeDays: number }> } } };

export type CredentialPolicyViolationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CredentialPolicyViolationsQuery = { __typename?: 'Query', credentialPolicyViolations: { __typename?: 'CredentialPolicyViolationConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'CredentialPolicyViolationEdge', node: { __typename?: 'CredentialPolicyViolation', id: string, credentialType?: CredentialType | null, label: string, description?: string | null, apiClientId?: string | null, clientId?: string | null, ownerName?: string | null, expiresAt: string, rules: Array<CredentialPolicyRule> } }> } };

export type UnusedCredentialSettingsQueryVariables = Exact<{ [key: string]: never; }>;


export type UnusedCredentialSettingsQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', tenant: { __typename?: 'Tenant', id: string, unusedCredentialDays: number, autoDisableUnusedCredentials: boolean } } };

export type UpdateUnusedCredentialSettingsMutationVariables = Exact<{
  input: UpdateTenantSettingsInput;
}>;


export type UpdateUnusedCredentialSettingsMutation = { __typename?: 'Mutation', updateTenantSettings: { __typename?: 'Tenant', id: string, unusedCredentialDays: number, autoDisableUnusedCredentials: boolean } };

export type WebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEndpointsQuery = { __typename?: 'Query', webhookEventTypes: Array<string>, webhookEndpoints: Array<{ __typename?: 'WebhookEndpoint', id: string, url: string, description?: string | null, eventTypes: Array<string>, enabled: boolean, failingSince?: string | null, disabledAt?: string | null, disabledReason?: string | null, createdAt: string }> };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { __typename?: 'Mutation', createWebhookEndpoint: { __typename?: 'CreatedWebhookEndpoint', signingSecret: string, endpoint: { __typename?: 'WebhookEndpoint', id: string, url: string } } };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: WebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { __typename?: 'Mutation', updateWebhookEndpoint: { __typename?: 'WebhookEndpoint', id: string, url: string, description?: string | null, eventTypes: Array<string>, enabled: boolean, disabledAt?: string | null, disabledReason?: string | null } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteWebhookEndpointMutation = { __typename?: 'Mutation', deleteWebhookEndpoint: boolean };

export type WebhookDeliveriesQueryVariables = Exact<{
  endpointId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type WebhookDeliveriesQuery = { __typename?: 'Query', webhookDeliveries: { __typename?: 'WebhookDeliveryConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'WebhookDeliveryEdge', node: { __typename?: 'WebhookDelivery', id: string, messageId: string, eventType: string, status: WebhookDeliveryStatus, attemptCount: number, nextAttemptAt?: string | null, lastStatusCode?: number | null, lastError?: string | null, deliveredAt?: string | null, createdAt: string, attempts: Array<{ __typename?: 'WebhookAttempt', attemptNo: number, trigger: string, at: string, statusCode?: number | null, latencyMs?: number | null, error?: string | null }> } }> } };

export type RedeliverWebhookMutationVariables = Exact<{
  deliveryId: Scalars['ID']['input'];
}>;


export type RedeliverWebhookMutation = { __typename?: 'Mutation', redeliverWebhook: { __typename?: 'WebhookCallResult', ok: boolean, statusCode?: number | null, message: string } };

export type SendTestWebhookMutationVariables = Exact<{
  endpointId: Scalars['ID']['input'];
}>;


export type SendTestWebhookMutation = { __typename?: 'Mutation', sendTestWebhook: { __typename?: 'WebhookCallResult', ok: boolean, statusCode?: number | null, message: string } };

export type VaultCredentialFieldsFragment = { __typename?: 'VaultCredential', id: string, name: string, description?: string | null, type: VaultCredentialType, hint: string, status: VaultCredentialStatus, enabled: boolean, contactEmails: Array<string>, testUrl?: string | null, expiresAt?: string | null, lastUsedAt?: string | null, lastRenewedAt?: string | null, lastRenewalError?: string | null, accessTokenExpiresAt?: string | null, settings: { __typename?: 'VaultCredentialSettings', placement?: ApiKeyPlacement | null, parameterName?: string | null, grant?: OAuth2Grant | null, tokenUrl?: string | null, authorizationUrl?: string | null, clientId?: string | null, scopes?: Array<string> | null, audience?: string | null, resource?: string | null, tokenExpiresAt?: string | null, username?: string | null, headerNames?: Array<string> | null } };

export type VaultCredentialsQueryVariables = Exact<{ [key: string]: never; }>;


export type VaultCredentialsQuery = { __typename?: 'Query', vaultCredentials: Array<{ __typename?: 'VaultCredential', id: string, name: string, description?: string | null, type: VaultCredentialType, hint: string, status: VaultCredentialStatus, enabled: boolean, contactEmails: Array<string>, testUrl?: string | null, expiresAt?: string | null, lastUsedAt?: string | null, lastRenewedAt?: string | null, lastRenewalError?: string | null, accessTokenExpiresAt?: string | null, settings: { __typename?: 'VaultCredentialSettings', placement?: ApiKeyPlacement | null, parameterName?: string | null, grant?: OAuth2Grant | null, tokenUrl?: string | null, authorizationUrl?: string | null, clientId?: string | null, scopes?: Array<string> | null, audience?: string | null, resource?: string | null, tokenExpiresAt?: string | null, username?: string | null, headerNames?: Array<string> | null } }> };

export type CreateVaultCredentialMutationVariables = Exact<{
  input: VaultCredentialInput;
}>;


export type CreateVaultCredentialMutation = { __typename?: 'Mutation', createVaultCredential: { __typename?: 'VaultCredential', id: string, name: string, description?: string | null, type: VaultCredentialType, hint: string, status: VaultCredentialStatus, enabled: boolean, contactEmails: Array<string>, testUrl?: string | null, expiresAt?: string | null, lastUsedAt?: string | null, lastRenewedAt?: string | null, lastRenewalError?: string | null, accessTokenExpiresAt?: string | null, settings: { __typename?: 'VaultCredentialSettings', placement?: ApiKeyPlacement | null, parameterName?: string | null, grant?: OAuth2Grant | null, tokenUrl?: string | null, authorizationUrl?: string | null, clientId?: string | null, scopes?: Array<string> | null, audience?: string | null, resource?: string | null, tokenExpiresAt?: string | null, username?: string | null, headerNames?: Array<string> | null } } };

export type UpdateVaultCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: VaultCredentialInput;
}>;


export type UpdateVaultCredentialMutation = { __typename?: 'Mutation', updateVaultCredential: { __typename?: 'VaultCredential', id: string, name: string, description?: string | null, type: VaultCredentialType, hint: string, status: VaultCredentialStatus, enabled: boolean, contactEmails: Array<string>, testUrl?: string | null, expiresAt?: string | null, lastUsedAt?: string | null, lastRenewedAt?: string | null, lastRenewalError?: string | null, accessTokenExpiresAt?: string | null, settings: { __typename?: 'VaultCredentialSettings', placement?: ApiKeyPlacement | null, parameterName?: string | null, grant?: OAuth2Grant | null, tokenUrl?: string | null, authorizationUrl?: string | null, clientId?: string | null, scopes?: Array<string> | null, audience?: string | null, resource?: string | null, tokenExpiresAt?: string | null, username?: string | null, headerNames?: Array<string> | null } } };

export type DeleteVaultCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteVaultCredentialMutation = { __typename?: 'Mutation', deleteVaultCredential: boolean };

export type RenewVaultCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RenewVaultCredentialMutation = { __typename?: 'Mutation', renewVaultCredential: { __typename?: 'VaultCredential', id: string, name: string, description?: string | null, type: VaultCredentialType, hint: string, status: VaultCredentialStatus, enabled: boolean, contactEmails: Array<string>, testUrl?: string | null, expiresAt?: string | null, lastUsedAt?: string | null, lastRenewedAt?: string | null, lastRenewalError?: string | null, accessTokenExpiresAt?: string | null, settings: { __typename?: 'VaultCredentialSettings', placement?: ApiKeyPlacement | null, parameterName?: string | null, grant?: OAuth2Grant | null, tokenUrl?: string | null, authorizationUrl?: string | null, clientId?: string | null, scopes?: Array<string> | null, audience?: string | null, resource?: string | null, tokenExpiresAt?: string | null, username?: string | null, headerNames?: Array<string> | null } } };

export type TestVaultCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type TestVaultCredentialMutation = { __typename?: 'Mutation', testVaultCredential: { __typename?: 'VaultTestResult', ok: boolean, status?: number | null, latencyMs?: number | null, message: string, url?: string | null } };

export type TestVaultCredentialDraftMutationVariables = Exact<{
  input: VaultCredentialInput;
  url?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
}>;


export type TestVaultCredentialDraftMutation = { __typename?: 'Mutation', testVaultCredentialDraft: { __typename?: 'VaultTestResult', ok: boolean, status?: number | null, latencyMs?: number | null, message: string, url?: string | null } };

export type ConnectVaultCredentialMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ConnectVaultCredentialMutation = { __typename?: 'Mutation', connectVaultCredential: string };

export const ApiClientDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiClientDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiClient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"allowedIpRanges"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenLifetimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requireSenderConstrainedTokens"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerHour"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"tokenQuotaMode"}},{"kind":"Field","name":{"kind":"Name","value":"maxActiveTokensPerCredential"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]} as unknown as DocumentNode<ApiClientDetailsFragment, unknown>;
export const CredentialDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<CredentialDetailsFragment, unknown>;
export const SecurityUserFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SecurityUserFragment, unknown>;
export const SecurityTeamFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityTeam"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Team"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SecurityTeamFragment, unknown>;
export const ApiResourceDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiResourceDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiResource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<ApiResourceDetailsFragment, unknown>;
export const VaultCredentialFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VaultCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"testUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewalError"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"parameterName"}},{"kind":"Field","name":{"kind":"Name","value":"grant"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}}]}}]}}]} as unknown as DocumentNode<VaultCredentialFieldsFragment, unknown>;
export const ChangeMyPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangeMyPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changeMyPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"currentPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"currentPassword"}}},{"kind":"Argument","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}]}}]} as unknown as DocumentNode<ChangeMyPasswordMutation, ChangeMyPasswordMutationVariables>;
export const MySessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"userAgent"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]}}]} as unknown as DocumentNode<MySessionsQuery, MySessionsQueryVariables>;
export const RevokeSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<RevokeSessionMutation, RevokeSessionMutationVariables>;
export const RevokeOtherSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeOtherSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeOtherSessions"}}]}}]} as unknown as DocumentNode<RevokeOtherSessionsMutation, RevokeOtherSessionsMutationVariables>;
export const MyApiKeysDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"myApiKeys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedIp"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<MyApiKeysQuery, MyApiKeysQueryVariables>;
export const CreatePersonalApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePersonalApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePersonalApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPersonalApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePersonalApiKeyMutation, CreatePersonalApiKeyMutationVariables>;
export const RevokePersonalApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokePersonalApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokePersonalApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<RevokePersonalApiKeyMutation, RevokePersonalApiKeyMutationVariables>;
export const RegeneratePersonalApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegeneratePersonalApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"regeneratePersonalApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<RegeneratePersonalApiKeyMutation, RegeneratePersonalApiKeyMutationVariables>;
export const AuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"AuditEventFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"ipAddress"}},{"kind":"Field","name":{"kind":"Name","value":"userAgent"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const AuditClientOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditClientOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiClients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditClientOptionsQuery, AuditClientOptionsQueryVariables>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const ApiClientCountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiClientCount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxClients"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialsPerClient"}}]}}]}}]}}]} as unknown as DocumentNode<ApiClientCountQuery, ApiClientCountQueryVariables>;
export const ApiClientListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiClientList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ApiClientOrder"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withSecrets"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiClients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"orderBy"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"credentialCount"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withSecrets"}}}]}]},{"kind":"Field","name":{"kind":"Name","value":"nearestExpiry"},"directives":[{"kind":"Directive","name":{"kind":"Name","value":"include"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"if"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withSecrets"}}}]}]},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ApiClientListQuery, ApiClientListQueryVariables>;
export const ApiClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiClientDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiClientDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiClient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"allowedIpRanges"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenLifetimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requireSenderConstrainedTokens"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerHour"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"tokenQuotaMode"}},{"kind":"Field","name":{"kind":"Name","value":"maxActiveTokensPerCredential"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]} as unknown as DocumentNode<ApiClientQuery, ApiClientQueryVariables>;
export const ApiResourcesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ApiResources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiResources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<ApiResourcesQuery, ApiResourcesQueryVariables>;
export const CreateApiClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiClientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}}]}}]} as unknown as DocumentNode<CreateApiClientMutation, CreateApiClientMutationVariables>;
export const UpdateApiClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateApiClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateApiClientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateApiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiClientDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiClientDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiClient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"identifier"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"allowedIpRanges"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenLifetimeSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"requireSenderConstrainedTokens"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerHour"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"tokenQuotaMode"}},{"kind":"Field","name":{"kind":"Name","value":"maxActiveTokensPerCredential"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}}]}}]} as unknown as DocumentNode<UpdateApiClientMutation, UpdateApiClientMutationVariables>;
export const DeleteApiClientDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteApiClient"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteApiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteApiClientMutation, DeleteApiClientMutationVariables>;
export const TenantIssuerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TenantIssuer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"issuer"}}]}}]}}]}}]} as unknown as DocumentNode<TenantIssuerQuery, TenantIssuerQueryVariables>;
export const ClientCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClientCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialsPerClient"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"credentialPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kindLifetimes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveMaxLifetimeDays"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiClient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"credentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<ClientCredentialsQuery, ClientCredentialsQueryVariables>;
export const CreateClientSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateClientSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateClientSecretInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createClientSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<CreateClientSecretMutation, CreateClientSecretMutationVariables>;
export const CreateCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCertificateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bundle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"contentBase64"}}]}},{"kind":"Field","name":{"kind":"Name","value":"password"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCertificateMutation, CreateCertificateMutationVariables>;
export const CreatePrivateKeyJwtCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePrivateKeyJwtCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePrivateKeyJwtCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPrivateKeyJwtCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePrivateKeyJwtCredentialMutation, CreatePrivateKeyJwtCredentialMutationVariables>;
export const CreateFederatedCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFederatedCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFederatedCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFederatedCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clientId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<CreateFederatedCredentialMutation, CreateFederatedCredentialMutationVariables>;
export const RenewCertificateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewCertificate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RenewCertificateInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewCertificate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bundle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"filename"}},{"kind":"Field","name":{"kind":"Name","value":"mediaType"}},{"kind":"Field","name":{"kind":"Name","value":"contentBase64"}}]}},{"kind":"Field","name":{"kind":"Name","value":"password"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<RenewCertificateMutation, RenewCertificateMutationVariables>;
export const RotateClientSecretDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RotateClientSecret"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RotateClientSecretInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rotateClientSecret"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"previous"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<RotateClientSecretMutation, RotateClientSecretMutationVariables>;
export const SetCredentialEnabledDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCredentialEnabled"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCredentialEnabled"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"enabled"},"value":{"kind":"Variable","name":{"kind":"Name","value":"enabled"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CredentialDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CredentialDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Credential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"replacedById"}},{"kind":"Field","name":{"kind":"Name","value":"renewalOfId"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"notBefore"}},{"kind":"Field","name":{"kind":"Name","value":"notAfter"}},{"kind":"Field","name":{"kind":"Name","value":"keyAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"fromCsr"}}]}},{"kind":"Field","name":{"kind":"Name","value":"privateKeyJwt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"thumbprintSha256"}},{"kind":"Field","name":{"kind":"Name","value":"jwksUri"}}]}},{"kind":"Field","name":{"kind":"Name","value":"federated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issuer"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}}]} as unknown as DocumentNode<SetCredentialEnabledMutation, SetCredentialEnabledMutationVariables>;
export const DeleteCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteCredentialMutation, DeleteCredentialMutationVariables>;
export const ExpiringCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExpiringCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"withinDays"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"expiringCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"withinDays"},"value":{"kind":"Variable","name":{"kind":"Name","value":"withinDays"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"daysLeft"}},{"kind":"Field","name":{"kind":"Name","value":"apiClient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reminders"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"stage"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"sentAt"}},{"kind":"Field","name":{"kind":"Name","value":"recipients"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}}]}}]}}]}}]} as unknown as DocumentNode<ExpiringCredentialsQuery, ExpiringCredentialsQueryVariables>;
export const UnusedCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnusedCredentials"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unusedCredentials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"unusedDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoDisabled"}},{"kind":"Field","name":{"kind":"Name","value":"credential"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"secretHint"}},{"kind":"Field","name":{"kind":"Name","value":"certificate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serialNumber"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"apiClient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unusedCredentialDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoDisableUnusedCredentials"}}]}}]}}]}}]} as unknown as DocumentNode<UnusedCredentialsQuery, UnusedCredentialsQueryVariables>;
export const SecurityUsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SecurityUsers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SecurityUsersQuery, SecurityUsersQueryVariables>;
export const SecurityTeamsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SecurityTeams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityTeam"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityTeam"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Team"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SecurityTeamsQuery, SecurityTeamsQueryVariables>;
export const TenantLimitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TenantLimits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxClients"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialsPerClient"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"tokenSigningAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"tokenSigningAlgorithmEffectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerHour"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"tokenQuotaMode"}},{"kind":"Field","name":{"kind":"Name","value":"maxActiveTokensPerCredential"}}]}}]}}]}}]} as unknown as DocumentNode<TenantLimitsQuery, TenantLimitsQueryVariables>;
export const ScopeCatalogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScopeCatalog"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiResources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiResourceDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiResourceDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiResource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<ScopeCatalogQuery, ScopeCatalogQueryVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"temporaryPassword"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityUser"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const UpdateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateUserMutation, UpdateUserMutationVariables>;
export const DisableUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DisableUserMutation, DisableUserMutationVariables>;
export const EnableUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityUser"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityUser"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"User"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"mustChangePassword"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastSignInAt"}},{"kind":"Field","name":{"kind":"Name","value":"teams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<EnableUserMutation, EnableUserMutationVariables>;
export const CreateTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityTeam"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityTeam"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Team"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CreateTeamMutation, CreateTeamMutationVariables>;
export const UpdateTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SecurityTeam"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SecurityTeam"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Team"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"permissions"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<UpdateTeamMutation, UpdateTeamMutationVariables>;
export const DeleteTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteTeamMutation, DeleteTeamMutationVariables>;
export const UpdateTenantSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateTenantSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTenantSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTenantSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientCount"}},{"kind":"Field","name":{"kind":"Name","value":"maxClients"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialsPerClient"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"tokenSigningAlgorithm"}},{"kind":"Field","name":{"kind":"Name","value":"tokenSigningAlgorithmEffectiveAt"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerHour"}},{"kind":"Field","name":{"kind":"Name","value":"tokensPerDay"}},{"kind":"Field","name":{"kind":"Name","value":"tokenQuotaMode"}},{"kind":"Field","name":{"kind":"Name","value":"maxActiveTokensPerCredential"}}]}}]}}]} as unknown as DocumentNode<UpdateTenantSettingsMutation, UpdateTenantSettingsMutationVariables>;
export const CreateApiResourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiResource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiResourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiResource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiResourceDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiResourceDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiResource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<CreateApiResourceMutation, CreateApiResourceMutationVariables>;
export const UpdateApiResourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateApiResource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateApiResourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateApiResource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ApiResourceDetails"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ApiResourceDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ApiResource"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"builtIn"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<UpdateApiResourceMutation, UpdateApiResourceMutationVariables>;
export const DeleteApiResourceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteApiResource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteApiResource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteApiResourceMutation, DeleteApiResourceMutationVariables>;
export const CreateScopeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScope"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"apiResourceId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateScopeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScope"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"apiResourceId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"apiResourceId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<CreateScopeMutation, CreateScopeMutationVariables>;
export const UpdateScopeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateScope"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateScopeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateScope"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiResourceId"}}]}}]}}]} as unknown as DocumentNode<UpdateScopeMutation, UpdateScopeMutationVariables>;
export const DeleteScopeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteScope"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteScope"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteScopeMutation, DeleteScopeMutationVariables>;
export const CredentialPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CredentialPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"credentialPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowedKinds"}},{"kind":"Field","name":{"kind":"Name","value":"kindLifetimes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"maxLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveMaxLifetimeDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minRsaKeyBits"}},{"kind":"Field","name":{"kind":"Name","value":"allowedKeyCurves"}},{"kind":"Field","name":{"kind":"Name","value":"personalApiKeyMaxLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"effectivePersonalApiKeyMaxLifetimeDays"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CredentialPolicyQuery, CredentialPolicyQueryVariables>;
export const UpdateCredentialPolicyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCredentialPolicy"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCredentialPolicyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCredentialPolicy"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"maxCredentialLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"credentialPolicy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowedKinds"}},{"kind":"Field","name":{"kind":"Name","value":"kindLifetimes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"maxLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveMaxLifetimeDays"}}]}},{"kind":"Field","name":{"kind":"Name","value":"minRsaKeyBits"}},{"kind":"Field","name":{"kind":"Name","value":"allowedKeyCurves"}},{"kind":"Field","name":{"kind":"Name","value":"personalApiKeyMaxLifetimeDays"}},{"kind":"Field","name":{"kind":"Name","value":"effectivePersonalApiKeyMaxLifetimeDays"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateCredentialPolicyMutation, UpdateCredentialPolicyMutationVariables>;
export const CredentialPolicyViolationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CredentialPolicyViolations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"credentialPolicyViolations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"credentialType"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"apiClientId"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"ownerName"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"rules"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CredentialPolicyViolationsQuery, CredentialPolicyViolationsQueryVariables>;
export const UnusedCredentialSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UnusedCredentialSettings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tenant"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unusedCredentialDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoDisableUnusedCredentials"}}]}}]}}]}}]} as unknown as DocumentNode<UnusedCredentialSettingsQuery, UnusedCredentialSettingsQueryVariables>;
export const UpdateUnusedCredentialSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUnusedCredentialSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateTenantSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateTenantSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"unusedCredentialDays"}},{"kind":"Field","name":{"kind":"Name","value":"autoDisableUnusedCredentials"}}]}}]}}]} as unknown as DocumentNode<UpdateUnusedCredentialSettingsMutation, UpdateUnusedCredentialSettingsMutationVariables>;
export const WebhookEndpointsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookEndpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"failingSince"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"webhookEventTypes"}}]}}]} as unknown as DocumentNode<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const CreateWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signingSecret"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]}}]} as unknown as DocumentNode<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
export const UpdateWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WebhookEndpointInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"eventTypes"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}},{"kind":"Field","name":{"kind":"Name","value":"disabledReason"}}]}}]}}]} as unknown as DocumentNode<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteWebhookEndpoint"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteWebhookEndpoint"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const WebhookDeliveriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebhookDeliveries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"webhookDeliveries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"attemptCount"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastStatusCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attemptNo"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const RedeliverWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RedeliverWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"deliveryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redeliverWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"deliveryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"deliveryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;
export const SendTestWebhookDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SendTestWebhook"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendTestWebhook"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"endpointId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"endpointId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"statusCode"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<SendTestWebhookMutation, SendTestWebhookMutationVariables>;
export const VaultCredentialsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VaultCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vaultCredentials"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VaultCredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VaultCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"testUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewalError"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"parameterName"}},{"kind":"Field","name":{"kind":"Name","value":"grant"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}}]}}]}}]} as unknown as DocumentNode<VaultCredentialsQuery, VaultCredentialsQueryVariables>;
export const CreateVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VaultCredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VaultCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"testUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewalError"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"parameterName"}},{"kind":"Field","name":{"kind":"Name","value":"grant"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}}]}}]}}]} as unknown as DocumentNode<CreateVaultCredentialMutation, CreateVaultCredentialMutationVariables>;
export const UpdateVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredentialInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VaultCredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VaultCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"testUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewalError"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"parameterName"}},{"kind":"Field","name":{"kind":"Name","value":"grant"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}}]}}]}}]} as unknown as DocumentNode<UpdateVaultCredentialMutation, UpdateVaultCredentialMutationVariables>;
export const DeleteVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeleteVaultCredentialMutation, DeleteVaultCredentialMutationVariables>;
export const RenewVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenewVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renewVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VaultCredentialFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VaultCredentialFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredential"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"hint"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"contactEmails"}},{"kind":"Field","name":{"kind":"Name","value":"testUrl"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastUsedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewedAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRenewalError"}},{"kind":"Field","name":{"kind":"Name","value":"accessTokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"parameterName"}},{"kind":"Field","name":{"kind":"Name","value":"grant"}},{"kind":"Field","name":{"kind":"Name","value":"tokenUrl"}},{"kind":"Field","name":{"kind":"Name","value":"authorizationUrl"}},{"kind":"Field","name":{"kind":"Name","value":"clientId"}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}},{"kind":"Field","name":{"kind":"Name","value":"audience"}},{"kind":"Field","name":{"kind":"Name","value":"resource"}},{"kind":"Field","name":{"kind":"Name","value":"tokenExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"headerNames"}}]}}]}}]} as unknown as DocumentNode<RenewVaultCredentialMutation, RenewVaultCredentialMutationVariables>;
export const TestVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<TestVaultCredentialMutation, TestVaultCredentialMutationVariables>;
export const TestVaultCredentialDraftDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestVaultCredentialDraft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VaultCredentialInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"url"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testVaultCredentialDraft"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"url"},"value":{"kind":"Variable","name":{"kind":"Name","value":"url"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"latencyMs"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"url"}}]}}]}}]} as unknown as DocumentNode<TestVaultCredentialDraftMutation, TestVaultCredentialDraftMutationVariables>;
export const ConnectVaultCredentialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConnectVaultCredential"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"connectVaultCredential"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<ConnectVaultCredentialMutation, ConnectVaultCredentialMutationVariables>;