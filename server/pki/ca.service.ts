import type { Clock } from '../clock.js';
import { seal, unseal } from '../crypto/sealed.js';
import { ADVISORY_LOCKS, lockForTransaction } from '../db/advisory-locks.js';
import type { Orm } from '../db/orm.js';
import { createCertificateAuthority } from './ca.js';
import { CertificateAuthorityRecord, RevokedCertificate } from './certificate-authority.entity.js';
import { buildCrl } from './crl.js';
import { toPem } from './pem.js';
import type { CaMaterial, CertificateAuthority } from './types.js';

const CRL_VALIDITY_MS = 24 * 60 * 60 * 1000;

export interface CaCertificatesPem {
  root: string;
  intermediate: string;
  /** Intermediate followed by root: what `openssl verify -CAfile` and TLS trust stores take. */
  chain: string;
}

/**
 * Keyward's own CA: created on first start (once, even when several processes start together), kept
 * sealed with the master key at rest and unsealed in memory for issuing and CRL signing.
 */
export class CertificateAuthorityService {
  private ca: CertificateAuthority | null = null;

  constructor(
    private readonly orm: Orm,
    private readonly sealingKey: Buffer,
    private readonly clock: Clock,
  ) {}

  async ensure(): Promise<void> {
    this.ca = await this.orm.em.fork().transactional(async (em) => {
      await lockForTransaction(em, ADVISORY_LOCKS.ca);
      const rows = await em.find(CertificateAuthorityRecord, {});
      const stored = (kind: 'root' | 'intermediate') => rows.find((row) => row.kind === kind);
      const root = stored('root');
      const intermediate = stored('intermediate');
      if (root && intermediate) return { root: this.open(root), intermediate: this.open(intermediate) };
      const created = await createCertificateAuthority({ organization: 'Keyward', now: this.clock.now() });
      for (const kind of ['root', 'intermediate'] as const) {
        em.create(CertificateAuthorityRecord, {
          kind,
          certificate: created[kind].certificateDer.toString('base64'),
          sealedPrivateKey: seal(this.sealingKey, created[kind].privateKeyPkcs8, `certificate-authority:${kind}`),
        });
      }
      return created;
    });
  }

  get intermediate(): CaMaterial {
    return this.loaded().intermediate;
  }

  get root(): CaMaterial {
    return this.loaded().root;
  }

  certificatesPem(): CaCertificatesPem {
    const root = toPem(this.root.certificateDer, 'CERTIFICATE');
    const intermediate = toPem(this.intermediate.certificateDer, 'CERTIFICATE');
    return { root, intermediate, chain: intermediate + root };
  }

  /** A fresh CRL (DER) signed by the intermediate, listing every revoked client certificate. */
  async crl(): Promise<Buffer> {
    const revoked = await this.orm.em.fork().find(RevokedCertificate, {}, { orderBy: { revokedAt: 'asc' } });
    const now = this.clock.now();
    return buildCrl({
      issuer: this.intermediate,
      revoked: revoked.map((r) => ({ serialHex: r.serial, revokedAt: r.revokedAt })),
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + CRL_VALIDITY_MS),
    });
  }

  private open(record: CertificateAuthorityRecord): CaMaterial {
    return {
      certificateDer: Buffer.from(record.certificate, 'base64'),
      privateKeyPkcs8: unseal(this.sealingKey, record.sealedPrivateKey, `certificate-authority:${record.kind}`),
    };
  }

  private loaded(): CertificateAuthority {
    if (!this.ca) throw new Error('The certificate authority is not loaded: call ensure() at start-up.');
    return this.ca;
  }
}
