import { randomBytes } from 'node:crypto';
import { seal, unseal } from '../crypto/sealed.js';

/**
 * Signing secrets of webhook endpoints: `whsec_` and 24 random bytes in base64 (the Standard Webhooks form), sealed
 * (AES-256-GCM under a key derived from the master key) and bound to their tenant and endpoint, so a sealed secret
 * copied into another row does not decrypt.
 */
export class WebhookSecrets {
  constructor(private readonly key: Buffer) {}

  generate(): string {
    return `whsec_${randomBytes(24).toString('base64')}`;
  }

  seal(tenantId: string, endpointId: string, secret: string): string {
    return seal(this.key, Buffer.from(secret, 'utf8'), context(tenantId, endpointId));
  }

  /** Throws UnsealError when it was sealed for another endpoint or under another master key. */
  unseal(tenantId: string, endpointId: string, sealed: string): string {
    return unseal(this.key, sealed, context(tenantId, endpointId)).toString('utf8');
  }
}

function context(tenantId: string, endpointId: string): string {
  return `webhook-endpoint.v1:${tenantId}:${endpointId}:secret`;
}
