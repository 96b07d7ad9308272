import { useState } from 'react';
import { downloadFile } from '../api/download.ts';
import { errorMessage } from '../api/errors.ts';

/** Downloads an export in one request, with the token when there is one. */
export function ExportButton({
  path,
  filename,
  label,
}: {
  path: string;
  filename: string;
  label: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="export">
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await downloadFile(path, filename);
          } catch (e) {
            setError(errorMessage(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? 'Exporting…' : label}
      </button>
      {error && (
        <span className="error-note" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
