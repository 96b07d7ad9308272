import { useState } from 'react';
import { useSession } from '../api/auth-status.ts';
import { useKillSwitch, useSetKillSwitch } from '../api/kill-switch.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNote } from './ErrorNote.tsx';

/** The one kill-switch control: engage or release, each behind a confirmation with a reason. */
export function KillSwitchControl() {
  const { data } = useKillSwitch();
  const { canOperate } = useSession();
  const [open, setOpen] = useState(false);
  const engaged = data?.engaged ?? false;
  return (
    <div className="kill-switch-control">
      <button
        type="button"
        className={engaged ? 'kill-button engaged' : 'kill-button'}
        disabled={!canOperate || !data}
        aria-haspopup="dialog"
        title={canOperate ? undefined : 'Sign in with the operator token to use the kill switch'}
        onClick={() => setOpen(true)}
      >
        {engaged ? 'Release kill switch…' : 'Engage kill switch…'}
      </button>
      <KillSwitchDialog open={open} engaged={engaged} onClose={() => setOpen(false)} />
    </div>
  );
}

export function KillSwitchDialog({
  open,
  engaged,
  onClose,
}: {
  open: boolean;
  engaged: boolean;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const mutation = useSetKillSwitch();
  const close = () => {
    setReason('');
    mutation.reset();
    onClose();
  };
  const engaging = !engaged;
  return (
    <Dialog
      open={open}
      tone={engaging ? 'danger' : 'normal'}
      title={engaging ? 'Engage the kill switch?' : 'Release the kill switch?'}
      onClose={close}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          mutation.mutate({ engaged: engaging, reason: reason.trim() }, { onSuccess: close });
        }}
      >
        <p>
          {engaging
            ? 'Every autonomous action stops at once: no new faults, no action starts, running rollouts halt at their next step.'
            : 'Autonomous actions and fault generation resume as soon as it is released.'}
        </p>
        <label className="field">
          <span>Reason (recorded in the audit trail)</span>
          <textarea
            name="reason"
            required
            maxLength={500}
            rows={3}
            value={reason}
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <ErrorNote error={mutation.error} />
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button
            type="submit"
            className={engaging ? 'danger' : 'primary'}
            disabled={reason.trim() === '' || mutation.isPending}
          >
            {mutation.isPending
              ? 'Waiting for the server…'
              : engaging
                ? 'Engage kill switch'
                : 'Release kill switch'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
