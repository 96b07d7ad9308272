import { useState } from 'react';
import { useSession } from '../api/auth-status.ts';
import { ApiRequestError, errorMessage, isUnreachable } from '../api/errors.ts';
import { useKillSwitch } from '../api/kill-switch.ts';
import { STALE_AFTER_MS } from '../api/query-client.ts';
import { formatAgo, formatTime } from '../lib/format.ts';
import { useNow } from '../lib/use-now.ts';
import { KillSwitchDialog } from './KillSwitchControl.tsx';

/** Red on every page while the server says the kill switch is engaged. */
export function KillSwitchBanner() {
  const { data } = useKillSwitch();
  const { canOperate } = useSession();
  const [open, setOpen] = useState(false);
  return (
    <div aria-live="assertive">
      {data?.engaged && (
        <section className="banner banner-kill" aria-label="Kill switch engaged">
          <strong>KILL SWITCH ENGAGED</strong>
          <span>
            Reason: <q>{data.reason}</q>
          </span>
          <span>
            by {data.engagedBy ?? 'unknown'} at {formatTime(data.engagedAt)} UTC
          </span>
          <span>
            {data.blockedCount} blocked · {data.haltedCount} halted · {data.cancelledCount}{' '}
            cancelled
          </span>
          <button type="button" disabled={!canOperate} onClick={() => setOpen(true)}>
            Release…
          </button>
          <KillSwitchDialog open={open} engaged onClose={() => setOpen(false)} />
        </section>
      )}
    </div>
  );
}

/**
 * Whether what is on screen is current. The kill switch is polled on every page every
 * 2 s, so its query stands for the connection as a whole.
 */
export function ConnectionBanner({ onSignIn }: { onSignIn: () => void }) {
  const { error, failureReason, dataUpdatedAt, isError } = useKillSwitch();
  const now = useNow();
  const { token } = useSession();
  let message: string | null = null;
  let action: 'sign-in' | null = null;
  const last = dataUpdatedAt ? `last data ${formatAgo(now, dataUpdatedAt)}` : 'no data yet';
  // failureReason is set from the first failed attempt, before retries are used up.
  if (isUnreachable(error) || isUnreachable(failureReason)) {
    message = `The Watchfloor API is unreachable — showing ${last}. Retrying…`;
  } else if (isError && error instanceof ApiRequestError && error.status === 401) {
    message = token
      ? `The server rejected the stored token: ${error.message}.`
      : `${error.message}. Sign in to see the watch floor.`;
    action = 'sign-in';
  } else if (isError) {
    message = `The API answered with an error: ${errorMessage(error)} (${last}).`;
  } else if (
    dataUpdatedAt &&
    now - dataUpdatedAt > STALE_AFTER_MS &&
    document.visibilityState === 'visible'
  ) {
    message = `Data is stale — ${last}.`;
  }
  return (
    <div aria-live="polite">
      {message && (
        <section className="banner banner-connection" aria-label="Connection problem">
          <span>{message}</span>
          {action === 'sign-in' && (
            <button type="button" onClick={onSignIn}>
              Sign in
            </button>
          )}
        </section>
      )}
    </div>
  );
}
