import type { AgentStatus } from '@watchfloor/domain';
import { useSearchParams } from 'react-router';
import { useAgents } from '../../api/agents.ts';
import { Badge } from '../../components/Badge.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatClock, formatPercent, formatTime } from '../../lib/format.ts';
import { AgentConfigPanel } from './AgentConfigPanel.tsx';
import { LearningPanel } from './LearningPanel.tsx';

export default function AgentsPage() {
  const agents = useAgents();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('agent') ?? '';
  const items = agents.data?.items ?? [];
  const selected = items.find((a) => a.id === selectedId);
  const select = (id: string | null) =>
    setParams(id ? new URLSearchParams({ agent: id }) : new URLSearchParams(), { replace: true });
  return (
    <>
      <PageHeader title="Agents" updatedAt={agents.dataUpdatedAt} />
      <ErrorNote error={agents.data ? null : agents.error} />
      <table className="data-table" aria-label="Agents">
        <thead>
          <tr>
            <th scope="col">agent</th>
            <th scope="col">health · state</th>
            <th scope="col">heartbeat</th>
            <th scope="col">automation</th>
            <th scope="col">config</th>
            <th scope="col">runs ✓ / ✗</th>
            <th scope="col">success</th>
            <th scope="col">learned</th>
            <th scope="col">errors</th>
            <th scope="col">
              <span className="sr-only">configure</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <AgentRow
              key={a.id}
              agent={a}
              selected={a.id === selectedId}
              onSelect={() => select(a.id === selectedId ? null : a.id)}
            />
          ))}
        </tbody>
      </table>
      {selected ? (
        <AgentConfigPanel key={selected.id} agent={selected} onClose={() => select(null)} />
      ) : (
        <p className="muted small">
          Choose <strong>Configure</strong> on an agent to change its automation level, approval
          rule or thresholds, see its config history and roll back.
        </p>
      )}
      <LearningPanel />
    </>
  );
}

function AgentRow({
  agent: a,
  selected,
  onSelect,
}: {
  agent: AgentStatus;
  selected: boolean;
  onSelect: () => void;
}) {
  const c = a.config;
  return (
    <tr className={selected ? 'selected' : ''} data-testid={`agent-${a.id}`}>
      <td>
        <strong>{a.name}</strong>
        <span className="muted small agent-role">{a.role}</span>
      </td>
      <td>
        <Badge kind="health" value={a.health} />
        <span className="small muted agent-role">{a.state}</span>
      </td>
      <td className="mono" title={`${formatTime(a.lastHeartbeat)} UTC (virtual)`}>
        {formatClock(a.lastHeartbeat)}
      </td>
      <td>
        <span className={`level level-${c.automationLevel}`}>{c.automationLevel}</span>
        {!c.enabled && (
          <>
            {' '}
            <Badge kind="flag" value="disabled" />
          </>
        )}
        {c.approvalRequired && (
          <>
            {' '}
            <Badge kind="flag" value="approval" />
          </>
        )}
      </td>
      <td className="small">
        <span className="nowrap">
          v{a.configVersion} · conf ≥ {c.thresholds.confidence}
        </span>{' '}
        <span className="nowrap">≤ {c.thresholds.maxActionsPerHour} actions/h</span>
      </td>
      <td className="num">
        {a.counters.successes} / {a.counters.failures}
      </td>
      <td className="num">{formatPercent(a.successRate, 0)}</td>
      <td className="num" title="Outcomes of incidents it took part in">
        {a.learning ? `${formatPercent(a.learning.successRate, 0)} of ${a.learning.samples}` : '—'}
      </td>
      <td>
        {a.errors}
        {a.lastError && (
          <span className="small error-text" title={formatTime(a.lastError.at)}>
            {' '}
            {a.lastError.message}
          </span>
        )}
      </td>
      <td>
        <button type="button" aria-pressed={selected} onClick={onSelect}>
          Configure <span className="sr-only">{a.name}</span>
        </button>
      </td>
    </tr>
  );
}
