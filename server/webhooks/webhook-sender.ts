import { Webhook } from 'standardwebhooks';
import { UnsealError } from '../crypto/sealed.js';
import { KeywardError } from '../kernel/errors.js';
import { outboundRequest } from '../outbound/http-client.js';
import { type OutboundPolicy, OutboundRefused } from '../outbound/outbound.js';
import type { VaultService } from '../vault/vault.service.js';
import type { WebhookSecrets } from './webhook-secrets.js';

/** What one call of an endpoint needs to know about it. */
export interface EndpointTarget {
  id: string;
  tenantId: string;
  url: string;
  sealedSecret: string;
  vaultCredentialId: string | null;
}

/** The result of one call: 2xx is delivered; anything else, or no answer in time, is a failed attempt. */
export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  /** In Keyward's words, without a secret; null when delivered. */
  error: string | null;
}

/**
 * Sends one message to one endpoint, signed per Standard Webhooks with the `standardwebhooks` library: `webhook-id`
 * (the message's id, the same at every attempt), `webhook-timestamp` and `webhook-signature`. The timestamp is the
 * wall-clock time of sending, since receivers check it against their own clocks. A vault credential, when the endpoint
 * has one, is applied as its headers or query parameters (a fresh OAuth2 access token included).
 */
export class WebhookSender {
  constructor(
    private readonly secrets: WebhookSecrets,
    private readonly vault: VaultService,
    private readonly policy: OutboundPolicy,
  ) {}

  async send(endpoint: EndpointTarget, messageId: string, body: string): Promise<AttemptOutcome> {
    let secret: string;
    try {
      secret = this.secrets.unseal(endpoint.tenantId, endpoint.id, endpoint.sealedSecret);
    } catch (error) {
      if (!(error instanceof UnsealError)) throw error;
      return failed(
        'The signing secret could not be decrypted (KEYWARD_MASTER_KEY has changed?): delete the endpoint and create it again.',
      );
    }
    const sentAt = new Date();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(messageId, sentAt, body),
    };
    const target = new URL(endpoint.url);
    const secretValues = [secret];
    const sensitive: string[] = [];
    if (endpoint.vaultCredentialId) {
      try {
        const authorization = await this.vault.authorizationForDelivery(endpoint.tenantId, endpoint.vaultCredentialId);
        for (const { name, value } of authorization.headers) {
          headers[name.toLowerCase()] = value;
          sensitive.push(name);
          secretValues.push(value);
        }
        for (const { name, value } of authorization.queryParameters) {
          target.searchParams.set(name, value);
          secretValues.push(value);
        }
      } catch (error) {
        if (!(error instanceof KeywardError)) throw error;
        return failed(`Not sent: the endpoint's vault credential gave no authorization. ${error.message}`);
      }
    }
    try {
      const response = await outboundRequest(
        {
          url: target.toString(),
          method: 'POST',
          headers,
          body,
          what: 'The webhook endpoint',
          secrets: secretValues,
          sensitiveHeaders: sensitive,
        },
        this.policy,
      );
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        statusCode: response.status,
        latencyMs: Math.round(response.latencyMs),
        error: ok ? null : `The endpoint answered HTTP ${response.status}; only a 2xx answer counts as delivered.`,
      };
    } catch (error) {
      if (!(error instanceof OutboundRefused)) throw error;
      return failed(error.message.slice(0, 500));
    }
  }
}

function failed(error: string): AttemptOutcome {
  return { ok: false, statusCode: null, latencyMs: null, error };
}
