// npm run bench — every benchmark, one after the other, and one report: bench/RESULTS.md.
//
// Runs bench/token.mjs, bench/reminders.mjs and bench/cert.mjs as child processes (never two at once: each
// wants the whole machine), shows their progress as it comes, and writes bench/RESULTS.md with the machine,
// the date, a summary table of every target (PASS/MISS) and each benchmark's own report below it.
// The environment passes through, so BENCH_ROUNDS, BENCH_CREDENTIALS, BENCH_LOAD … work as for each script.
// Exit code 1 when a benchmark fails to run or misses a target.

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

const BENCHMARKS = [
  {
    name: 'Token endpoint (`npm run bench:token`)',
    args: ['token.mjs'],
    // A full token run writes its report to RESULTS-token.md; its stdout also has the progress lines.
    report: (_stdout) => readFileSync(join(here, 'RESULTS-token.md'), 'utf8'),
  },
  {
    name: 'Expiry reminders (`npm run bench:reminders`)',
    args: ['--expose-gc', 'reminders.mjs'],
    report: (stdout) => fromLine(stdout, '## Reminder benchmark'),
  },
  {
    name: 'Certificate bundles (`npm run bench:cert`)',
    args: ['cert.mjs'],
    report: (stdout) => fromLine(stdout, 'Keyward certificate bundles'),
  },
];

/** The text of `stdout` from the first line that starts with `start`. */
function fromLine(stdout, start) {
  const lines = stdout.split('\n');
  const at = lines.findIndex((line) => line.startsWith(start));
  if (at < 0) throw new Error(`its output has no line starting with "${start}"`);
  return lines.slice(at).join('\n');
}

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.on('exit', (code, signal) => resolve({ code: code ?? 1, signal, stdout }));
  });
}

/** Every "… → **PASS**" / "**MISS**" line of a report, as target rows. */
function targets(report) {
  return report
    .split('\n')
    .filter((line) => /\*\*(PASS|MISS)\*\*/.test(line) || /^Targets: /.test(line))
    .map((line) => line.replace(/^[-\s]+/, '').trim());
}

const started = new Date();
const sections = [];
const summary = [];
let failed = false;
for (const bench of BENCHMARKS) {
  console.log(`\n=== ${bench.name} ===`);
  const t0 = performance.now();
  const { code, signal, stdout } = await run(bench.args);
  const minutes = ((performance.now() - t0) / 60_000).toFixed(1);
  let report;
  try {
    if (code !== 0) throw new Error(`exited with ${signal ?? code}`);
    report = bench.report(stdout).trim();
  } catch (error) {
    failed = true;
    summary.push(`| ${bench.name} | did not run: ${error.message} | ${minutes} min |`);
    sections.push(`## ${bench.name}\n\nDid not run: ${error.message}.`);
    continue;
  }
  const found = targets(report);
  if (found.some((line) => line.includes('**MISS**'))) failed = true;
  summary.push(`| ${bench.name} | ${found.join('<br>') || '(no targets printed)'} | ${minutes} min |`);
  // Each report's own headings go one level down, under the benchmark's heading.
  sections.push(`## ${bench.name}\n\n${report.replace(/^(#+) /gm, '#$1 ')}`);
}

const cpu = cpus();
const text = [
  `# Keyward benchmarks — ${started.toISOString()}`,
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, node ${process.version}, ${process.platform}/${process.arch}.`,
  `Command: \`npm run bench\` (bench/all.mjs), ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} minutes in all.`,
  '',
  '| benchmark | targets | time |',
  '| --------- | ------- | ---: |',
  ...summary,
  '',
  ...sections.flatMap((section) => [section, '']),
].join('\n');
writeFileSync(join(here, 'RESULTS.md'), text);
// The repository's formatter aligns the tables, so that a committed report passes `npm run lint` as written.
spawnSync(
  process.execPath,
  [join(here, '..', 'node_modules', '@biomejs', 'biome', 'bin', 'biome'), 'format', '--write', join(here, 'RESULTS.md')],
  {
    stdio: 'ignore',
  },
);
console.log(`\nWrote bench/RESULTS.md${failed ? ' — a benchmark failed or missed a target' : ''}.`);
process.exit(failed ? 1 : 0);
