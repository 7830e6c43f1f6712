import type { OutboundPolicy } from './guard.js';
import { OutboundRefused } from './guard.js';
import { outboundRequest } from './http-client.js';

/**
 * JSON documents Keyward reads from other hosts (a client's jwksUri, an issuer's discovery document and key set),
 * through the one outbound HTTP path (http-client.ts): the guard on every address, no redirects, a deadline and a
 * size limit.
 */

export { addressRefusal, blockedAddressKind, type OutboundPolicy, OutboundRefused, outboundUrl } from './guard.js';

/** GETs a JSON document under the policy; a redirect is refused (give the final URL), anything but 200 too. */
export async function fetchJson(raw: string, policy: OutboundPolicy, what: string): Promise<unknown> {
  const response = await outboundRequest({ url: raw, what, headers: { accept: 'application/json' } }, policy);
  if (response.status >= 300 && response.status < 400)
    throw new OutboundRefused(
      `${what} answered with a redirect (${response.status}); Keyward does not follow redirects: give the final URL.`,
    );
  if (response.status !== 200) throw new OutboundRefused(`${what} answered HTTP ${response.status}, not 200.`);
  try {
    return JSON.parse(response.body.toString('utf8'));
  } catch {
    throw new OutboundRefused(`${what} did not answer with JSON.`);
  }
}
