import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditedWork, type AuditSubject, audited } from '../audit/audited.js';
import type { ApiClient } from '../clients/api-client.entity.js';
import { findApiClient } from '../clients/api-client.lookup.js';
import type { ClientTransaction } from '../clients/client-transaction.js';
import { isUuid } from '../db/ids.js';
import type { Orm } from '../db/orm.js';
import { Actor } from '../kernel/actor.js';
import { type Clock, DAY_MS } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, LimitExceededError, NotFoundError } from '../kernel/errors.js';
import { optionalText } from '../kernel/text-rules.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import type { CertificateBundle, CertificateIssuer } from '../pki/certificate-issuer.js';
import { CsrError, parseCsr } from '../pki/csr.js';
import type { IssuedCertificate, KeyAlgorithm } from '../pki/types.js';
import { SYSTEM_LIMITS, Tenant } from '../tenants/tenant.entity.js';
import { checkSecretShape, generateClientSecret, hashClientSecret } from './client-secret.js';
import { Credential, CredentialStatus, CredentialType } from './credential.entity.js';
import {
  type CredentialPolicy,
  certificateKeyStrength,
  checkKeyStrength,
  checkKindAllowed,
  checkKindLifetime,
  jwkKeyStrength,
  kindMaxLifetimeDays,
  readCredentialPolicy,
  spkiKeyStrength,
} from './credential-policy.js';
import { credentialStatus } from './credential-status.js';
import { checkExpiry } from './expiry.js';
import { checkRuleInput, type FederatedIssuers } from './kinds/federated.js';
import { kindOf } from './kinds/index.js';
import { parsePublicKey } from './kinds/private-key-jwt.js';
import type { RemoteKeySets } from './kinds/remote-key-sets.js';

export const ROTATION_GRACE_HOURS = { default: 168, max: 168 } as const;

export function credentialLimitMessage(max: number): string {
  return `This API client already has ${max} secrets/certificates, the maximum allowed. Delete one before adding a new one.`;
}

export interface NewClientSecretInput {
  description?: string | null;
  expiresAt: Date;
}

export interface RotateClientSecretInput extends NewClientSecretInput {
  gracePeriodHours?: number | null;
}

export interface NewCertificateInput {
  description?: string | null;
  expiresAt: Date;
  keyAlgorithm?: KeyAlgorithm | null;
  /** PEM PKCS#10; when given, no key is generated and the bundle holds no private key. */
  csr?: string | null;
}

export interface RenewCertificateInput {
  /** Defaults to the renewed certificate's own lifetime from now, within the tenant's maximum. */
  expiresAt?: Date | null;
  /** Required to renew a certificate issued from a CSR: Keyward never had its key, and keeps no copy of its public key. */
  csr?: string | null;
}

export interface NewPrivateKeyJwtInput {
  description?: string | null;
  expiresAt: Date;
  /** A public JWK (JSON) or PEM public key; or else jwksUri. */
  publicKey?: string | null;
  jwksUri?: string | null;
}

export interface NewFederatedInput {
  description?: string | null;
  expiresAt: Date;
  /** The external issuer's URL, as its tokens carry it in iss (its discovery document is read from it). */
  issuer: string;
  audience: string;
  /** Exact, or a glob (kinds/federated.ts). */
  subject: string;
  claims?: readonly { name: string; value: string }[] | null;
}

export interface CreatedCertificate {
  credential: Credential;
  bundle: CertificateBundle;
  password: string | null;
}

export interface CreatedSecret {
  credential: Credential;
  /** The plaintext, for the one response that returns it. */
  secret: string;
}

/** X.509 times have whole seconds: the credential expires exactly when its certificate does. */
function wholeSeconds<T>(expiresAt: T): T | Date {
  return expiresAt instanceof Date ? new Date(Math.floor(expiresAt.getTime() / 1000) * 1000) : expiresAt;
}

const normalizeDescription = (value: string | null | undefined) => optionalText('description', value, 200);

