import type { ReactNode } from 'react';
import { usePathname } from '../router';
import { Link } from './Link';
import { useCan, useViewer } from './PermissionGate';

function NavLink({ to, children }: { to: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** The signed-in frame: header with who and where, left navigation, content. */
export function Layout({ children, onSignOut }: { children: ReactNode; onSignOut: () => void }) {
  const viewer = useViewer();
  const canAdministerClients = useCan('CLIENT_ADMINISTRATION');
  const canAdministerSecrets = useCan('SECRET_ADMINISTRATION');
  const canAdministerSecurity = useCan('SECURITY_ADMINISTRATION');
  return (
    <div className="layout">
      <header className="app-header">
        <Link to="/clients" className="brand">
          Keyward
        </Link>
        <div className="header-session">
          <span className="header-tenant" title="Tenant">
            {viewer.tenant.name}
          </span>
          <Link to="/account" className="header-actor" title="My account: password and sessions">
            {viewer.actor.displayName}
          </Link>
          <button type="button" className="button button-quiet" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <nav className="app-nav" aria-label="Main">
        <NavLink to="/clients">API Clients</NavLink>
        {canAdministerSecrets && <NavLink to="/expiring">Expiring soon</NavLink>}
        {(canAdministerClients || canAdministerSecurity) && <NavLink to="/audit">Audit trail</NavLink>}
        {canAdministerSecurity && <NavLink to="/security">Security</NavLink>}
        <NavLink to="/api-keys">My API keys</NavLink>
      </nav>
      <main className="app-main">{children}</main>
    </div>
  );
}
