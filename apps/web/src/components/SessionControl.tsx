import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { authStatus, useSession } from '../api/auth-status.ts';
import { setToken } from '../api/token.ts';
import { Dialog } from './Dialog.tsx';

export function SignInDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [value, setValue] = useState('');
  const qc = useQueryClient();
  const close = () => {
    setValue('');
    onClose();
  };
  return (
    <Dialog open={open} title="Sign in" onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          authStatus.reset();
          setToken(value);
          void qc.invalidateQueries();
          close();
        }}
      >
        <p>
          Paste the operator token the server printed at start (the <code>?token=…</code> part of
          its login link, or the <code>operator-token</code> file in its data directory).
        </p>
        <label className="field">
          <span>Operator token</span>
          <input
            type="password"
            name="token"
            autoComplete="off"
            required
            autoFocus
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={value.trim() === ''}>
            Sign in
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const verdictText = {
  unknown: 'Checking token…',
  accepted: 'Operator',
  viewer: 'Viewer (read-only)',
  rejected: 'Token rejected',
} as const;

/** Who we are to the server, and the way in or out. */
export function SessionControl({ onSignIn }: { onSignIn: () => void }) {
  const { token, verdict } = useSession();
  const qc = useQueryClient();
  if (!token) {
    return (
      <div className="session">
        <span className="session-state muted">Read-only</span>
        <button type="button" className="primary" onClick={onSignIn}>
          Sign in
        </button>
      </div>
    );
  }
  return (
    <div className="session">
      <span className={`session-state session-${verdict}`} data-testid="session-state">
        {verdictText[verdict]}
      </span>
      <button
        type="button"
        onClick={() => {
          setToken(null);
          authStatus.reset();
          void qc.invalidateQueries();
        }}
      >
        Sign out
      </button>
    </div>
  );
}
