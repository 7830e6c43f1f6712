import type { CombinedError } from 'urql';
import { describeError } from './errors';

/** An error from the API, shown exactly as the API wrote it. */
export function ErrorMessage({ error, message }: { error?: CombinedError; message?: string }) {
  const text = message ?? (error ? describeError(error).message : undefined);
  if (!text) return null;
  return (
    <div className="error-message" role="alert">
      {text}
    </div>
  );
}
