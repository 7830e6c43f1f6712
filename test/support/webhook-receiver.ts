import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One POST the receiver got, with what verifying its signature said. */
export interface ReceivedWebhook {
  id: string;
  type: string;
  payload: { type: string; timestamp: string; data: Record<string, any> };
  body: string;
  headers: IncomingHttpHeaders;
  /** Whether `new Webhook(secret).verify(body, headers)` of the standardwebhooks library accepted it. */
  verified: boolean;
  /** What the receiver answered. */
  answered: number;
}

export interface WebhookReceiver {
  url: string;
  /** The endpoint's signing secret, as createWebhookEndpoint showed it; every request is verified with it. */
  secret: string;
  /** Answered with this status while set (e.g. 503), instead of 204. */
  failWith: number | null;
  /** Every request, in arrival order (refused ones included). */
  requests: ReceivedWebhook[];
  /** The requests it accepted (2xx). */
  accepted(): ReceivedWebhook[];
  /** The distinct webhook-ids it accepted, in the order first accepted: at-least-once, deduplicated by webhook-id. */
  acceptedIds(): string[];
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 that verifies every delivery with the `standardwebhooks` npm library, as a customer's would. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    secret: '',
    failWith: null,
    requests: [],
    accepted: () => receiver.requests.filter((request) => request.answered < 300),
    acceptedIds: () => [...new Set(receiver.accepted().map((request) => request.id))],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        new Webhook(receiver.secret).verify(body, request.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      const answered = receiver.failWith ?? 204;
      let payload: ReceivedWebhook['payload'];
      try {
        payload = JSON.parse(body);
      } catch {
        payload = { type: '(not JSON)', timestamp: '', data: {} };
      }
      receiver.requests.push({
        id: String(request.headers['webhook-id'] ?? ''),
        type: payload.type,
        payload,
        body,
        headers: request.headers,
        verified,
        answered,
      });
      response.statusCode = answered;
      response.end();
    });
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  return receiver;
}
