import { BadUserInputError } from '../kernel/errors.js';
import { buildZip } from './bundle.js';
import type { CertificateAuthorityService } from './ca.service.js';
import { CsrError, parseCsr } from './csr.js';
import { issueClientCertificate } from './issue.js';
import { buildJks } from './jks.js';
import { generateKeyPair } from './keys.js';
import { generateBundlePassword } from './password.js';
import { toPem } from './pem.js';
import { buildPkcs12 } from './pkcs12.js';
import type { IssuedCertificate, KeyAlgorithm } from './types.js';

export interface CertificateBundle {
  filename: string;
  mediaType: string;
  content: Buffer;
}

export interface IssuedBundle {
  issued: IssuedCertificate;
  bundle: CertificateBundle;
  /** Protects the PFX and JKS; null for a CSR (no private key in the bundle). */
  password: string | null;
  fromCsr: boolean;
}

/** Everything docs/formats.md#certificate-bundles puts in the zip, from the client's tenant's CA; built in memory, returned once, never stored. */
export class CertificateIssuer {
  constructor(private readonly ca: CertificateAuthorityService) {}

  async issue(options: {
    /** Whose CA signs: the client's tenant. */
    tenantId: string;
    clientId: string;
    organization: string;
    notAfter: Date;
    now: Date;
    keyAlgorithm: KeyAlgorithm;
    csr?: string | null;
  }): Promise<IssuedBundle> {
    const { clientId, organization, notAfter, now } = options;
    const fromCsr = Boolean(options.csr?.trim());
    let publicKeySpki: Buffer;
    let privateKeyPkcs8: Buffer | null = null;
    if (fromCsr) {
      try {
        publicKeySpki = (await parseCsr(options.csr as string)).publicKeySpki;
      } catch (error) {
        if (error instanceof CsrError) throw new BadUserInputError('csr', error.message);
        throw error;
      }
    } else {
      const keys = await generateKeyPair(options.keyAlgorithm);
      publicKeySpki = keys.publicKeySpki;
      privateKeyPkcs8 = keys.privateKeyPkcs8;
    }
    const ca = await this.ca.forTenant(options.tenantId);
    const issued = await issueClientCertificate({
      issuer: ca.intermediate,
      revocation: ca.clientRevocation,
      subjectPublicKeySpki: publicKeySpki,
      clientId,
      organization,
      notAfter,
      now,
    });

    const pem = ca.pem;
    const files: { name: string; content: Buffer | string }[] = [];
    let password: string | null = null;
    if (privateKeyPkcs8) {
      password = generateBundlePassword();
      const certificateChain = [issued.certificateDer, ca.intermediate.certificateDer, ca.root.certificateDer];
      files.push({
        name: `${clientId}.pfx`,
        content: await buildPkcs12({ privateKeyPkcs8, certificateChain, password, friendlyName: clientId }),
      });
      files.push({
        name: `${clientId}.jks`,
        content: buildJks({ alias: clientId, privateKeyPkcs8, certificateChain, password, createdAt: now }),
      });
    }
    files.push(
      { name: `${clientId}.crt`, content: toPem(issued.certificateDer, 'CERTIFICATE') },
      { name: 'ca.cert.pem', content: pem.root },
      { name: 'intermediate.cert.pem', content: pem.intermediate },
      { name: 'ca-chain.cert.pem', content: pem.chain },
    );
    const bundle = {
      filename: `${clientId}-${issued.serialHex.slice(0, 8)}.zip`,
      mediaType: 'application/zip',
      content: await buildZip(files),
    };
    return { issued, bundle, password, fromCsr };
  }
}
