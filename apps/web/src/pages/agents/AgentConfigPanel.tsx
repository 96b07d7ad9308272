import {
  type AgentConfig,
  type AgentConfigVersion,
  type AgentStatus,
  AutomationLevel,
} from '@watchfloor/domain';
import { useState } from 'react';
import { useAgent, useRollbackAgentConfig, useUpdateAgentConfig } from '../../api/agents.ts';
import { useSession } from '../../api/auth-status.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { ReadOnlyHint } from '../../components/ReadOnlyHint.tsx';
import { configPatch } from '../../lib/agent-config.ts';
import { formatTime } from '../../lib/format.ts';

const LEVEL_HELP: Record<AutomationLevel, string> = {
  MANUAL: 'recommends only',
  SEMI_AUTO: 'acts after an operator approves',
  AUTO: 'acts alone within its thresholds',
};

export function AgentConfigPanel({ agent, onClose }: { agent: AgentStatus; onClose: () => void }) {
  const detail = useAgent(agent.id);
  const history = [...(detail.data?.configHistory ?? [])].sort((a, b) => b.version - a.version);
  return (
    <section className="panel" aria-labelledby="agent-config-heading">
      <div className="page-header">
        <h2 id="agent-config-heading">{agent.name} configuration</h2>
        <div className="page-actions">
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {/* A new version remounts the form with the server's values. */}
      <ConfigForm key={agent.configVersion} agent={agent} />
      <h3>History</h3>
      {detail.data && detail.data.configVersions > history.length && (
        <p className="muted small">
          The {history.length} latest of {detail.data.configVersions} versions.
        </p>
      )}
      <ErrorNote error={detail.error} />
      <History agent={agent} history={history} />
    </section>
  );
}

function ConfigForm({ agent }: { agent: AgentStatus }) {
  const { canOperate } = useSession();
  const update = useUpdateAgentConfig(agent.id);
  const [draft, setDraft] = useState<AgentConfig>(agent.config);
  const [reason, setReason] = useState('');
  const patch = configPatch(agent.config, draft);
  const changed = Object.keys(patch).length > 0;
  const valid =
    Number.isFinite(draft.thresholds.confidence) &&
    Number.isFinite(draft.thresholds.maxActionsPerHour);
  const disabled = !canOperate || update.isPending;
  return (
    <form
      className="config-form"
      aria-label={`${agent.name} config`}
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ patch, reason: reason.trim() });
      }}
    >
      <h3>Change (becomes version {agent.configVersion + 1})</h3>
      <label className="field">
        <span>Automation level</span>
        <select
          name="automationLevel"
          value={draft.automationLevel}
          disabled={disabled}
          onChange={(event) => {
            const level = AutomationLevel.safeParse(event.target.value);
            if (level.success) setDraft({ ...draft, automationLevel: level.data });
          }}
        >
          {AutomationLevel.options.map((l) => (
            <option key={l} value={l}>
              {l} — {LEVEL_HELP[l]}
            </option>
          ))}
        </select>
      </label>
      <div className="row wrap">
        <label className="chip">
          <input
            type="checkbox"
            name="enabled"
            checked={draft.enabled}
            disabled={disabled}
            onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })}
          />
          Enabled
        </label>
        <label className="chip">
          <input
            type="checkbox"
            name="approvalRequired"
            checked={draft.approvalRequired}
            disabled={disabled}
            onChange={(event) => setDraft({ ...draft, approvalRequired: event.target.checked })}
          />
          Every action needs approval
        </label>
      </div>
      <div className="row wrap">
        <label className="field">
          <span>Confidence threshold (0–1)</span>
          <input
            type="number"
            name="confidence"
            min={0}
            max={1}
            step={0.05}
            value={draft.thresholds.confidence}
            disabled={disabled}
            onChange={(event) =>
              setDraft({
                ...draft,
                thresholds: { ...draft.thresholds, confidence: event.target.valueAsNumber },
              })
            }
          />
        </label>
        <label className="field">
          <span>Max actions per virtual hour</span>
          <input
            type="number"
            name="maxActionsPerHour"
            min={0}
            max={10000}
            step={1}
            value={draft.thresholds.maxActionsPerHour}
            disabled={disabled}
            onChange={(event) =>
              setDraft({
                ...draft,
                thresholds: { ...draft.thresholds, maxActionsPerHour: event.target.valueAsNumber },
              })
            }
          />
        </label>
      </div>
      <label className="field">
        <span>Reason (recorded with the version and in the audit trail)</span>
        <textarea
          name="reason"
          required
          maxLength={500}
          rows={2}
          value={reason}
          disabled={disabled}
          onChange={(event) => setReason(event.target.value)}
        />
      </label>
      <ErrorNote error={update.error} />
      <div className="row">
        <button
          type="submit"
          className="primary"
          disabled={disabled || !changed || !valid || reason.trim() === ''}
        >
          {update.isPending ? 'Saving…' : 'Save new version'}
        </button>
        <button
          type="button"
          disabled={!changed || update.isPending}
          onClick={() => setDraft(agent.config)}
        >
          Reset
        </button>
        {!changed && <span className="muted small">No change yet.</span>}
      </div>
      <ReadOnlyHint to="change agent configuration" />
    </form>
  );
}

