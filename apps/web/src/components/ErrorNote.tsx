import { errorMessage } from '../api/errors.ts';

/** The server's error message, announced to screen readers. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="error-note" role="alert">
      {errorMessage(error)}
    </p>
  );
}
