import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { seal, unseal } from '../crypto/sealed.js';
import { ADVISORY_LOCKS } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import { type Clock, DAY_MS } from '../kernel/clock.js';
import { tenantIssuer } from '../tenants/issuer.js';
import { Tenant } from '../tenants/tenant.entity.js';
import type { TenantDirectory } from '../tenants/tenant-directory.js';
import { createCertificateAuthority, hasCrlDistributionPoint, reissueIntermediate } from './ca.js';
import { type CaKind, CertificateAuthorityRecord, RevokedCertificate } from './certificate-authority.entity.js';
import { buildCrl } from './crl.js';
import { IntermediateRegistry } from './intermediates.js';
import type { RevocationLocations } from './issue.js';
import { type PkiLocations, pkiLocations } from './locations.js';
import { toPem } from './pem.js';
import type { CaMaterial, CertificateAuthority } from './types.js';

/**
 * How long a CRL is valid (its nextUpdate). The intermediate's lists client certificates and is re-signed at the
 * latest after half of it; the root's only covers the intermediate, which is not expected to be revoked.
 */
const CRL_VALIDITY_MS: Record<CaKind, number> = { intermediate: DAY_MS, root: 7 * DAY_MS };

export interface CaCertificatesPem {
  root: string;
  intermediate: string;
  /** Intermediate followed by root: what `openssl verify -CAfile` and TLS trust stores take. */
  chain: string;
}

/** One tenant's CA, unsealed in memory, with the URLs its certificates name. */
export interface TenantCa {
  tenantId: string;
  locations: PkiLocations;
  root: CaMaterial;
  intermediate: CaMaterial;
  pem: CaCertificatesPem;
  /** What client certificates name: the intermediate's CRL and certificate. */
  clientRevocation: RevocationLocations;
}

/**
 * Every tenant's own CA (root and intermediate, O = the tenant's name): made on its first need, once even when several
 * processes need it together (a per-tenant advisory lock), kept sealed with the master key at rest and unsealed in
 * memory for issuing and CRL signing.
 *
 * CRL numbers only grow, per CA, across processes and restarts: the CA's row holds the last number and the CRL signed
 * with it. A CRL is served from there until a revocation marks it stale (server/pki/revocation.ts, in the revoking
 * transaction) or half its validity has passed; then whichever process is asked first locks the row, takes the next
 * number and signs. Every process thus serves the same CRL for a given number.
 */
export class CertificateAuthorityService {
  /** Every tenant's intermediate, for checking client certificates on the mTLS listener (server/http/mtls.ts). */
  readonly intermediates: IntermediateRegistry;
  private readonly byTenant = new Map<string, Promise<TenantCa>>();
  private rootCa: TenantCa | null = null;
  /** The CRL DER last served per CA (`tenantId:kind`), by number, so a current CRL is not read from the row each time. */
  private readonly crls = new Map<string, { number: string; der: Buffer }>();

  constructor(
    private readonly orm: Orm,
    private readonly sealingKey: Buffer,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    private readonly tenants: TenantDirectory,
  ) {
    this.intermediates = new IntermediateRegistry(async () => {
      const rows = await this.orm.em.fork().find(CertificateAuthorityRecord, { kind: 'intermediate' }, { fields: ['certificate'] });
      return rows.map((row) => Buffer.from(row.certificate, 'base64'));
    }, clock);
  }

  /** At start: every tenant's intermediate for the mTLS checks, and the root tenant's CA once that tenant exists. */
  async ensure(): Promise<void> {
    await this.intermediates.refresh();
    const root = await this.orm.em.fork().findOne(Tenant, { rootIssuer: true }, { fields: ['id'] });
    if (root) this.rootCa = await this.forTenant(root.id);
  }

  /** The tenant's CA, made on first need. */
  async forTenant(tenantId: string): Promise<TenantCa> {
    let loading = this.byTenant.get(tenantId);
    if (!loading) {
      loading = this.load(tenantId);
      this.byTenant.set(tenantId, loading);
      // A failed load (database away) is tried again by the next caller.
      loading.catch(() => this.byTenant.delete(tenantId));
    }
    return loading;
  }

  async forRootTenant(): Promise<TenantCa> {
    this.rootCa ??= await this.forTenant((await this.tenants.rootTenant()).id);
    return this.rootCa;
  }

