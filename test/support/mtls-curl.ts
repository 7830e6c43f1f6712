import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * A client_credentials request with a client certificate, made by curl as an integrator would (tls_client_auth).
 * Asynchronous: the server under test runs in this process and must keep answering while curl waits.
 */
export async function curlTokenWithCertificate(options: {
  tokenUrl: string;
  caFile: string;
  cert: string;
  key: string;
  clientId: string;
  /** More curl arguments, e.g. headers. */
  extra?: string[];
}): Promise<Record<string, any>> {
  const { stdout } = await execFileAsync(
    'curl',
    [
      '-s',
      '--max-time',
      '10',
      '--cacert',
      options.caFile,
      '--cert',
      options.cert,
      '--key',
      options.key,
      ...(options.extra ?? []),
      '-d',
      `grant_type=client_credentials&client_id=${options.clientId}`,
      options.tokenUrl,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(stdout) as Record<string, any>;
}
