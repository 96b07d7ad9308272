import { LogLevel } from '@watchfloor/domain';
import { useLayoutEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { type LogFilters, useLogStream } from '../../api/logs.ts';
import { CheckGroup } from '../../components/CheckGroup.tsx';
import { ErrorNote } from '../../components/ErrorNote.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SearchBox } from '../../components/SearchBox.tsx';
import { ServiceOptions } from '../../components/ServicePicker.tsx';
import { formatTime } from '../../lib/format.ts';
import { MAX_LOG_LINES } from '../../lib/log-buffer.ts';
import { listParam } from '../../lib/query-string.ts';

function useLogFilters(): [LogFilters, (patch: Partial<LogFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters: LogFilters = {
    level: listParam(params.get('level'), LogLevel.options),
    source: params.get('source') ?? '',
    q: params.get('q') ?? '',
  };
  const update = (patch: Partial<LogFilters>) => {
    const next = { ...filters, ...patch };
    const search = new URLSearchParams();
    if (next.level.length) search.set('level', next.level.join(','));
    if (next.source) search.set('source', next.source);
    if (next.q) search.set('q', next.q);
    setParams(search, { replace: true });
  };
  return [filters, update];
}

export default function LogsPage() {
  const [filters, update] = useLogFilters();
  const [paused, setPaused] = useState(false);
  const logs = useLogStream(filters, paused);
  const lines = logs.data ?? [];
  const viewRef = useRef<HTMLDivElement>(null);
  const newest = lines[0]?.id;

  // Follow: keep the newest line (at the bottom) in view while not paused.
  useLayoutEffect(() => {
    const view = viewRef.current;
    if (view && !paused) view.scrollTop = view.scrollHeight;
  }, [newest, paused]);

  return (
    <>
      <PageHeader title="Logs" updatedAt={logs.dataUpdatedAt}>
        <span className="muted small" data-testid="log-count">
          {lines.length} lines (keeps the newest {MAX_LOG_LINES.toLocaleString('en-US')})
        </span>
        <button
          type="button"
          className={paused ? 'primary' : ''}
          aria-pressed={paused}
          onClick={() => setPaused(!paused)}
        >
          {paused ? 'Resume' : 'Pause'}
        </button>
      </PageHeader>
      <search className="filters" aria-label="Filter logs">
        <CheckGroup
          legend="Level"
          options={LogLevel.options}
          selected={filters.level}
          onChange={(level) => update({ level })}
        />
        <SearchBox
          label="Source"
          value={filters.source}
          list="log-sources"
          placeholder="service id, engine…"
          onChange={(source) => update({ source })}
        />
        <ServiceOptions id="log-sources" q={filters.source} />
        <SearchBox
          label="Text"
          value={filters.q}
          placeholder="contains…"
          onChange={(q) => update({ q })}
        />
      </search>
      <ErrorNote error={logs.error} />
      <p className="follow-state" aria-live="polite">
        {paused ? 'Paused — not following new lines.' : 'Following new lines.'}
      </p>
      <div
        className="terminal"
        ref={viewRef}
        role="log"
        aria-live="off"
        aria-label="Log lines"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        tabIndex={0}
      >
        {logs.isSuccess && lines.length === 0 && <div className="muted">No lines match.</div>}
        {lines
          .slice()
          .reverse()
          .map((l) => (
            <div key={l.id} className={`log-line level-${l.level}`} data-id={l.id}>
              <span className="log-time">{formatTime(l.at)}</span>
              <span className="log-level">{l.level.toUpperCase().padEnd(5)}</span>
              <span className="log-source">{l.source}</span>
              <span className="log-message">{l.message}</span>
            </div>
          ))}
      </div>
    </>
  );
}
