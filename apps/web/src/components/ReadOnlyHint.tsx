import { useSession } from '../api/auth-status.ts';

/** Why a control is disabled, next to it: "Sign in with the operator token to …". */
export function ReadOnlyHint({ to }: { to: string }) {
  const { canOperate, verdict } = useSession();
  if (canOperate) return null;
  const text =
    verdict === 'viewer'
      ? `The viewer token is read-only; sign in with the operator token to ${to}.`
      : `Sign in with the operator token to ${to}.`;
  return <p className="hint">{text}</p>;
}
