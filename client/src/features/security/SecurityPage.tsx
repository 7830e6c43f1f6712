import { useCan } from '../../components/PermissionGate';
import { CredentialPolicySection } from './CredentialPolicySection';
import { ScopeCatalogSection } from './ScopeCatalogSection';
import { TeamsSection } from './TeamsSection';
import { TenantLimitsSection } from './TenantLimitsSection';
import { UnusedCredentialSettingsSection } from './UnusedCredentialSettingsSection';
import { UsersSection } from './UsersSection';
import { WebhooksSection } from './WebhooksSection';

/** Security administration: users, teams and their permissions, tenant limits, the credential policy, usage findings, the scope catalog and webhooks. */
export function SecurityPage() {
  const canAdministerSecurity = useCan('SECURITY_ADMINISTRATION');
  if (!canAdministerSecurity) {
    return (
      <section>
        <h1>Security</h1>
        <p className="notice">
          You do not have permission to manage users, teams, tenant limits, the credential policy or the scope catalog.
        </p>
      </section>
    );
  }
  return (
    <section>
      <div className="page-header">
        <h1>Security</h1>
      </div>
      <UsersSection />
      <TeamsSection />
      <TenantLimitsSection />
      <CredentialPolicySection />
      <UnusedCredentialSettingsSection />
      <ScopeCatalogSection />
      <WebhooksSection />
    </section>
  );
}
