import { AuditQueryService } from './audit/audit.query.js';
import { AuthService } from './auth/auth.service.js';
import { CatalogService } from './catalog/catalog.service.js';
import { ApiClientService } from './clients/api-client.service.js';
import type { Clock } from './clock.js';
import type { KeywardConfig } from './config.js';
import { CredentialService } from './credentials/credential.service.js';
import type { MasterKey } from './crypto/master-key.js';
import type { Orm } from './db/orm.js';
import { CertificateAuthorityService } from './pki/ca.service.js';
import { CertificateIssuer } from './pki/certificate-issuer.js';
import { TenantService } from './tenants/tenant.service.js';

/** One instance of each domain service per running app. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  catalog: CatalogService;
  clients: ApiClientService;
  audit: AuditQueryService;
  credentials: CredentialService;
  certificateAuthority: CertificateAuthorityService;
}

/** Keys come from the master key (SPEC §12); `clock` is the system clock outside tests. */
export function createServices(orm: Orm, config: KeywardConfig, masterKey: MasterKey, clock: Clock): Services {
  const certificateAuthority = new CertificateAuthorityService(orm, masterKey.derive('certificate-authority-keys.v1'), clock);
  return {
    certificateAuthority,
    auth: new AuthService(orm, config),
    tenants: new TenantService(orm),
    catalog: new CatalogService(orm),
    clients: new ApiClientService(orm),
    audit: new AuditQueryService(orm),
    credentials: new CredentialService(
      orm,
      masterKey.derive('client-secret-pepper.v1'),
      clock,
      new CertificateIssuer(certificateAuthority),
    ),
  };
}
