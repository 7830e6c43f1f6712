import { type AuditSubject, audited } from '../audit/audited.js';
import type { Orm } from '../db/orm.js';
import { decodeCursor, encodeCursor, pageSize } from '../db/pagination.js';
import type { Clock } from '../kernel/clock.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import { Tenant } from '../tenants/tenant.entity.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { CredentialType } from './credential.entity.js';
import {
  type CredentialPolicy,
  type CredentialPolicyChanges,
  certificateKeyStrength,
  checkPolicyUpdate,
  credentialViolations,
  jwkKeyStrength,
  type PolicyRule,
  personalKeyViolates,
  readCredentialPolicy,
  storedCredentialPolicy,
} from './credential-policy.js';
import { kindOf } from './kinds/index.js';

/** The personal-key rules' longest lifetime (365 days, or the tenant's credential maximum), without importing apikeys/ here. */
const personalRulesMaxDays = (tenant: Tenant) => Math.max(1, Math.min(365, tenant.maxCredentialLifetimeDays));

/** A tenant's credential policy as the audit trail records a change to it: the whole policy, before and after. */
const TENANT_POLICY: AuditSubject<Tenant> = {
  target: (tenant) => ({ type: 'TENANT', id: tenant.id, name: tenant.name }),
  snapshot: (tenant) => storedCredentialPolicy(readCredentialPolicy(tenant.credentialPolicy)),
};

/** One existing credential or personal API key that breaks the tenant's current policy, and the rules it breaks. */
export interface PolicyViolation {
  id: string;
  /** Null for a personal API key. */
  credentialType: CredentialType | null;
  /** In people's words: the kind and what tells it apart (`client secret kwcs_…AbCd`, `personal API key "ERP"`). */
  label: string;
  description: string | null;
  apiClientId: string | null;
  clientId: string | null;
  /** Whose personal API key it is. */
  ownerName: string | null;
  createdAt: Date;
  expiresAt: Date;
  rules: PolicyRule[];
}

interface CredentialRow {
  id: string;
  type: CredentialType;
  description: string | null;
  created_at: Date;
  expires_at: Date;
  secret_hint: string | null;
  cert_serial: string | null;
  cert_key_algorithm: string | null;
  details: Record<string, unknown> | null;
  api_client_id: string;
  client_id: string;
}

interface KeyRow {
  id: string;
  name: string;
  hint: string;
  created_at: Date;
  regenerated_at: Date | null;
  expires_at: Date;
  owner_name: string;
}

/**
 * The tenant's credential policy: changing it (security administrators, audited as `tenant.policy_updated`) and the
 * list of what already exists and breaks it. New credentials are checked where they are made (credential.service.ts,
 * personal-api-key.service.ts); nothing existing is revoked or changed by a new policy.
 */
export class CredentialPolicyService {
  constructor(
    private readonly orm: Orm,
    private readonly clock: Clock,
  ) {}

  policyOf(tenant: Tenant): CredentialPolicy {
    return readCredentialPolicy(tenant.credentialPolicy);
  }

  /** The personal-key maximum a tenant's keys actually get: the policy's, within the key rules'. */
  personalKeyMaxDays(tenant: Tenant): number {
    return Math.min(this.policyOf(tenant).personalApiKeyMaxLifetimeDays ?? personalRulesMaxDays(tenant), personalRulesMaxDays(tenant));
  }