/** How the audit trail names a credential: its client, its kind's label and its description. */
export const credentialAuditTarget = (
  credential: Pick<Credential, 'id' | 'type' | 'secretHint' | 'certSerial' | 'details' | 'description'>,
  client: Pick<ApiClient, 'name'>,
) => {
  const label = kindOf(credential.type).auditLabel(credential);
  return {
    type: 'CREDENTIAL',
    id: credential.id,
    name: `${client.name}: ${label}${credential.description ? ` (${credential.description})` : ''}`,
  };
};

/** A new credential as the audit trail records it: what identifies it and when it expires, never the secret. */
const NEW_CREDENTIAL: AuditSubject<Credential> = {
  target: (credential) => credentialAuditTarget(credential, credential.apiClient),
  apiClientId: (credential) => credential.apiClient.id,
  snapshot: (credential) => ({
    type: credential.type,
    ...kindOf(credential.type).snapshot(credential),
    expiresAt: credential.expiresAt.toISOString(),
    description: credential.description,
  }),
};

/**
 * Disables an enabled credential inside the caller's client transaction, with the client locked: it authenticates
 * nothing from now on and the tokens it obtained are inactive for good. The one path of setCredentialEnabled and of the
 * unused-credential job (which gives the reason, recorded with the event).
 */
export function disableCredential(
  audit: AuditedWork,
  credential: Credential,
  client: Pick<ApiClient, 'id' | 'name'>,
  now: Date,
  reason?: string,
): void {
  credential.enabled = false;
  credential.tokensNotBefore = now;
  audit.record('credential.disabled', credentialAuditTarget(credential, client), {
    apiClientId: client.id,
    changes: { enabled: { from: true, to: false }, ...(reason ? { reason: { from: null, to: reason } } : {}) },
  });
}

/** Where a leaked value was found and who reported it, as the audit trail and the emails say it. */
export interface ExposureReport {
  /** "GitHub secret scanning", or the person who reported it in Keyward. */
  reporter: string;
  /** The scanner's source (e.g. GitHub's "content", "commit", "npm"); null when it gave none. */
  source: string | null;
  url: string | null;
}

/** What the contacts' email needs about a secret stopped because it leaked. */
export interface ExposedSecret {
  tenantId: string;
  credentialId: string;
  secretHint: string;
  description: string | null;
  client: { id: string; name: string; clientId: string; contactEmails: string[] };
}

export interface CredentialSummary {
  count: number;
  nearestExpiry: Date | null;
}

export class CredentialService {
  constructor(
    private readonly orm: Orm,
    private readonly pepper: Buffer,
    private readonly clock: Clock,
    private readonly issuer: CertificateIssuer,
    /** Every write changes a client's credentials: a transaction that announces the client to every process on commit. */
    private readonly transaction: ClientTransaction,
    /** The jwksUri key sets: a new credential's is fetched (through the outbound guard) and cached for the token endpoint. */
    private readonly keySets: RemoteKeySets,
    /** The issuers of FEDERATED credentials: a new credential's discovery document and key set are fetched (through the outbound guard). */
    private readonly federatedIssuers: FederatedIssuers,
  ) {}

  /** The credential's status as of now (credential-status.ts). */
  statusOf(credential: Credential, client: ApiClient = credential.apiClient): CredentialStatus {
    return credentialStatus(credential, client.enabled, this.clock.now().getTime());
  }

  /** The client's credentials, soonest expiry first. The caller has already been allowed to see the client. */
  async listForClient(client: ApiClient): Promise<Credential[]> {
    return this.orm.em.fork().find(Credential, { apiClient: client.id }, { orderBy: { expiresAt: 'asc', createdAt: 'asc', id: 'asc' } });
  }

