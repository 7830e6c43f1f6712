import { type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { diffFields } from '../audit/audit.service.js';
import { type AuditSubject, audited } from '../audit/audited.js';
import { Scope } from '../catalog/scope.entity.js';
import { Credential } from '../credentials/credential.entity.js';
import type { Orm } from '../db/orm.js';
import { escapeLike, pageSize } from '../db/pagination.js';
import type { Clock } from '../kernel/clock.js';
import { BadUserInputError, ConflictError, LimitExceededError } from '../kernel/errors.js';
import { refuseEscalation } from '../kernel/management-scopes.js';
import type { RequestMeta, Viewer } from '../kernel/viewer.js';
import { revokeCertificates } from '../pki/revocation.js';
import { lockTenant } from '../tenants/tenant-lock.js';
import { ApiClient } from './api-client.entity.js';
import { findApiClient } from './api-client.lookup.js';
import { type ApiClientOrder, ApiClientOrdering, NEWEST_FIRST } from './api-client.order.js';
import {
  type ApiClientInputShape,
  clientIdFor,
  limitMessage,
  normalizeCreateInput,
  normalizeUpdateInput,
  refuseQuotaChange,
  TOKEN_QUOTA_FIELDS,
} from './api-client.rules.js';
import type { ClientTransaction } from './client-transaction.js';

export interface ApiClientPage {
  nodes: ApiClient[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
}

/** What the audit trail records of a client: its client ID first, then every editable field, scopes by name. */
const CLIENT: AuditSubject<ApiClient> = {
  target: (client) => ({ type: 'API_CLIENT', id: client.id, name: client.name }),
  apiClientId: (client) => client.id,
  snapshot: (client) => ({
    clientId: client.clientId,
    name: client.name,
    description: client.description ?? null,
    scopes: client.scopes
      .getItems()
      .map((s) => s.name)
      .sort(),
    contactEmails: client.contactEmails,
    allowedIpRanges: client.allowedIpRanges,
    accessTokenLifetimeSeconds: client.accessTokenLifetimeSeconds,
    enabled: client.enabled,
    requireSenderConstrainedTokens: client.requireSenderConstrainedTokens,
    tokensPerHour: client.tokensPerHour ?? null,
    tokensPerDay: client.tokensPerDay ?? null,
    tokenQuotaMode: client.tokenQuotaMode ?? null,
    maxActiveTokensPerCredential: client.maxActiveTokensPerCredential ?? null,
  }),
};

const clientIdNotAvailable = () => new ConflictError('This client ID is not available; choose another identifier', 'identifier');

export class ApiClientService {
  constructor(
    private readonly orm: Orm,
    /** Every write: it announces the changed client to every process on commit. */
    private readonly transaction: ClientTransaction,
    private readonly clock: Clock,
  ) {}

  async list(
    viewer: Viewer,
    args: { first?: number | null; after?: string | null; search?: string | null; orderBy?: ApiClientOrder | null },
  ): Promise<ApiClientPage> {
    const size = pageSize(args.first);
    const ordering = new ApiClientOrdering(args.orderBy ?? NEWEST_FIRST);
    const after = ordering.after(args.after);
    const em = this.orm.em.fork();
    const where: FilterQuery<ApiClient> = { tenant: viewer.tenantId };
    const search = args.search?.trim();
    if (search) {
      const pattern = `%${escapeLike(search.slice(0, 200))}%`;
      where.$or = [{ name: { $ilike: pattern } }, { clientId: { $ilike: pattern } }, { description: { $ilike: pattern } }];
    }
    const totalCount = await em.count(ApiClient, where);
    const pageWhere: FilterQuery<ApiClient> = after ? { $and: [where, after] } : where;
    const rows = await em.find(ApiClient, pageWhere, { populate: ['scopes'], orderBy: ordering.orderBy(), limit: size + 1 });
    const nodes = rows.slice(0, size);
    return {
      nodes,
      cursors: nodes.map((c) => ordering.cursorOf(c)),
      hasNextPage: rows.length > size,
      totalCount,
    };
  }

  async count(viewer: Viewer): Promise<number> {
    return this.orm.em.fork().count(ApiClient, { tenant: viewer.tenantId });
  }

  async get(viewer: Viewer, id: string): Promise<ApiClient> {
    return findApiClient(this.orm.em.fork(), viewer.tenantId, id, { populateScopes: true });
  }

  async create(viewer: Viewer, meta: RequestMeta, input: ApiClientInputShape): Promise<ApiClient> {
    const fields = normalizeCreateInput(input);
    refuseEscalation(fields.scopes, (permission) => viewer.can(permission));
    refuseQuotaChange(
      TOKEN_QUOTA_FIELDS.filter((field) => fields[field] !== null),
      (permission) => viewer.can(permission),
    );
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const tenant = await lockTenant(em, viewer.tenantId);
        const existing = await em.count(ApiClient, { tenant });
        if (existing >= tenant.maxClients) throw new LimitExceededError(tenant.maxClients, limitMessage(tenant.maxClients));
        if (fields.identifier && (await em.count(ApiClient, { tenant, identifier: fields.identifier })) > 0) {
          throw this.identifierTaken(fields.identifier);
        }
        const clientId = clientIdFor(tenant.slug, fields.identifier);
        // Client IDs are unique across the installation (the token endpoint is shared): `acme` + `eu-billing` and
        // `acme-eu` + `billing` are the same ID. The refusal says nothing of who holds it.
        if (fields.identifier && (await em.count(ApiClient, { clientId })) > 0) throw clientIdNotAvailable();
        const client = em.create(ApiClient, {
          tenant,
          clientId,
          identifier: fields.identifier,
          name: fields.name,
          description: fields.description,
          contactEmails: fields.contactEmails,
          allowedIpRanges: fields.allowedIpRanges,
          accessTokenLifetimeSeconds: fields.accessTokenLifetimeSeconds,
          enabled: fields.enabled,
          requireSenderConstrainedTokens: fields.requireSenderConstrainedTokens,
          tokensPerHour: fields.tokensPerHour,
          tokensPerDay: fields.tokensPerDay,
          tokenQuotaMode: fields.tokenQuotaMode,
          maxActiveTokensPerCredential: fields.maxActiveTokensPerCredential,
          ...viewer.actor.toCreatedBy(),
        });
        client.scopes.set(await this.resolveScopes(em, viewer, fields.scopes));
        audit.created('client.created', client, CLIENT);
        await changed(client.clientId);
        // The tenant lock rules out a same-tenant race, so a duplicate here is another tenant's client ID, won concurrently.
        audit.refuseDuplicatesWith(() => (fields.identifier ? clientIdNotAvailable() : null));
        return client;
      }),
    );
  }

  async update(viewer: Viewer, meta: RequestMeta, id: string, input: ApiClientInputShape): Promise<ApiClient> {
    if (input.identifier !== undefined) {
      throw new BadUserInputError(
        'identifier',
        'The identifier cannot change: it is part of the client ID, which never changes. Create a new API client for a new ID.',
      );
    }
    const fields = normalizeUpdateInput(input);
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const client = await findApiClient(em, viewer.tenantId, id, { lock: 'for update', populateScopes: true });
        const before = CLIENT.snapshot(client);
        const { scopes, ...plain } = fields;
        // The form sends every field back: only a value that differs from the stored one is a change.
        refuseQuotaChange(
          TOKEN_QUOTA_FIELDS.filter((field) => plain[field] !== undefined && plain[field] !== (client[field] ?? null)),
          (permission) => viewer.can(permission),
        );
        if (scopes) {
          const held = new Set(client.scopes.getItems().map((scope) => scope.name));
          refuseEscalation(
            scopes.filter((name) => !held.has(name)),
            (permission) => viewer.can(permission),
          );
        }
        // Disabling ends every token issued so far, for good: re-enabling later does not revive them (docs/permissions.md#disabling-a-client-ends-its-tokens).
        if (plain.enabled === false && client.enabled) client.tokensNotBefore = this.clock.now();
        Object.assign(client, plain);
        if (scopes) client.scopes.set(await this.resolveScopes(em, viewer, scopes));
        // Compared here, not at the end: a no-op update is still one audited mutation, but the client itself did not change.
        const changes = diffFields(before, CLIENT.snapshot(client));
        if (Object.keys(changes).length > 0) client.updatedAt = new Date();
        audit.record('client.updated', CLIENT.target(client), { apiClientId: client.id, changes });
        await changed(client.clientId);
        return client;
      }),
    );
  }

  async delete(viewer: Viewer, meta: RequestMeta, id: string): Promise<string> {
    return this.transaction((em, changed) =>
      audited(em, { by: viewer, meta, clock: this.clock }, async (em, audit) => {
        const client = await findApiClient(em, viewer.tenantId, id, { lock: 'for update', populateScopes: true });
        // Its certificates go with it: revoked (on the CRL) in this transaction, as deleting each one would.
        const certificates = await em.find(Credential, { apiClient: client.id, certSerial: { $ne: null } });
        const revoked = certificates.map((c) => ({ serial: c.certSerial as string, credentialId: c.id }));
        audit.record('client.deleted', CLIENT.target(client), {
          apiClientId: client.id,
          changes: {
            ...diffFields(CLIENT.snapshot(client), {}),
            ...(revoked.length > 0 ? { revokedSerials: { from: null, to: revoked.map((r) => r.serial) } } : {}),
          },
        });
        // The audit chain's lock before the CA row's (revoking updates it), in the order a certificate's deletion takes them.
        await audit.recordNow();
        await revokeCertificates(em, viewer.tenantId, revoked, this.clock.now());
        em.remove(client);
        await changed(client.clientId);
        return client.id;
      }),
    );
  }

  private async resolveScopes(em: EntityManager, viewer: Viewer, names: string[]): Promise<Scope[]> {
    if (names.length === 0) return [];
    const scopes = await em.find(Scope, { tenant: viewer.tenantId, name: { $in: names } });
    const unknown = names.filter((n) => !scopes.some((s) => s.name === n));
    if (unknown.length > 0) {
      throw new BadUserInputError(
        'scopes',
        `Unknown scope${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n.slice(0, 100)}"`).join(', ')}. Choose scopes from the tenant's catalog (the apiResources query lists them).`,
      );
    }
    return scopes;
  }

  private identifierTaken(identifier: string): ConflictError {
    return new ConflictError(
      `Another API client in this tenant already uses the identifier "${identifier}". Choose a different identifier.`,
      'identifier',
    );
  }
}
