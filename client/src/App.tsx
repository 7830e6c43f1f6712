import { useCallback, useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import { ErrorMessage } from './components/ErrorMessage';
import { hasErrorCode } from './components/errors';
import { Layout } from './components/Layout';
import { Redirect } from './components/Link';
import { ViewerContext } from './components/PermissionGate';
import { AccountPage } from './features/account/AccountPage';
import { ForcedPasswordChange } from './features/account/ForcedPasswordChange';
import { ExpiringKeysBadge } from './features/apikeys/expiringKeys';
import { MyApiKeysPage } from './features/apikeys/MyApiKeysPage';
import { AuditTrailPage } from './features/audit/AuditTrailPage';
import { LoginPage } from './features/auth/LoginPage';
import { ViewerQuery } from './features/auth/queries';
import { signOut } from './features/auth/session';
import { ClientListPage } from './features/clients/ClientListPage';
import { ClientPage } from './features/clients/ClientPage';
import { NewClientPage } from './features/clients/NewClientPage';
import { ExpiringSoonPage } from './features/reminders/ExpiringSoonPage';
import { SecurityPage } from './features/security/SecurityPage';
import { VaultPage } from './features/vault/VaultPage';
import { matchPath, usePathname } from './router';
import { createKeywardClient, sessionCheckContext } from './urqlClient';

export function App() {
  // Each sign-in, sign-out or lost session starts a fresh GraphQL client with an empty cache.
  const [session, setSession] = useState(0);
  const restartSession = useCallback(() => setSession((n) => n + 1), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new session is exactly what changes the client
  const client = useMemo(() => createKeywardClient(restartSession), [session, restartSession]);

  return (
    <Provider value={client}>
      <Session key={session} onSessionChange={restartSession} />
    </Provider>
  );
}

function Session({ onSessionChange }: { onSessionChange: () => void }) {
  const [{ data, error }, reexecuteViewer] = useQuery({
    query: ViewerQuery,
    context: sessionCheckContext,
  });
  const pathname = usePathname();

  if (hasErrorCode(error, 'UNAUTHENTICATED')) {
    return (
      <>
        {pathname !== '/login' && <Redirect to="/login" />}
        {/* The new session finds the viewer on /login and moves on to /clients. */}
        <LoginPage onSignedIn={onSessionChange} />
      </>
    );
  }

  if (!data) {
    if (error) {
      return (
        <div className="startup">
          <ErrorMessage error={error} />
          <button type="button" className="button" onClick={() => reexecuteViewer({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </div>
      );
    }
    return <p className="startup">Loading…</p>;
  }

  async function handleSignOut() {
    await signOut();
    // The new session finds no viewer and shows the sign-in page at /login.
    onSessionChange();
  }

  if (data.viewer.mustChangePassword) {
    // The API refuses everything else until then; a new session (same cookie) then loads the app.
    return <ForcedPasswordChange onChanged={onSessionChange} onSignOut={handleSignOut} />;
  }

  return (
    <ViewerContext.Provider value={data.viewer}>
      <Layout onSignOut={handleSignOut} apiKeysBadge={<ExpiringKeysBadge />}>
        <Routes pathname={pathname} />
      </Layout>
    </ViewerContext.Provider>
  );
}

function Routes({ pathname }: { pathname: string }) {
  if (pathname === '/' || pathname === '/login') return <Redirect to="/clients" />;
  if (pathname === '/clients') return <ClientListPage />;
  if (pathname === '/clients/new') return <NewClientPage />;
  const client = matchPath('/clients/:id', pathname);
  if (client) return <ClientPage key={client.id} id={client.id} />;
  if (pathname === '/expiring') return <ExpiringSoonPage />;
  if (pathname === '/audit') return <AuditTrailPage />;
  if (pathname === '/security') return <SecurityPage />;
  if (pathname === '/vault') return <VaultPage />;
  if (pathname === '/api-keys') return <MyApiKeysPage />;
  if (pathname === '/account') return <AccountPage />;
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at {pathname}. Use the navigation on the left to continue.</p>
    </section>
  );
}