  /**
   * Per client: how many secrets and certificates it holds, and when the next one expires (the earliest, even if
   * past; a secret replaced by a rotation or a disabled credential does not count). One query for a whole page of clients.
   */
  async summariesForClients(apiClientIds: string[]): Promise<Map<string, CredentialSummary>> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string; count: string; nearest: string | null }[]>(
        `select api_client_id as id, count(*) as count, min(expires_at) filter (where replaced_by_id is null and enabled) as nearest
         from credential where api_client_id in (${apiClientIds.map(() => '?').join(', ')}) group by api_client_id`,
        apiClientIds,
      );
    const summaries = new Map<string, CredentialSummary>(apiClientIds.map((id) => [id, { count: 0, nearestExpiry: null }]));
    for (const row of rows) summaries.set(row.id, { count: Number(row.count), nearestExpiry: row.nearest ? new Date(row.nearest) : null });
    return summaries;
  }

  async createClientSecret(viewer: Viewer, meta: RequestMeta, apiClientId: string, input: NewClientSecretInput): Promise<CreatedSecret> {
    const description = normalizeDescription(input.description);
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const { client, tenant } = await this.lockClient(em, viewer, apiClientId);
        await changed(client.clientId);
        const expiresAt = this.checkNewCredential(tenant, CredentialType.CLIENT_SECRET, input.expiresAt, this.clock.now());
        await this.checkLimit(em, client, tenant);
        const { credential, secret } = this.newSecret(em, viewer, client, tenant, description, expiresAt);
        audit.created('credential.created', credential, NEW_CREDENTIAL);
        return { credential, secret };
      }),
    );
  }

  /**
   * A PRIVATE_KEY_JWT credential: the client signs client assertions with its own private key, and Keyward keeps the
   * public key (uploaded) or the jwksUri, fetched now (so a wrong or unreachable URL is refused here, not at first use).
   * The key is read and the URL fetched before the transaction; nothing secret is shown or stored.
   */
  async createPrivateKeyJwtCredential(
    viewer: Viewer,
    meta: RequestMeta,
    apiClientId: string,
    input: NewPrivateKeyJwtInput,
  ): Promise<Credential> {
    const description = normalizeDescription(input.description);
    const preview = this.orm.em.fork();
    await findApiClient(preview, viewer.tenantId, apiClientId);
    const tenant = await preview.findOneOrFail(Tenant, viewer.tenantId);
    this.checkNewCredential(tenant, CredentialType.PRIVATE_KEY_JWT, input.expiresAt, this.clock.now());
    const publicKey = input.publicKey?.trim() ? input.publicKey : null;
    const jwksUri = input.jwksUri?.trim() ? input.jwksUri : null;
    if ((publicKey === null) === (jwksUri === null)) {
      throw new BadUserInputError(
        publicKey ? 'jwksUri' : 'publicKey',
        'Give either the public key (a JWK or PEM) or a jwksUri where Keyward fetches the client’s public keys, not both and not neither.',
      );
    }
    const details = publicKey
      ? await parsePublicKey(publicKey)
      : { source: 'jwksUri' as const, jwksUri: await this.keySets.checkNew(jwksUri as string) };
    // An uploaded key is held, so its strength is known now; a jwksUri's keys are the client's to change at any time.
    if (details.source === 'key')
      checkKeyStrength(readCredentialPolicy(tenant.credentialPolicy), jwkKeyStrength(details.jwk as Record<string, unknown>), 'publicKey');

    return this.createKeyedCredential(viewer, meta, apiClientId, CredentialType.PRIVATE_KEY_JWT, description, input.expiresAt, details);
  }

  /**
   * A FEDERATED credential: the client's workload presents a token from an external issuer (GitHub Actions, Kubernetes,
   * any OIDC issuer) and Keyward holds only the rule it must meet. The issuer's discovery document and key set are read
   * now, before the transaction, so a wrong or unreachable issuer is refused here rather than at first use.
   */
  async createFederatedCredential(viewer: Viewer, meta: RequestMeta, apiClientId: string, input: NewFederatedInput): Promise<Credential> {
    const description = normalizeDescription(input.description);
    const preview = this.orm.em.fork();
    await findApiClient(preview, viewer.tenantId, apiClientId);
    const tenant = await preview.findOneOrFail(Tenant, viewer.tenantId);
    this.checkNewCredential(tenant, CredentialType.FEDERATED, input.expiresAt, this.clock.now());
    const rule = checkRuleInput(input);
    const details = { ...rule, jwksUri: await this.federatedIssuers.discover(rule.issuer) };

    return this.createKeyedCredential(viewer, meta, apiClientId, CredentialType.FEDERATED, description, input.expiresAt, details);
  }

  /**
   * The written part of a credential whose proof is a key or a rule checked at the token endpoint (nothing secret is
   * made or shown): under the client's lock, expiry checked again and the limit counted, then created and audited.
   */
  private createKeyedCredential(
    viewer: Viewer,
    meta: RequestMeta,
    apiClientId: string,
    type: CredentialType.PRIVATE_KEY_JWT | CredentialType.FEDERATED,
    description: string | null,
    expiresAtInput: Date,
    details: Credential['details'],
  ): Promise<Credential> {
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const { client, tenant } = await this.lockClient(em, viewer, apiClientId);
        await changed(client.clientId);
        const expiresAt = this.checkNewCredential(tenant, type, expiresAtInput, this.clock.now());
        await this.checkLimit(em, client, tenant);
        const credential = em.create(Credential, {
          tenant,
          apiClient: client,
          type,
          description,
          expiresAt,
          details,
          createdAt: this.clock.now(),
          ...viewer.actor.toCreatedBy(),
        });
        audit.created('credential.created', credential, NEW_CREDENTIAL);
        return credential;
      }),
    );
  }

  /**
   * Issues an mTLS certificate: with a generated key (RSA-2048 or EC P-256) the zip holds PFX, JKS, the
   * certificate and the CA files, protected by a generated password; with a CSR, the certificate and the CA
   * files. The bundle is built before the transaction (CPU work outside the row lock) and returned once;
   * only the certificate's metadata is stored.
   */
  async createCertificate(viewer: Viewer, meta: RequestMeta, apiClientId: string, input: NewCertificateInput): Promise<CreatedCertificate> {
    const description = normalizeDescription(input.description);
    const now = this.clock.now();
    const expiresAt = wholeSeconds(input.expiresAt);
    const preview = this.orm.em.fork();
    const client = await findApiClient(preview, viewer.tenantId, apiClientId);
    const tenant = await preview.findOneOrFail(Tenant, viewer.tenantId);
    this.checkNewCredential(tenant, CredentialType.CERTIFICATE, expiresAt, now);
    const keyAlgorithm = input.keyAlgorithm ?? 'RSA_2048';
    await this.checkCertificateKey(readCredentialPolicy(tenant.credentialPolicy), keyAlgorithm, input.csr);
    const { issued, bundle, password, fromCsr } = await this.issuer.issue({
      tenantId: tenant.id,
      clientId: client.clientId,
      organization: tenant.name,
      notAfter: expiresAt,
      now,
      keyAlgorithm,
      csr: input.csr,
    });

    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const locked = await this.lockClient(em, viewer, apiClientId);
        await changed(locked.client.clientId);
        this.checkNewCredential(locked.tenant, CredentialType.CERTIFICATE, expiresAt, now);
        await this.checkLimit(em, locked.client, locked.tenant);
        const credential = this.newCertificate(em, viewer, locked, { description, expiresAt, now, issued, fromCsr });
        audit.created('credential.created', credential, NEW_CREDENTIAL);
        return { credential, bundle, password };
      }),
    );
  }

  /**
   * Renews a certificate without downtime: a new certificate for the same client, with the same description and
   * key algorithm (a new key), that names the one it renews; the old one keeps working until its own expiry, as
   * rotation's old secret does for its grace period. A certificate issued from a CSR needs a new CSR: Keyward never
   * had its private key and keeps no copy of its public key (docs/concepts.md#renewing-a-credential).
   */
  async renewCertificate(
    viewer: Viewer,
    meta: RequestMeta,
    credentialId: string,
    input: RenewCertificateInput,
  ): Promise<CreatedCertificate> {
    const now = this.clock.now();
    const preview = this.orm.em.fork();
    const old = isUuid(credentialId) ? await preview.findOne(Credential, { id: credentialId, tenant: viewer.tenantId }) : null;
    if (!old) throw this.notFound(credentialId);
    if (old.type !== CredentialType.CERTIFICATE) {
      throw new BadUserInputError(
        'id',
        'Only certificates can be renewed. For a client secret, rotate it (rotateClientSecret) or add a new secret.',
      );
    }
    const csr = input.csr?.trim() ? input.csr : null;
    if (old.certFromCsr && !csr) {
      throw new BadUserInputError(
        'csr',
        'This certificate was issued from a CSR, so Keyward never had its private key: paste a new CSR (it may be for the same key) to renew it.',
      );
    }
    const client = await findApiClient(preview, viewer.tenantId, old.apiClient.id);
    const tenant = await preview.findOneOrFail(Tenant, viewer.tenantId);
    // By default within the policy's maximum for certificates, so a renewal left to its defaults is never refused for its lifetime.
    const longest = kindMaxLifetimeDays(
      readCredentialPolicy(tenant.credentialPolicy),
      CredentialType.CERTIFICATE,
      tenant.maxCredentialLifetimeDays,
    );
    const expiresAt = wholeSeconds(input.expiresAt ?? this.renewedExpiry(old, now, longest));
    this.checkNewCredential(tenant, CredentialType.CERTIFICATE, expiresAt, now);
    const keyAlgorithm = old.certKeyAlgorithm === 'EC_P256' ? 'EC_P256' : 'RSA_2048';
    await this.checkCertificateKey(readCredentialPolicy(tenant.credentialPolicy), keyAlgorithm, csr);
    const { issued, bundle, password, fromCsr } = await this.issuer.issue({
      tenantId: tenant.id,
      clientId: client.clientId,
      organization: tenant.name,
      notAfter: expiresAt,
      now,
      keyAlgorithm,
      csr,
    });

    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const locked = await this.lockClient(em, viewer, client.id);
        await changed(locked.client.clientId);
        this.checkNewCredential(locked.tenant, CredentialType.CERTIFICATE, expiresAt, now);
        // Read again under the lock: it may have been deleted meanwhile.
        const renewed = await em.findOne(Credential, old.id, { refresh: true });
        if (!renewed) throw this.notFound(credentialId);
        await this.checkLimit(em, locked.client, locked.tenant);
        const credential = this.newCertificate(em, viewer, locked, {
          description: renewed.description ?? null,
          expiresAt,
          now,
          issued,
          fromCsr,
          renewalOfId: renewed.id,
        });
        audit.created('credential.renewed', credential, NEW_CREDENTIAL, {
          renewalOfId: renewed.id,
          renewedSerial: renewed.certSerial,
        });
        return { credential, bundle, password };
      }),
    );
  }

  /** The renewed certificate's own lifetime, from now, within the longest allowed (the tenant's, or the policy's for certificates). */
  private renewedExpiry(old: Credential, now: Date, tenantMaxDays: number): Date {
    const lifetime = old.expiresAt.getTime() - old.createdAt.getTime();
    const longest = Math.min(tenantMaxDays, SYSTEM_LIMITS.maxCredentialLifetimeDays) * DAY_MS;
    return new Date(now.getTime() + Math.max(DAY_MS, Math.min(lifetime, longest)));
  }

  private newCertificate(
    em: EntityManager,
    viewer: Viewer,
    locked: { client: ApiClient; tenant: Tenant },
    options: { description: string | null; expiresAt: Date; now: Date; issued: IssuedCertificate; fromCsr: boolean; renewalOfId?: string },
  ): Credential {
    const { issued } = options;
    return em.create(Credential, {
      tenant: locked.tenant,
      apiClient: locked.client,
      type: CredentialType.CERTIFICATE,
      description: options.description,
      expiresAt: options.expiresAt,
      createdAt: options.now,
      ...viewer.actor.toCreatedBy(),
      certSerial: issued.serialHex,
      certThumbprint: issued.thumbprintSha256,
      certSubject: issued.subject,
      certNotBefore: issued.notBefore,
      certNotAfter: issued.notAfter,
      certKeyAlgorithm: issued.keyAlgorithm,
      certFromCsr: options.fromCsr,
      renewalOfId: options.renewalOfId ?? null,
    });
  }

  /**
   * Zero-downtime renewal in one step: a new secret now, and the old one kept working until the grace
   * period ends (default 7 days, or its own expiry if sooner). One transaction, one audit event.
   */
  async rotateClientSecret(
    viewer: Viewer,
    meta: RequestMeta,
    credentialId: string,
    input: RotateClientSecretInput,
  ): Promise<CreatedSecret & { previous: Credential }> {
    const graceHours = input.gracePeriodHours ?? ROTATION_GRACE_HOURS.default;
    if (!Number.isInteger(graceHours) || graceHours < 0 || graceHours > ROTATION_GRACE_HOURS.max) {
      throw new BadUserInputError(
        'gracePeriodHours',
        `The grace period must be a whole number of hours from 0 (the old secret stops at once) to ${ROTATION_GRACE_HOURS.max} (7 days); ${graceHours} was given.`,
      );
    }
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const existing = isUuid(credentialId) ? await em.findOne(Credential, { id: credentialId, tenant: viewer.tenantId }) : null;
        if (!existing) throw this.notFound(credentialId);
        const { client, tenant } = await this.lockClient(em, viewer, existing.apiClient.id);
        await changed(client.clientId);
        const previous = await em.findOneOrFail(Credential, existing.id, { refresh: true });
        if (previous.type !== CredentialType.CLIENT_SECRET) {
          throw new BadUserInputError(
            'id',
            'Only client secrets can be rotated. For a certificate, issue a new one, switch over, then delete the old one.',
          );
        }
        if (previous.replacedById) {
          throw new ConflictError(`This secret was already rotated; its replacement is ${previous.replacedById}. Rotate that one instead.`);
        }
        const now = this.clock.now();
        const expiresAt = this.checkNewCredential(tenant, CredentialType.CLIENT_SECRET, input.expiresAt, now);
        const description = input.description === undefined ? (previous.description ?? null) : normalizeDescription(input.description);
        await this.checkLimit(em, client, tenant);

        const { credential, secret } = this.newSecret(em, viewer, client, tenant, description, expiresAt);
        const previousExpiresAt = previous.expiresAt;
        const graceEnd = new Date(now.getTime() + graceHours * 3_600_000);
        if (graceEnd < previous.expiresAt) previous.expiresAt = graceEnd;
        previous.replacedById = credential.id;
        audit.record('credential.rotated', credentialAuditTarget(credential, client), {
          apiClientId: client.id,
          changes: {
            secretHint: { from: previous.secretHint, to: credential.secretHint },
            expiresAt: { from: null, to: expiresAt.toISOString() },
            previousCredentialId: { from: null, to: previous.id },
            previousExpiresAt: { from: previousExpiresAt.toISOString(), to: previous.expiresAt.toISOString() },
          },
        });
        return { credential, secret, previous };
      }),
    );
  }

  /**
   * Disables or enables one credential. A disabled credential authenticates nothing, the tokens it obtained are
   * inactive, and it gets no reminders. Disabling ends those tokens for good: enabling again lets it obtain new ones,
   * as a client's disable does (docs/token-service.md#disabling-a-credential). Asking for the state it already has
   * changes nothing and records nothing.
   */
  async setCredentialEnabled(viewer: Viewer, meta: RequestMeta, credentialId: string, enabled: boolean): Promise<Credential> {
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const found = isUuid(credentialId) ? await em.findOne(Credential, { id: credentialId, tenant: viewer.tenantId }) : null;
        if (!found) throw this.notFound(credentialId);
        const { client } = await this.lockClient(em, viewer, found.apiClient.id);
        await changed(client.clientId);
        const credential = await em.findOne(Credential, found.id, { refresh: true });
        if (!credential) throw this.notFound(credentialId);
        if (credential.enabled === enabled) return credential;
        if (!enabled) {
          disableCredential(audit, credential, client, this.clock.now());
          return credential;
        }
        credential.enabled = true;
        // Enabled again by a person: no longer "disabled because unused" (credentials/unused-credentials.ts).
        credential.unusedDisabledAt = null;
        audit.record('credential.enabled', credentialAuditTarget(credential, client), {
          apiClientId: client.id,
          changes: { enabled: { from: false, to: true } },
        });
        return credential;
      }),
    );
  }

  async deleteCredential(viewer: Viewer, meta: RequestMeta, credentialId: string): Promise<string> {
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const found = isUuid(credentialId) ? await em.findOne(Credential, { id: credentialId, tenant: viewer.tenantId }) : null;
        if (!found) throw this.notFound(credentialId);
        const { client } = await this.lockClient(em, viewer, found.apiClient.id);
        await changed(client.clientId);
        // Read again under the lock: a concurrent delete may have won.
        const existing = await em.findOne(Credential, found.id, { refresh: true });
        if (!existing) throw this.notFound(credentialId);
        const kind = kindOf(existing.type);
        audit.record('credential.deleted', credentialAuditTarget(existing, client), {
          apiClientId: client.id,
          changes: {
            type: { from: existing.type, to: null },
            expiresAt: { from: existing.expiresAt.toISOString(), to: null },
            ...kind.deletionChanges(existing),
          },
        });
        // The audit chain's lock before any the kind takes (revoking a certificate updates the CA row), in the order a client's deletion takes them.
        await audit.recordNow();
        await kind.onDelete?.(em, existing, this.clock.now());
        // A rotated secret whose replacement is deleted is no longer "replaced"; a renewal of a deleted certificate renews nothing.
        await em.nativeUpdate(Credential, { replacedById: existing.id }, { replacedById: null });
        await em.nativeUpdate(Credential, { renewalOfId: existing.id }, { renewalOfId: null });
        em.remove(existing);
        return existing.id;
      }),
    );
  }

  /**
   * A client secret reported as leaked (docs/leaked-credentials.md): when `value` is one, it stops at once and for good —
   * disabled, its tokens inactive, and expired now so it cannot be enabled again — in every process on commit, with one
   * `credential.exposed` event in its tenant's trail (where it was found, never the value). Null when the value is no
   * secret of Keyward's, or one already stopped: nothing changes and nothing is recorded.
   */
  async revokeExposedSecret(value: string, report: ExposureReport): Promise<ExposedSecret | null> {
    if (!checkSecretShape(value).ok) return null;
    const secretHash = hashClientSecret(value, this.pepper);
    const found = await this.orm.em.fork().findOne(Credential, { secretHash });
    if (!found) return null;
    const tenantId = found.tenant.id;
    return this.transaction((em, changed) =>
      audited(em, { by: { tenantId, actor: Actor.system }, clock: this.clock }, async (em, audit) => {
        const client = await findApiClient(em, tenantId, found.apiClient.id, { lock: 'for no key update' });
        await changed(client.clientId);
        const credential = await em.findOne(Credential, { id: found.id, secretHash }, { refresh: true });
        const now = this.clock.now();
        // Expired (stopped by an earlier report, or simply past its expiry): it authenticates nothing already.
        if (!credential || credential.expiresAt <= now) return null;
        const before = { enabled: credential.enabled, expiresAt: credential.expiresAt };
        credential.enabled = false;
        credential.tokensNotBefore = now;
        if (credential.expiresAt > now) credential.expiresAt = now;
        audit.record('credential.exposed', credentialAuditTarget(credential, client), {
          apiClientId: client.id,
          changes: {
            enabled: { from: before.enabled, to: false },
            expiresAt: { from: before.expiresAt.toISOString(), to: credential.expiresAt.toISOString() },
            reportedBy: { from: null, to: report.reporter },
            source: { from: null, to: report.source },
            url: { from: null, to: report.url },
          },
        });
        return {
          tenantId,
          credentialId: credential.id,
          secretHint: credential.secretHint ?? '',
          description: credential.description ?? null,
          client: { id: client.id, name: client.name, clientId: client.clientId, contactEmails: [...client.contactEmails] },
        };
      }),
    );
  }

  private newSecret(em: EntityManager, viewer: Viewer, client: ApiClient, tenant: Tenant, description: string | null, expiresAt: Date) {
    const { secret, hint } = generateClientSecret();
    const credential = em.create(Credential, {
      tenant,
      apiClient: client,
      type: CredentialType.CLIENT_SECRET,
      description,
      expiresAt,
      secretHash: hashClientSecret(secret, this.pepper),
      secretHint: hint,
      createdAt: this.clock.now(),
      ...viewer.actor.toCreatedBy(),
    });
    return { credential, secret };
  }

  /**
   * A new credential of `kind` against the tenant's rules: the policy's allowed kinds, the tenant's maximum lifetime
   * (checkExpiry, as before any policy), then the policy's shorter maximum for the kind (credential-policy.ts).
   */
  private checkNewCredential(tenant: Tenant, kind: CredentialType, expiresAt: Date | null | undefined, now: Date): Date {
    const policy = readCredentialPolicy(tenant.credentialPolicy);
    checkKindAllowed(policy, kind);
    const checked = checkExpiry(expiresAt, now, tenant.maxCredentialLifetimeDays);
    checkKindLifetime(policy, kind, checked, now, tenant.maxCredentialLifetimeDays);
    return checked;
  }

  /**
   * The key of a certificate about to be issued, against the policy's key strength: the CSR's key, or the one Keyward
   * would generate. A CSR that cannot be read is left to the issuer, whose refusal says what is wrong with it.
   */
  private async checkCertificateKey(policy: CredentialPolicy, keyAlgorithm: KeyAlgorithm, csr: string | null | undefined): Promise<void> {
    if (!csr?.trim()) return checkKeyStrength(policy, certificateKeyStrength(keyAlgorithm), 'keyAlgorithm');
    let spki: Buffer;
    try {
      spki = (await parseCsr(csr)).publicKeySpki;
    } catch (error) {
      if (error instanceof CsrError) return;
      throw error;
    }
    checkKeyStrength(policy, spkiKeyStrength(spki), 'csr');
  }

  /** Locks the client row until commit so the per-client limit holds across concurrent requests and processes. */
  private async lockClient(em: EntityManager, viewer: Viewer, apiClientId: string): Promise<{ client: ApiClient; tenant: Tenant }> {
    const client = await findApiClient(em, viewer.tenantId, apiClientId, { lock: 'for no key update' });
    return { client, tenant: await em.findOneOrFail(Tenant, viewer.tenantId) };
  }

  private async checkLimit(em: EntityManager, client: ApiClient, tenant: Tenant): Promise<void> {
    const count = await em.count(Credential, { apiClient: client.id });
    if (count >= tenant.maxCredentialsPerClient) {
      throw new LimitExceededError(tenant.maxCredentialsPerClient, credentialLimitMessage(tenant.maxCredentialsPerClient));
    }
  }

  private notFound(id: string): NotFoundError {
    return new NotFoundError(
      `No secret or certificate with ID "${id.slice(0, 64)}" exists in your tenant. It may have been deleted; list them on the API client.`,
    );
  }
}
