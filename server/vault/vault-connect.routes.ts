import type { FastifyInstance, FastifyReply } from 'fastify';
import { requestMeta } from '../http/request-meta.js';
import { KeywardError } from '../kernel/errors.js';
import type { Viewer } from '../kernel/viewer.js';
import { SESSION_COOKIE } from '../users/auth.service.js';
import { CONNECT_CALLBACK_PATH, type ConnectCallback, type VaultConnectService } from './vault-connect.service.js';

// The pages here are Keyward's own words only: no script, no style, nothing loaded.
const PAGE_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * `GET /vault/oauth2/callback?code&state` (or `?error&error_description&state`): where an OAuth2 provider sends the
 * person back after Connect (docs/vault.md#connect). Connected → 303 to `/vault?connected=<id>`; anything else → a
 * page saying what happened and what to do, with a link back to the vault.
 */
export function registerVaultConnectRoutes(
  app: FastifyInstance,
  connect: VaultConnectService,
  sessions: { viewerForSession(token: string | undefined): Promise<Viewer | null> },
): void {
  app.get(CONNECT_CALLBACK_PATH, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const viewer = await sessions.viewerForSession(request.cookies[SESSION_COOKIE]);
    // The session cookie is SameSite=Strict, so the provider's redirect (another site) arrives without it. A page
    // of Keyward's own that goes on to the same address is a same-site navigation, which carries it.
    if (!viewer && request.headers['sec-fetch-site'] === 'cross-site') return continuePage(reply, request.url);
    try {
      const outcome = await connect.complete(viewer, requestMeta(request), request.query as ConnectCallback);
      if (outcome.connected) return reply.redirect(`/vault?connected=${encodeURIComponent(outcome.credentialId)}`, 303);
      return page(reply, outcome.httpStatus, outcome.title, outcome.message);
    } catch (error) {
      if (error instanceof KeywardError) return page(reply, error.httpStatus, 'The credential could not be connected', error.message);
      request.log.error({ err: error }, 'vault connect callback failed');
      return page(
        reply,
        500,
        'The credential could not be connected',
        `Something went wrong on Keyward’s side and nothing was stored. Start again with Connect on the Vault page; if it keeps happening, report request ${request.id}.`,
      );
    }
  });
}

function page(reply: FastifyReply, status: number, title: string, message: string) {
  return reply
    .status(status)
    .header('content-security-policy', PAGE_POLICY)
    .type('text/html; charset=utf-8')
    .send(html(title, `<h1>${htmlText(title)}</h1>\n<p>${htmlText(message)}</p>\n<p><a href="/vault">Back to the vault</a></p>`));
}

function continuePage(reply: FastifyReply, url: string) {
  const target = htmlText(url);
  return reply
    .status(200)
    .header('content-security-policy', PAGE_POLICY)
    .type('text/html; charset=utf-8')
    .send(
      html(
        'Finishing Connect…',
        `<h1>Finishing Connect…</h1>\n<p>If nothing happens, <a href="${target}">continue to Keyward</a>.</p>`,
        `<meta http-equiv="refresh" content="0;url=${target}">`,
      ),
    );
}

function html(title: string, body: string, head = ''): string {
  return `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="referrer" content="no-referrer">\n${head}<title>${htmlText(title)} — Keyward</title>\n</head>\n<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`;
}

function htmlText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