  /** The CA of the tenant served under `/tenants/<slug>`; null for an unknown slug and for the root tenant. */
  async forSlug(slug: string): Promise<TenantCa | null> {
    const tenant = await this.tenants.bySlugPrefix(slug);
    return tenant ? this.forTenant(tenant.id) : null;
  }

  /** The root tenant's intermediate (the mTLS listener's server certificate, the CLI); loaded by ensure() or first use. */
  get intermediate(): CaMaterial {
    return this.loadedRoot().intermediate;
  }

  get root(): CaMaterial {
    return this.loadedRoot().root;
  }

  certificatesPem(): CaCertificatesPem {
    return this.loadedRoot().pem;
  }

  /**
   * The current CRL (DER) of a tenant's intermediate (its revoked client certificates) or root (its revoked
   * intermediates: none). One primary-key read while it is current; signed again only when stale.
   */
  async crl(ca: TenantCa, kind: CaKind): Promise<Buffer> {
    const key = `${ca.tenantId}:${kind}`;
    const em = this.orm.em.fork();
    const [state] = await em
      .getConnection()
      .execute<{ crl_number: string; crl_issued_at: Date | null; signed: boolean }[]>(
        'select crl_number::text, crl_issued_at, crl is not null as signed from certificate_authority where tenant_id = ? and kind = ?',
        [ca.tenantId, kind],
      );
    if (state?.signed && this.current(kind, state.crl_issued_at)) {
      const cached = this.crls.get(key);
      if (cached?.number === state.crl_number) return cached.der;
      const record = await em.findOne(CertificateAuthorityRecord, { tenant: ca.tenantId, kind });
      if (record?.crl && record.crlNumber === state.crl_number) return this.remember(key, record.crlNumber, record.crl);
    }
    return this.signCrl(ca, kind);
  }

  private async signCrl(ca: TenantCa, kind: CaKind): Promise<Buffer> {
    const key = `${ca.tenantId}:${kind}`;
    const { number, crl } = await this.orm.em.fork().transactional(async (em) => {
      // The row lock orders signers and revocations: numbers are taken one at a time, and a revocation committed
      // before the lock is on this CRL.
      const record = await em.findOneOrFail(
        CertificateAuthorityRecord,
        { tenant: ca.tenantId, kind },
        { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
      );
      // Another process may have signed it while this one waited for the lock.
      if (record.crl && this.current(kind, record.crlIssuedAt)) return { number: record.crlNumber, crl: record.crl };
      const revoked =
        kind === 'intermediate'
          ? await em.find(RevokedCertificate, { tenantId: ca.tenantId }, { orderBy: { revokedAt: 'asc', serial: 'asc' } })
          : [];
      const now = this.clock.now();
      const number = (BigInt(record.crlNumber) + 1n).toString();
      const der = await buildCrl({
        issuer: ca[kind],
        revoked: revoked.map((r) => ({ serialHex: r.serial, revokedAt: r.revokedAt })),
        thisUpdate: now,
        nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS[kind]),
        crlNumber: Number(number),
      });
      record.crlNumber = number;
      record.crl = der.toString('base64');
      record.crlIssuedAt = now;
      return { number, crl: record.crl };
    });
    return this.remember(key, number, crl);
  }

  /** Whether a CRL signed at `issuedAt` is still served: less than half its validity ago (and not in the future). */
  private current(kind: CaKind, issuedAt: Date | null | undefined): boolean {
    if (!issuedAt) return false;
    const age = this.clock.now().getTime() - new Date(issuedAt).getTime();
    return age >= 0 && age < CRL_VALIDITY_MS[kind] / 2;
  }

  private remember(key: string, number: string, crlBase64: string): Buffer {
    const der = Buffer.from(crlBase64, 'base64');
    this.crls.set(key, { number, der });
    return der;
  }

