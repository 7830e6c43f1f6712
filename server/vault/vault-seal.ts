import { hkdfSync } from 'node:crypto';
import { seal, unseal } from '../crypto/sealed.js';

/**
 * The vault's sealing (docs/vault.md#how-values-are-kept): one AES-256-GCM key per tenant, derived from the vault's key
 * (itself derived from KEYWARD_MASTER_KEY), and each value bound to its tenant, row and column as additional data — a
 * sealed value copied into another row, another column or another tenant does not decrypt.
 */
export class VaultSeal {
  private readonly tenantKeys = new Map<string, Buffer>();

  constructor(private readonly vaultKey: Buffer) {}

  seal(at: SealedPlace, value: unknown): string {
    return seal(this.keyOf(at.tenantId), Buffer.from(JSON.stringify(value), 'utf8'), context(at));
  }

  /** The value sealed at `at`; throws UnsealError when it was sealed elsewhere or with another master key. */
  unseal<T>(at: SealedPlace, sealed: string): T {
    return JSON.parse(unseal(this.keyOf(at.tenantId), sealed, context(at)).toString('utf8')) as T;
  }

  private keyOf(tenantId: string): Buffer {
    let key = this.tenantKeys.get(tenantId);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.vaultKey, Buffer.alloc(0), `keyward:vault-tenant:${tenantId}`, 32));
      this.tenantKeys.set(tenantId, key);
    }
    return key;
  }
}

/** Where a sealed value belongs: the tenant, the credential and which of its sealed columns (`connect`: a Connect's PKCE verifier). */
export interface SealedPlace {
  tenantId: string;
  credentialId: string;
  column: 'secrets' | 'tokens' | 'connect';
}

function context(at: SealedPlace): string {
  return `vault-credential.v1:${at.tenantId}:${at.credentialId}:${at.column}`;
}
