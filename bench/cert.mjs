// npm run bench:cert — how long a certificate bundle takes, against the openssl + keytool command-line pipeline.
// Prints p50/p95 per case and the ratio to the CLI pipeline measured in the same run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { createCertificateAuthority } from '../dist/server/pki/ca.js';
import { CertificateIssuer } from '../dist/server/pki/certificate-issuer.js';
import { toPem } from '../dist/server/pki/pem.js';

const RUNS = {
  rsa: Number(process.env.RUNS_RSA ?? 30),
  ec: Number(process.env.RUNS_EC ?? 60),
  csr: 60,
  cli: Number(process.env.RUNS_CLI ?? 8),
};
const work = mkdtempSync(join(tmpdir(), 'keyward-bench-'));
const ca = await createCertificateAuthority({ organization: 'Keyward' });
const pem = { root: toPem(ca.root.certificateDer, 'CERTIFICATE'), intermediate: toPem(ca.intermediate.certificateDer, 'CERTIFICATE') };
// A tenant's CA as CertificateAuthorityService.forTenant gives it, with the URLs issued certificates carry.
const tenantCa = {
  intermediate: ca.intermediate,
  root: ca.root,
  pem: { ...pem, chain: pem.intermediate + pem.root },
  clientRevocation: { crlUrl: 'https://keyward.example/pki/crl', issuerCertificateUrl: 'https://keyward.example/pki/intermediate.crt' },
};
const fakeCaService = { forTenant: async () => tenantCa };
const issuer = new CertificateIssuer(fakeCaService);
const notAfter = new Date(Date.now() + 90 * 86_400_000);

async function measure(runs, task) {
  await task(); // warm-up
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  return { p50: at(0.5), p95: at(0.95), runs };
}

const openssl = (...args) => execFileSync('openssl', args, { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
writeFileSync(join(work, 'intermediate.pem'), pem.intermediate);
writeFileSync(join(work, 'chain.pem'), pem.intermediate + pem.root);
writeFileSync(join(work, 'intermediate.key'), toPem(ca.intermediate.privateKeyPkcs8, 'PRIVATE KEY'));
writeFileSync(
  join(work, 'ext.cnf'),
  'basicConstraints=critical,CA:false\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=clientAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
);
openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'csr.key', '-out', 'bench.csr', '-subj', '/CN=bench');
const csr = readFileSync(join(work, 'bench.csr'), 'utf8');

/** The same RSA bundle made the usual way: openssl for key, CSR, signing and PKCS#12, keytool for JKS, then a zip. */
async function cliBundle() {
  const password = 'BenchPassword123456789x';
  openssl('req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'c.key', '-out', 'c.csr', '-subj', '/CN=bench-client/O=Bench');
  openssl(
    'x509',
    '-req',
    '-in',
    'c.csr',
    '-CA',
    'intermediate.pem',
    '-CAkey',
    'intermediate.key',
    '-set_serial',
    `0x${Date.now().toString(16)}`,
    '-days',
    '90',
    '-sha256',
    '-extfile',
    'ext.cnf',
    '-out',
    'c.crt',
  );
  openssl(
    'pkcs12',
    '-export',
    '-inkey',
    'c.key',
    '-in',
    'c.crt',
    '-certfile',
    'chain.pem',
    '-name',
    'bench-client',
    '-passout',
    `pass:${password}`,
    '-out',
    'c.pfx',
  );
  rmSync(join(work, 'c.jks'), { force: true });
  execFileSync(
    'keytool',
    [
      '-importkeystore',
      '-srckeystore',
      'c.pfx',
      '-srcstoretype',
      'PKCS12',
      '-srcstorepass',
      password,
      '-destkeystore',
      'c.jks',
      '-deststoretype',
      'JKS',
      '-deststorepass',
      password,
      '-noprompt',
    ],
    { cwd: work, stdio: 'ignore' },
  );
  const zip = new JSZip();
  for (const name of ['c.pfx', 'c.jks', 'c.crt', 'chain.pem']) zip.file(name, readFileSync(join(work, name)));
  await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const bundle =
  (keyAlgorithm, extra = {}) =>
  () =>
    issuer.issue({
      tenantId: 'bench-tenant',
      clientId: 'bench-client',
      organization: 'Bench',
      notAfter,
      now: new Date(),
      keyAlgorithm,
      ...extra,
    });

const results = {
  'generated RSA-2048 bundle (PFX + JKS + CRT + CA files, zipped)': await measure(RUNS.rsa, bundle('RSA_2048')),
  'generated EC P-256 bundle (PFX + JKS + CRT + CA files, zipped)': await measure(RUNS.ec, bundle('EC_P256')),
  'CSR signing (verify CSR, issue, zip CRT + CA files)': await measure(RUNS.csr, bundle('RSA_2048', { csr })),
  'baseline: openssl + keytool pipeline, RSA-2048 bundle': await measure(RUNS.cli, cliBundle),
};
rmSync(work, { recursive: true, force: true });

const baseline = results['baseline: openssl + keytool pipeline, RSA-2048 bundle'].p50;
console.log(
  `Keyward certificate bundles — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
);
console.log('| case | runs | p50 ms | p95 ms | p50 vs openssl+keytool |');
console.log('|---|---:|---:|---:|---:|');
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${r.runs} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${(r.p50 / baseline).toFixed(3)}× |`);
}
console.log('Targets: RSA bundle p50 ≤ 300 ms, EC bundle p50 ≤ 50 ms.');
