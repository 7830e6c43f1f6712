import { ChangePasswordForm } from './ChangePasswordForm';

/** Shown instead of the app while the user is on a temporary password: the API allows nothing else until it is changed. */
export function ForcedPasswordChange({ onChanged, onSignOut }: { onChanged: () => void; onSignOut: () => void }) {
  return (
    <main className="startup">
      <h1>Choose your own password</h1>
      <p>You signed in with a temporary password. Choose a new one to continue; the temporary one stops working.</p>
      <ChangePasswordForm onChanged={onChanged} />
      <button type="button" className="button button-quiet" onClick={onSignOut}>
        Sign out
      </button>
    </main>
  );
}
