// What bench/token.mjs and bench/soak.mjs share.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const HOST = '127.0.0.1';

/** The number in environment variable `name`, or `fallback` when it is unset; anything but a positive number is refused. */
export function positiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number; it is "${raw}"`);
  return value;
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A Markdown table padded the way Biome formats it, so a written report passes `npm run lint` as is; as lines. */
export function markdownTable(header, align, rows) {
  const widths = header.map((h, i) => Math.max(3, h.length, ...rows.map((row) => String(row[i]).length)));
  const cell = (text, i) => (align[i] === 'right' ? String(text).padStart(widths[i]) : String(text).padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)];
}

/** `POST /auth/login` as `email`: the HTTP status, the `kw_session=…` cookie it set (if any) and the start of its body. */
export async function signIn(url, email, password) {
  const response = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('kw_session='));
  return { status: response.status, cookie, body: (await response.text()).slice(0, 300) };
}

/** A GraphQL caller on `url` with a session `cookie`: resolves to `data`, throws with the messages of any errors. */
export function graphqlAs(url, cookie) {
  return async (query, variables) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query, variables }),
    });
    const json = await response.json();
    if (json.errors?.length) throw new Error(`GraphQL: ${json.errors.map((e) => e.message).join('; ')}`);
    return json.data;
  };
}

/** Share of all cores busy over one second (Linux /proc/stat), to flag a machine that is not quiet; null elsewhere. */
export async function cpuBusyBefore() {
  const sample = () => {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    return { idle, total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
  };
  try {
    const a = sample();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const b = sample();
    return b.total > a.total ? 100 * (1 - (b.idle - a.idle) / (b.total - a.total)) : null;
  } catch {
    return null;
  }
}
