import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ErrorMessage } from '../../components/ErrorMessage';
import { describeError } from '../../components/errors';
import { TableHead } from '../../components/PagedTable';
import { useViewer } from '../../components/PermissionGate';
import { TableScroll } from '../../components/TableScroll';
import { Time } from '../../components/Time';
import { ChangePasswordForm } from './ChangePasswordForm';
import { MySessionsQuery, RevokeOtherSessionsMutation, RevokeSessionMutation, sessionContext } from './queries';

const COLUMNS = ['Signed in', 'Last active', 'Ends', 'From', 'Browser', ''];

/** The signed-in user's own password and sessions. */
export function AccountPage() {
  const viewer = useViewer();
  const [{ data, error }, refetch] = useQuery({ query: MySessionsQuery, context: sessionContext });
  const [{ fetching: revoking }, revokeSession] = useMutation(RevokeSessionMutation);
  const [{ fetching: revokingOthers }, revokeOthers] = useMutation(RevokeOtherSessionsMutation);
  const [actionError, setActionError] = useState<string>();
  const sessions = data?.mySessions ?? [];

  async function run(action: () => Promise<{ error?: Parameters<typeof describeError>[0] }>) {
    setActionError(undefined);
    const result = await action();
    if (result.error) setActionError(describeError(result.error).message);
    refetch({ requestPolicy: 'network-only' });
  }

  return (
    <section>
      <h1>My account</h1>
      <p>
        {viewer.user?.name} &lt;{viewer.user?.email}&gt;
      </p>
      <h2>Password</h2>
      <ChangePasswordForm onChanged={() => refetch({ requestPolicy: 'network-only' })} />
      <div className="section-header">
        <h2>Sessions</h2>
        <button
          type="button"
          className="button"
          disabled={revokingOthers || sessions.filter((s) => !s.current).length === 0}
          onClick={() => run(() => revokeOthers({}, sessionContext))}
        >
          Sign out everywhere else
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      <ErrorMessage message={actionError} />
      <TableScroll label="Sessions">
        <table className="table">
          <TableHead columns={COLUMNS} />
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td>
                  <Time iso={session.createdAt} />
                </td>
                <td>
                  <Time iso={session.lastSeenAt} />
                </td>
                <td>
                  <Time iso={session.expiresAt} />
                </td>
                <td>{session.ipAddress ?? '—'}</td>
                <td className="small">{session.userAgent ?? '—'}</td>
                <td className="row-actions">
                  {session.current ? (
                    <span className="badge badge-neutral">This browser</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small button-danger"
                      disabled={revoking}
                      onClick={() => run(() => revokeSession({ id: session.id }, sessionContext))}
                    >
                      Sign out
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </section>
  );
}
