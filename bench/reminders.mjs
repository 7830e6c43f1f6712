// npm run bench:reminders — the expiry-reminder scan over 1,000,000 credentials, and send throughput.
//
// Against a real PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432; the throw-away database
// `keyward_bench_reminders` is created and dropped). Keyward runs in this process (dist/server, built by the
// npm script), with its scheduler off so the bench times the scan and the sender itself:
//   1. seeds BENCH_CREDENTIALS (1,000,000) credentials of one API client, expiries spread evenly over the next
//      365 days (written with SQL: the product's 5-credential limit would not allow this many);
//   2. times the first scan (it claims every credential already within 30 days) and a second scan an hour later
//      (steady state: only what crossed a stage boundary), and the process's heap before and after each;
//   3. repeats both with a tenth of the credentials, to show how time and memory scale;
//   4. sends BENCH_SEND (2,000) claimed reminders to a minimal SMTP sink in a child process and reports messages/s.
// Targets (issue 6): scan ≤ 2 s with memory that does not grow with the number of credentials; ≥ 200 messages/s.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pgAdmin, pgBase } from './postgres.mjs';

const HOUR_MS = 3_600_000;

if (process.argv[2] === '--sink') {
  // Child: a minimal SMTP sink that accepts everything and counts. (smtp-server answers the end of DATA ~40 ms
  // late when a message arrives in many small writes, as nodemailer sends it: that would time the sink.)
  const { createServer } = await import('node:net');
  let count = 0;
  const server = createServer({ noDelay: true }, (socket) => {
    let inData = false;
    let pending = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = pending.indexOf('\r\n.\r\n');
          if (end < 0) return;
          pending = pending.slice(end + 5);
          inData = false;
          count++;
          socket.write('250 OK queued\r\n');
          continue;
        }
        const eol = pending.indexOf('\r\n');
        if (eol < 0) return;
        const command = pending.slice(0, eol).toUpperCase();
        pending = pending.slice(eol + 2);
        if (command.startsWith('EHLO')) socket.write('250-sink\r\n250 PIPELINING\r\n');
        else if (command.startsWith('DATA')) {
          inData = true;
          pending = `\r\n${pending}`; // so a message that is empty still ends at "\r\n.\r\n"
          socket.write('354 go ahead\r\n');
        } else if (command.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
    socket.on('error', () => {});
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
  process.on('message', () => process.send?.({ count }));
} else {
  await main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

async function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const total = Number(process.env.BENCH_CREDENTIALS ?? 1_000_000);
  const sendCount = Number(process.env.BENCH_SEND ?? 2000);
  const dbName = 'keyward_bench_reminders';
  await pgAdmin(`drop database if exists ${dbName} with (force)`);
  await pgAdmin(`create database ${dbName}`);

  const sink = fork(fileURLToPath(import.meta.url), ['--sink'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const sinkPort = await new Promise((resolve) => sink.once('message', (m) => resolve(m.port)));
  const sinkCount = () =>
    new Promise((resolve) => {
      sink.once('message', (m) => resolve(m.count));
      sink.send('count?');
    });

  const dataDir = mkdtempSync(join(tmpdir(), 'keyward-bench-reminders-'));
  await import('reflect-metadata');
  const { loadConfig } = await import(join(root, 'dist/server/config.js'));
  const { createKeyward } = await import(join(root, 'dist/server/app/runtime.js'));
  const { createLogger } = await import(join(root, 'dist/server/logger.js'));
  const { ManualClock } = await import(join(root, 'dist/server/kernel/clock.js'));
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `${pgBase}/${dbName}`,
    KEYWARD_DATA_DIR: dataDir,
    KEYWARD_MASTER_KEY: randomBytes(32).toString('base64'),
    KEYWARD_ADMIN_PASSWORD: 'bench-admin-password-123',
    KEYWARD_MTLS_PORT: 'off',
    KEYWARD_REMINDER_SCHEDULER: 'off',
    // The product's default unless set for the bench (e.g. to compare 1, 2 and 4).
    ...(process.env.KEYWARD_REMINDER_SEND_CONCURRENCY
      ? { KEYWARD_REMINDER_SEND_CONCURRENCY: process.env.KEYWARD_REMINDER_SEND_CONCURRENCY }
      : {}),
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    LOG_LEVEL: 'warn',
  });
  const clock = new ManualClock(new Date());
  const keyward = await createKeyward(config, createLogger('warn'), { clock });
  const sql = (text, params = []) => keyward.database.orm.em.getConnection().execute(text, params);
  const lines = [];
  const say = (line) => {
    console.error(line);
    lines.push(line);
  };
  try {
    // One client through the product (GraphQL over inject), then the credentials straight into the table.
    const login = await keyward.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { email: 'admin@example.com', password: 'bench-admin-password-123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'kw_session');
    const created = await keyward.app.inject({
      method: 'POST',
      url: '/graphql',
      cookies: { kw_session: cookie.value },
      payload: { query: 'mutation { createApiClient(input: { name: "Bench reminders", contactEmails: ["ops@example.com"] }) { id } }' },
    });
    const clientId = created.json().data.createApiClient.id;

    const seed = async (count) => {
      const started = performance.now();
      await sql('delete from reminder_delivery');
      await sql('delete from credential where api_client_id = ?', [clientId]);
      // Expiries spread evenly from 1 hour to 365 days ahead; in chunks, each within the statement timeout.
      for (let from = 1; from <= count; from += 100_000) {
        await sql(
          `insert into credential (id, tenant_id, api_client_id, type, description, created_at, created_by_type, created_by_name, expires_at)
           select gen_random_uuid(), c.tenant_id, c.id, 'CLIENT_SECRET', 'bench', now(), 'SYSTEM', 'bench',
                  ?::timestamptz + make_interval(secs => 3600 + (n::float8 / ?) * 365 * 86400)
           from api_client c, generate_series(?::int, ?::int) n where c.id = ?`,
          [clock.now(), count, from, Math.min(count, from + 99_999), clientId],
        );
      }
      await sql('analyze credential');
      return (performance.now() - started) / 1000;
    };
    const timedScan = async () => {
      global.gc?.();
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const claimed = await keyward.services.reminders.scan();
      const ms = performance.now() - started;
      const heapAfter = process.memoryUsage().heapUsed;
      return { claimed, ms, heapDeltaMb: (heapAfter - heapBefore) / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20 };
    };

    const rows = [];
    // BENCH_SCAN_ROUNDS=1: only the full-size round (to measure sending without seeding twice).
    const sizes = process.env.BENCH_SCAN_ROUNDS === '1' ? [total] : [Math.round(total / 10), total];
    for (const count of sizes) {
      clock.set(new Date());
      const seedSeconds = await seed(count);
      const first = await timedScan();
      clock.advance(HOUR_MS);
      const steady = await timedScan();
      rows.push({ count, seedSeconds, first, steady });
      say(
        `${count.toLocaleString('en')} credentials (seeded in ${seedSeconds.toFixed(1)} s): first scan ${first.ms.toFixed(0)} ms, ` +
          `claimed ${first.claimed}, heap Δ ${first.heapDeltaMb.toFixed(1)} MiB; an hour later ${steady.ms.toFixed(0)} ms, claimed ${steady.claimed}, heap Δ ${steady.heapDeltaMb.toFixed(1)} MiB`,
      );
    }
    const plan = await sql(
      `explain select c.id from credential c where c.replaced_by_id is null and c.expires_at > now() and c.expires_at <= now() + interval '30 days'`,
    );
    const usesIndex = plan.some((row) => /credential_reminder_scan_index/.test(row['QUERY PLAN']));

    // Send throughput: BENCH_SEND of the claimed reminders, one process, KEYWARD_REMINDER_SEND_CONCURRENCY at a time.
    await sql(
      `update reminder_delivery set status = 'SENT' where id not in (select id from reminder_delivery where status = 'PENDING' order by id limit ?)`,
      [sendCount],
    );
    const pending = Number((await sql(`select count(*) as n from reminder_delivery where status = 'PENDING'`))[0].n);
    const before = await sinkCount();
    const started = performance.now();
    let sent = 0;
    for (
      let round = await keyward.services.reminders.sendDue(100);
      round.sent + round.failed + round.retrying > 0;
      round = await keyward.services.reminders.sendDue(100)
    ) {
      sent += round.sent;
    }
    const seconds = (performance.now() - started) / 1000;
    const received = (await sinkCount()) - before;
    const perSecond = sent / seconds;
    say(
      `sent ${sent} of ${pending} pending reminders in ${seconds.toFixed(1)} s → ${perSecond.toFixed(0)} messages/s (the sink received ${received})`,
    );

    const big = rows[rows.length - 1];
    const small = rows[0];
    const cpu = cpus();
    const report = [
      `## Reminder benchmark — ${new Date().toISOString()}`,
      '',
      `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}; PostgreSQL at ${pgBase.replace(/\/\/[^@]*@/, '//')}.`,
      '',
      '| credentials | first scan ms | claimed | heap Δ MiB | scan an hour later ms | claimed | heap Δ MiB |',
      '| ----------: | ------------: | ------: | ---------: | --------------------: | ------: | ---------: |',
      ...rows.map(
        (r) =>
          `| ${r.count.toLocaleString('en')} | ${r.first.ms.toFixed(0)} | ${r.first.claimed} | ${r.first.heapDeltaMb.toFixed(1)} | ${r.steady.ms.toFixed(0)} | ${r.steady.claimed} | ${r.steady.heapDeltaMb.toFixed(1)} |`,
      ),
      '',
      `- The scan's credential query uses \`credential_reminder_scan_index\`: ${usesIndex ? 'yes' : 'NO'}.`,
      `- Scan ≤ 2 s at ${big.count.toLocaleString('en')} credentials: first scan ${(big.first.ms / 1000).toFixed(2)} s → **${big.first.ms <= 2000 ? 'PASS' : 'MISS'}**; hourly scan ${(big.steady.ms / 1000).toFixed(2)} s → **${big.steady.ms <= 2000 ? 'PASS' : 'MISS'}**.`,
      `- Memory does not grow with the number of credentials: heap Δ ${small.first.heapDeltaMb.toFixed(1)} MiB at ${small.count.toLocaleString('en')}, ${big.first.heapDeltaMb.toFixed(1)} MiB at ${big.count.toLocaleString('en')} (the scan is one SQL statement that returns a count).`,
      `- Send throughput ≥ 200 messages/s: ${perSecond.toFixed(0)} messages/s → **${perSecond >= 200 ? 'PASS' : 'MISS'}** (${sent} messages, ${config.reminderSendConcurrency} in flight at a time, leased in batches, sent over SMTP and recorded with their audit events in the tenant's hash chain).`,
    ].join('\n');
    console.log(report);
  } finally {
    await keyward.close();
    sink.kill();
    rmSync(dataDir, { recursive: true, force: true });
    await pgAdmin(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  }
}