  private async load(tenantId: string): Promise<TenantCa> {
    const loaded = await this.orm.em.fork().transactional(async (em) => {
      const tenant = await em.findOne(Tenant, tenantId);
      if (!tenant) throw new Error(`Tenant ${tenantId} does not exist, so it has no certificate authority.`);
      const locations = pkiLocations(tenantIssuer(this.publicUrl, tenant));
      const rootRevocation = { crlUrl: locations.rootCrl, issuerCertificateUrl: locations.rootCertificate };
      const stored = await this.stored(em, tenantId);
      if (stored?.current) return { locations, ca: stored.ca };

      await lockTenantCa(em, tenantId);
      const locked = await this.stored(em, tenantId);
      if (locked?.current) return { locations, ca: locked.ca };
      if (locked) {
        // The installation's CA from before CAs per tenant: its intermediate names no CRL, so chain-wide revocation
        // checks (nginx ssl_crl, -crl_check_all, Java PKIX) refuse every certificate under it. It is re-issued once
        // with the same key, subject and validity plus the root's CRL and certificate URLs: existing client
        // certificates still chain to it, and the old intermediate is not revoked, so bundles already handed out
        // keep working; new bundles and the PKI endpoints carry the re-issued one.
        const intermediate = await reissueIntermediate(locked.ca, rootRevocation);
        const ca = { root: locked.ca.root, intermediate };
        this.persist(em, tenant, ca, locked.records);
        return { locations, ca };
      }
      const ca = await createCertificateAuthority({ organization: tenant.name, now: this.clock.now(), revocation: rootRevocation });
      this.persist(em, tenant, ca, null);
      return { locations, ca };
    });
    const { locations, ca } = loaded;
    const root = toPem(ca.root.certificateDer, 'CERTIFICATE');
    const intermediate = toPem(ca.intermediate.certificateDer, 'CERTIFICATE');
    this.intermediates.add(ca.intermediate.certificateDer);
    return {
      tenantId,
      locations,
      root: ca.root,
      intermediate: ca.intermediate,
      pem: { root, intermediate, chain: intermediate + root },
      clientRevocation: { crlUrl: locations.crl, issuerCertificateUrl: locations.intermediateCertificate },
    };
  }

  /**
   * The tenant's stored CA, unsealed; `current` is false for the installation's CA from before CAs per tenant (an
   * intermediate without CRL Distribution Point, private keys sealed without the tenant in their context).
   */
  private async stored(
    em: EntityManager,
    tenantId: string,
  ): Promise<{ ca: CertificateAuthority; current: boolean; records: Record<CaKind, CertificateAuthorityRecord> } | null> {
    const rows = await em.find(CertificateAuthorityRecord, { tenant: tenantId }, { refresh: true });
    const root = rows.find((row) => row.kind === 'root');
    const intermediate = rows.find((row) => row.kind === 'intermediate');
    if (!root || !intermediate) return null;
    const current = hasCrlDistributionPoint(Buffer.from(intermediate.certificate, 'base64'));
    const open = (record: CertificateAuthorityRecord): CaMaterial => ({
      certificateDer: Buffer.from(record.certificate, 'base64'),
      privateKeyPkcs8: unseal(
        this.sealingKey,
        record.sealedPrivateKey,
        current ? sealContext(tenantId, record.kind) : `certificate-authority:${record.kind}`,
      ),
    });
    return { ca: { root: open(root), intermediate: open(intermediate) }, current, records: { root, intermediate } };
  }

  /** Stores a new CA, or the re-issued one over `existing` (sealing both keys with the tenant in their context). */
  private persist(
    em: EntityManager,
    tenant: Tenant,
    ca: CertificateAuthority,
    existing: Record<CaKind, CertificateAuthorityRecord> | null,
  ) {
    for (const kind of ['root', 'intermediate'] as const) {
      const certificate = ca[kind].certificateDer.toString('base64');
      const sealedPrivateKey = seal(this.sealingKey, ca[kind].privateKeyPkcs8, sealContext(tenant.id, kind));
      const record = existing?.[kind];
      if (record) {
        record.certificate = certificate;
        record.sealedPrivateKey = sealedPrivateKey;
        // The re-issued intermediate's CRLs are signed afresh (same key and name, next number).
        record.crl = null;
      } else {
        em.create(CertificateAuthorityRecord, { tenant, kind, certificate, sealedPrivateKey, crlNumber: '0', createdAt: this.clock.now() });
      }
    }
  }

  private loadedRoot(): TenantCa {
    if (!this.rootCa) throw new Error("The root tenant's certificate authority is not loaded: call ensure() or forRootTenant() first.");
    return this.rootCa;
  }
}

/** Binds a sealed CA key to its tenant and kind, so a key copied into another tenant's row does not open. */
function sealContext(tenantId: string, kind: CaKind): string {
  return `certificate-authority:${tenantId}:${kind}`;
}

/** A per-tenant advisory lock (two-key form: the CA's key and the tenant), held until the transaction ends. */
async function lockTenantCa(em: EntityManager, tenantId: string): Promise<void> {
  await em
    .getConnection()
    .execute('select pg_advisory_xact_lock(?, hashtext(?))', [ADVISORY_LOCKS.ca, tenantId], 'all', em.getTransactionContext());
}
