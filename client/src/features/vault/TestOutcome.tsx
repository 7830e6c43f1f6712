import type { TestVaultCredentialMutation } from '../../gql/graphql';

export type TestResult = TestVaultCredentialMutation['testVaultCredential'];

/** Where a Test stands: nothing yet, running, answered, or refused by Keyward before any call (its message). */
export type TestState =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'done'; result: TestResult }
  | { state: 'refused'; message: string };

/**
 * The outcome of a Test, in a live region that is there before the test starts, so a screen reader hears the result
 * when it arrives: works or failed, the HTTP status, how long it took, and what the service said.
 */
export function TestOutcome({ test, label, id }: { test: TestState; label: string; id?: string }) {
  return (
    <div id={id} role="status" aria-label={label} className="vault-test-outcome">
      {test.state === 'testing' && <p className="muted">Testing…</p>}
      {test.state === 'refused' && <p className="vault-test-failed">Not tested: {test.message}</p>}
      {test.state === 'done' && <Outcome result={test.result} />}
    </div>
  );
}

function Outcome({ result }: { result: TestResult }) {
  return (
    <div className={result.ok ? 'vault-test-ok' : 'vault-test-failed'}>
      <p className="vault-test-summary">
        <span className={result.ok ? 'badge badge-ok' : 'badge badge-danger'}>{result.ok ? 'Works' : 'Failed'}</span>{' '}
        {result.status !== null && result.status !== undefined ? `HTTP ${result.status}` : 'No answer'}
        {result.latencyMs !== null && result.latencyMs !== undefined && ` · ${result.latencyMs} ms`}
      </p>
      <p className="vault-test-message">{result.message}</p>
    </div>
  );
}