  async update(viewer: Viewer, meta: RequestMeta, input: CredentialPolicyChanges): Promise<Tenant> {
    return audited(this.orm, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
      // Under the tenant lock, so the tenant maximum the per-kind maxima are checked against cannot change meanwhile.
      const tenant = await lockTenant(em, viewer.tenantId);
      const policy = checkPolicyUpdate(this.policyOf(tenant), input, tenant.maxCredentialLifetimeDays, personalRulesMaxDays(tenant));
      audit.changed('tenant.policy_updated', tenant, TENANT_POLICY);
      tenant.credentialPolicy = storedCredentialPolicy(policy);
      return tenant;
    });
  }

  /**
   * Every live (unexpired) credential and personal API key of the tenant that breaks its policy, soonest expiry first,
   * one page. Computed from the policy now, so a change to the policy shows at once; a tenant holds at most
   * maxClients × maxCredentialsPerClient credentials (20,000), few enough to check in memory.
   */
  async violations(viewer: Viewer, first?: number | null, after?: string | null) {
    const size = pageSize(first);
    const cursor = decodeCursor(after, ['instant', 'uuid']);
    const em = this.orm.em.fork();
    const connection = em.getConnection();
    const now = this.clock.now();
    const tenant = await em.findOneOrFail(Tenant, viewer.tenantId);
    const policy = this.policyOf(tenant);
    const all: PolicyViolation[] = [];

    const credentials = await connection.execute<CredentialRow[]>(
      `select c.id, c.type, c.description, c.created_at, c.expires_at, c.secret_hint, c.cert_serial, c.cert_key_algorithm, c.details,
              a.id as api_client_id, a.client_id
         from credential c join api_client a on a.id = c.api_client_id
        where c.tenant_id = ? and c.expires_at > ?`,
      [viewer.tenantId, now],
    );
    for (const row of credentials) {
      const createdAt = new Date(row.created_at);
      const expiresAt = new Date(row.expires_at);
      const key =
        row.type === CredentialType.CERTIFICATE
          ? certificateKeyStrength(row.cert_key_algorithm)
          : row.type === CredentialType.PRIVATE_KEY_JWT && row.details?.source === 'key'
            ? jwkKeyStrength(row.details.jwk as Record<string, unknown>)
            : ({ type: 'unknown' } as const);
      const rules = credentialViolations(policy, { type: row.type, createdAt, expiresAt, key });
      if (rules.length === 0) continue;
      const kind = kindOf(row.type);
      const hint = kind.hint({ secretHint: row.secret_hint, certSerial: row.cert_serial, details: row.details });
      all.push({
        id: row.id,
        credentialType: row.type,
        label: hint ? `${kind.words} ${hint}` : kind.words,
        description: row.description,
        apiClientId: row.api_client_id,
        clientId: row.client_id,
        ownerName: null,
        createdAt,
        expiresAt,
        rules,
      });
    }

    if (policy.personalApiKeyMaxLifetimeDays !== null) {
      const keys = await connection.execute<KeyRow[]>(
        `select k.id, k.name, k.hint, k.created_at, k.regenerated_at, k.expires_at, u.name as owner_name
           from personal_api_key k join app_user u on u.id = k.owner_id
          where k.tenant_id = ? and k.revoked_at is null and k.expires_at > ?`,
        [viewer.tenantId, now],
      );
      for (const row of keys) {
        const issuedAt = new Date(row.regenerated_at ?? row.created_at);
        const expiresAt = new Date(row.expires_at);
        if (!personalKeyViolates(policy, issuedAt, expiresAt)) continue;
        all.push({
          id: row.id,
          credentialType: null,
          label: `personal API key "${row.name}" (${row.hint})`,
          description: null,
          apiClientId: null,
          clientId: null,
          ownerName: row.owner_name,
          createdAt: new Date(row.created_at),
          expiresAt,
          rules: ['personalApiKeyMaxLifetimeDays'],
        });
      }
    }

    all.sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const start = cursor
      ? all.findIndex((v) => {
          const at = v.expiresAt.toISOString();
          return at > cursor[0] || (at === cursor[0] && v.id > cursor[1]);
        })
      : 0;
    const rest = start < 0 ? [] : all.slice(start);
    const nodes = rest.slice(0, size);
    return {
      nodes,
      cursors: nodes.map((v) => encodeCursor([v.expiresAt.toISOString(), v.id])),
      hasNextPage: rest.length > size,
      totalCount: all.length,
    };
  }
}
