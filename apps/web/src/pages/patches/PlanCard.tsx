import type { PatchMeasurement, PatchPlan } from '@watchfloor/domain';
import { useState } from 'react';
import { useSession } from '../../api/auth-status.ts';
import { type PatchCommand, usePatchCommand } from '../../api/patches.ts';
import { Badge } from '../../components/Badge.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { formatPercent, formatTime } from '../../lib/format.ts';
import {
  deployedPercent,
  isTerminal,
  latestReason,
  riskLevel,
  waveSegments,
} from '../../lib/patches.ts';

/** One rollout: where it stands and why, its waves, analysis, history and the commands. */
export function PlanCard({ plan }: { plan: PatchPlan }) {
  const terminal = isTerminal(plan);
  const reason = latestReason(plan);
  return (
    <article
      className={`panel plan-card ${terminal ? 'plan-done' : ''}`}
      aria-label={`${plan.id} ${plan.service}`}
      data-testid={`plan-${plan.id}`}
    >
      <header className="plan-head">
        <h2>
          <span className="mono">{plan.id}</span> {plan.service}{' '}
          <span className="mono muted">
            {plan.fromVersion} → {plan.toVersion}
          </span>
        </h2>
        <span data-testid="plan-state">
          <Badge kind="patch" value={plan.state} />
        </span>
        <span className={`risk risk-${riskLevel(plan.risk.score)}`}>
          risk {plan.risk.score.toFixed(2)}
        </span>
        <Approval plan={plan} />
        <Commands plan={plan} />
      </header>
      {reason && (
        <p className="plan-reason" data-testid="plan-reason">
          {plan.state.replaceAll('_', ' ')}: {reason}
        </p>
      )}
      <Waves plan={plan} />
      <details className="plan-details" open={!terminal}>
        <summary>Risk, pre-flight, canary analysis and history</summary>
        <div className="grid-2">
          <section aria-label="Risk">
            <h3>Risk {plan.risk.score.toFixed(2)}</h3>
            <ul className="reasons">
              {plan.risk.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <h3>Pre-flight</h3>
            {plan.preflight.length === 0 ? (
              <p className="muted small">Not run yet.</p>
            ) : (
              <ul className="checks">
                {plan.preflight.map((c) => (
                  <li key={c.name}>
                    <span className={c.ok ? 'ok-mark' : 'fail-mark'}>{c.ok ? '✓' : '✗'}</span>{' '}
                    <span className="mono">{c.name}</span> — {c.reason}
                  </li>
                ))}
              </ul>
            )}
            {plan.baseline && (
              <p className="small muted">
                Baseline before the first deploy: errors {formatPercent(plan.baseline.errorRate, 2)}
                , p95 {Math.round(plan.baseline.latencyP95)} ms
              </p>
            )}
          </section>
          <section aria-label="State history">
            <h3>State history</h3>
            {plan.transitions.length === 0 ? (
              <p className="muted small">
                Created {formatTime(plan.createdAt)} by {plan.createdBy}.
              </p>
            ) : (
              <ol className="timeline" aria-label={`${plan.id} state history`}>
                {plan.transitions.map((t, n) => (
                  <li key={`${t.at}-${n}`}>
                    <span className="mono muted">{formatTime(t.at)}</span>
                    <span>
                      <Badge kind="patch" value={t.from} /> → <Badge kind="patch" value={t.to} />
                    </span>
                    <span>{t.reason}</span>
                  </li>
                ))}
              </ol>
            )}
            {plan.rollback && (
              <p className="small">
                <strong>Rollback</strong> requested {formatTime(plan.rollback.requestedAt)}:{' '}
                {plan.rollback.reason} ({plan.rollback.attempts} attempts)
              </p>
            )}
          </section>
        </div>
        <h3>
          Canary analysis{' '}
          <span className="muted small">
            hosts {plan.canary.hosts.join(', ') || '—'} · aborts after {plan.canary.failureLimit}{' '}
            failed runs in a row
          </span>
        </h3>
        <Measurements items={plan.canary.measurements} label={`${plan.id} canary analysis`} />
      </details>
    </article>
  );
}

function Approval({ plan }: { plan: PatchPlan }) {
  if (plan.approvedBy) {
    return (
      <span className="small">
        approved by <strong>{plan.approvedBy}</strong> {formatTime(plan.approvedAt)}
      </span>
    );
  }
  if (plan.approvalRequired && !isTerminal(plan)) {
    return <span className="awaiting">awaiting approval</span>;
  }
  return (
    <span className="small muted">
      {plan.approvalRequired ? 'was never approved' : 'no approval needed'}
    </span>
  );
}

function Commands({ plan }: { plan: PatchPlan }) {
  const { canOperate } = useSession();
  const command = usePatchCommand(plan.id);
  const [aborting, setAborting] = useState(false);
  const terminal = isTerminal(plan);
  const run = (name: PatchCommand, reason?: string) =>
    command.mutate({ command: name, ...(reason ? { reason } : {}) });
  return (
    <div className="plan-commands">
      {!terminal && plan.approvedBy === null && (
        <button
          type="button"
          className="primary"
          disabled={!canOperate || command.isPending}
          onClick={() => run('approve')}
        >
          Approve
        </button>
      )}
      {plan.state === 'halted' && (
        <button
          type="button"
          disabled={!canOperate || command.isPending}
          onClick={() => run('resume')}
        >
          Resume
        </button>
      )}
      {!terminal && (
        <button
          type="button"
          className="danger"
          disabled={!canOperate || command.isPending}
          onClick={() => setAborting(true)}
        >
          Abort…
        </button>
      )}
      <ErrorNote error={command.error} />
      <AbortDialog
        plan={plan}
        open={aborting}
        onClose={() => setAborting(false)}
        onAbort={(reason) => {
          run('abort', reason);
          setAborting(false);
        }}
      />
    </div>
  );
}

function AbortDialog({
  plan,
  open,
  onClose,
  onAbort,
}: {
  plan: PatchPlan;
  open: boolean;
  onClose: () => void;
  onAbort: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Dialog open={open} tone="danger" title={`Abort ${plan.id}?`} onClose={close}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onAbort(reason.trim());
          setReason('');
        }}
      >
        <p>
          The rollout of {plan.service} to {plan.toVersion} stops and every host it touched goes
          back to the version it ran before.
        </p>
        <label className="field">
          <span>Reason (recorded in the plan and the audit trail)</span>
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
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={reason.trim() === ''}>
            Abort rollout
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Waves({ plan }: { plan: PatchPlan }) {
  const segments = waveSegments(plan.waves);
  const deployed = deployedPercent(plan.waves);
  const started = plan.waves.some((w) => w.startedAt !== null);
  const summary = plan.waves
    .map((w, i) => `wave ${i + 1} to ${w.percent}%: ${w.state.replaceAll('_', ' ')}`)
    .join('; ');
  return (
    <section className="waves-block">
      <div
        className="wave-bar"
        role="img"
        aria-label={`${deployed}% on the new version; ${summary}`}
      >
        {segments.map((s, i) => (
          <span
            key={i}
            className={`wave-seg wave-${s.state}`}
            style={{ width: `${s.width}%` }}
            title={`wave ${i + 1}: ${s.from}–${s.to}% ${s.state}`}
          />
        ))}
      </div>
      {(started || !isTerminal(plan)) && (
        <table className="data-table waves" aria-label={`${plan.id} waves`}>
          <thead>
            <tr>
              <th scope="col">wave</th>
              <th scope="col">hosts to</th>
              <th scope="col">hosts</th>
              <th scope="col">state</th>
              <th scope="col">attempts</th>
              <th scope="col">started</th>
              <th scope="col">finished</th>
              <th scope="col">analysis</th>
            </tr>
          </thead>
          <tbody>
            {plan.waves.map((w, i) => (
              <tr key={i} data-testid="wave">
                <td>{i === 0 ? 'canary' : `wave ${i + 1}`}</td>
                <td className="num nowrap">{w.percent} %</td>
                <td className="mono small">{w.hosts.join(', ')}</td>
                <td>
                  <Badge kind="wave" value={w.state} />
                </td>
                <td className="num">{w.attempts}</td>
                <td className="mono">{formatTime(w.startedAt)}</td>
                <td className="mono">{formatTime(w.finishedAt)}</td>
                <td>
                  {w.measurements.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className="verdicts">
                      {w.measurements.map((m, n) => (
                        <span
                          key={n}
                          className={`verdict verdict-${m.verdict}`}
                          title={`${formatTime(m.at)}: ${m.reason}`}
                        >
                          {m.verdict}
                        </span>
                      ))}
                      <span className="small muted"> {w.measurements.at(-1)?.reason}</span>
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Measurements({ items, label }: { items: PatchMeasurement[]; label: string }) {
  if (items.length === 0) return <p className="muted small">No analysis runs yet.</p>;
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">at (UTC)</th>
          <th scope="col">errors new / old</th>
          <th scope="col">p95 new / old</th>
          <th scope="col">baseline from</th>
          <th scope="col">verdict</th>
          <th scope="col">reason</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m, n) => (
          <tr key={n}>
            <td className="mono">{formatTime(m.at)}</td>
            <td className="num">
              {formatPercent(m.canaryErrorRate, 2)} / {formatPercent(m.baselineErrorRate, 2)}
            </td>
            <td className="num">
              {Math.round(m.canaryLatencyP95)} / {Math.round(m.baselineLatencyP95)} ms
            </td>
            <td>{m.baselineFrom}</td>
            <td>
              <span className={`verdict verdict-${m.verdict}`}>{m.verdict}</span>
            </td>
            <td className="small">{m.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