const summary = (c: AgentConfig): string =>
  [
    c.automationLevel,
    c.enabled ? 'enabled' : 'disabled',
    c.approvalRequired ? 'approval required' : null,
    `conf ≥ ${c.thresholds.confidence}`,
    `≤ ${c.thresholds.maxActionsPerHour}/h`,
  ]
    .filter(Boolean)
    .join(' · ');

function History({ agent, history }: { agent: AgentStatus; history: AgentConfigVersion[] }) {
  const { canOperate } = useSession();
  const rollback = useRollbackAgentConfig(agent.id);
  const [target, setTarget] = useState<AgentConfigVersion | null>(null);
  return (
    <>
      <ErrorNote error={rollback.error} />
      <table className="data-table compact" aria-label={`${agent.name} config history`}>
        <thead>
          <tr>
            <th scope="col">version</th>
            <th scope="col">when (virtual)</th>
            <th scope="col">by</th>
            <th scope="col">reason</th>
            <th scope="col">config</th>
            <th scope="col">
              <span className="sr-only">roll back</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.map((v) => {
            const current = v.version === agent.configVersion;
            return (
              <tr key={v.version} data-testid={`version-${v.version}`}>
                <td>
                  v{v.version}
                  {current && (
                    <>
                      {' '}
                      <span className="badge result-ok">current</span>
                    </>
                  )}
                </td>
                <td className="mono">{formatTime(v.at)}</td>
                <td>{v.author}</td>
                <td className="change">
                  {v.reason}
                  {v.rollbackOf !== null && (
                    <span className="muted small"> (restores v{v.rollbackOf})</span>
                  )}
                </td>
                <td className="small">{summary(v.config)}</td>
                <td>
                  {!current && (
                    <button
                      type="button"
                      disabled={!canOperate || rollback.isPending}
                      onClick={() => setTarget(v)}
                    >
                      Roll back to v{v.version}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <RollbackDialog
        agent={agent}
        target={target}
        pending={rollback.isPending}
        onClose={() => setTarget(null)}
        onConfirm={(version, reason) =>
          rollback.mutate(
            { version, ...(reason ? { reason } : {}) },
            { onSettled: () => setTarget(null) },
          )
        }
      />
    </>
  );
}

function RollbackDialog({
  agent,
  target,
  pending,
  onClose,
  onConfirm,
}: {
  agent: AgentStatus;
  target: AgentConfigVersion | null;
  pending: boolean;
  onClose: () => void;
  onConfirm: (version: number, reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const close = () => {
    setReason('');
    onClose();
  };
  return (
    <Dialog
      open={target !== null}
      title={`Roll ${agent.name} back to v${target?.version ?? ''}?`}
      onClose={close}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (target) onConfirm(target.version, reason.trim());
          setReason('');
        }}
      >
        <p>
          Its config becomes v{target?.version}'s again ({target ? summary(target.config) : ''}),
          recorded as version {agent.configVersion + 1}.
        </p>
        <label className="field">
          <span>Reason (optional)</span>
          <textarea
            name="reason"
            maxLength={500}
            rows={2}
            value={reason}
            autoFocus
            onChange={(event) => setReason(event.target.value)}
          />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={pending}>
            Roll back
          </button>
        </div>
      </form>
    </Dialog>
  );
}
