import { NETWORK_ERROR_MESSAGE } from '../../components/errors';

export type SignInResult = { ok: true } | { ok: false; message: string };

/** Signs in with email and password; the server answers with an HttpOnly session cookie. */
export async function signIn(email: string, password: string): Promise<SignInResult> {
  let response: Response;
  try {
    response = await fetch('/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, message: NETWORK_ERROR_MESSAGE };
  }
  if (response.ok) return { ok: true };
  const body: unknown = await response.json().catch(() => null);
  const message =
    body && typeof body === 'object' && 'message' in body && typeof body.message === 'string'
      ? body.message
      : `Signing in failed (HTTP ${response.status}). Try again.`;
  return { ok: false, message };
}

/** Ends the session; the SPA forgets the viewer whatever the answer. */
export async function signOut(): Promise<void> {
  try {
    await fetch('/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
  } catch {
    // Offline: the cookie expires on its own; the SPA still shows the sign-in page.
  }
}
