import { type ReactNode, useEffect, useRef } from 'react';
import { usePathname } from '../router';
import { followPageHeading } from './focus';
import { Link } from './Link';
import { useCan, useCanAny, useViewer, type Viewer } from './PermissionGate';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/**
 * "Signed in as Ada Admin <ada@example.com> · tenant Default": who acts and where, in one line read as a sentence. The
 * person is named as everywhere else in Keyward (the audit trail, "Created by") and leads to My account; the tenant's
 * slug (as in its client IDs) follows its name when they differ.
 */
function SignedInAs({ viewer }: { viewer: Viewer }) {
  const { name: tenantName, slug } = viewer.tenant;
  return (
    <span className="header-signed-in" data-testid="signed-in-as">
      Signed in as{' '}
      <Link to="/account" className="header-actor" title="My account: password and sessions">
        {viewer.actor.displayName}
      </Link>
      {' · tenant '}
      <span className="header-tenant">
        {tenantName}
        {tenantName.toLowerCase() !== slug.toLowerCase() && ` (${slug})`}
      </span>
    </span>
  );
}

/** The signed-in frame: header with who and where, left navigation, content. */
export function Layout({
  children,
  onSignOut,
  apiKeysBadge,
}: {
  children: ReactNode;
  /** Shown next to My API keys in the menu (keys about to expire). */
  apiKeysBadge?: ReactNode;
  onSignOut: () => void;
}) {
  const viewer = useViewer();
  const canAdministerClients = useCan('CLIENT_ADMINISTRATION');
  const canAdministerSecrets = useCan('SECRET_ADMINISTRATION');
  const canAdministerSecurity = useCan('SECURITY_ADMINISTRATION');
  const canSeeVault = useCanAny('VAULT_ADMINISTRATION', 'VAULT_MANAGE');
  const pathname = usePathname();
  const mainRef = useRef<HTMLElement>(null);
  const shownPathname = useRef<string>(null);

  // The title names the page; after a move (not on the first page loaded) focus goes to its heading, not <body>.
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const moved = shownPathname.current !== null && shownPathname.current !== pathname;
    shownPathname.current = pathname;
    return followPageHeading(main, { focus: moved });
  }, [pathname]);

  return (
    <div className="layout">
      <header className="app-header">
        <Link to="/clients" className="brand">
          Keyward
        </Link>
        <div className="header-session">
          <SignedInAs viewer={viewer} />
          <button type="button" className="button button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label="Main">
        <NavLink to="/clients">API Clients</NavLink>
        {canAdministerSecrets && <NavLink to="/expiring">Expiring soon</NavLink>}
        {(canAdministerClients || canAdministerSecurity) && <NavLink to="/audit">Audit trail</NavLink>}
        {canSeeVault && <NavLink to="/vault">Vault</NavLink>}
        {canAdministerSecurity && <NavLink to="/security">Security</NavLink>}
        <NavLink to="/api-keys">My API keys{apiKeysBadge}</NavLink>
      </nav>
      <main ref={mainRef} className="app-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
