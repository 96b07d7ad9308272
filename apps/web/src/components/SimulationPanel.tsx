import { useId, useState } from 'react';
import { useSession } from '../api/auth-status.ts';
import { useInjectFault, useSetRunning, useSetSpeed, useSimulation } from '../api/simulation.ts';
import { formatClock, formatTime } from '../lib/format.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { ReadOnlyHint } from './ReadOnlyHint.tsx';
import { ServicePicker } from './ServicePicker.tsx';

export const SPEEDS = [1, 10, 60, 600, 3600] as const;

/** Virtual clock, run/pause, speed and fault injection: always in the sidebar. */
export function SimulationPanel() {
  const { data: sim } = useSimulation();
  const { canOperate } = useSession();
  const running = useSetRunning();
  const speed = useSetSpeed();
  const speedId = useId();
  const speeds: number[] =
    sim && !SPEEDS.some((s) => s === sim.speed) ? [...SPEEDS, sim.speed] : [...SPEEDS];
  return (
    <section className="panel sim-panel" aria-labelledby="sim-heading">
      <h2 id="sim-heading">Simulation</h2>
      <div className="clock" aria-live="off">
        <span
          className="clock-time"
          title={`${formatTime(sim?.virtualTime)} UTC`}
          data-testid="virtual-clock"
        >
          {formatClock(sim?.virtualTime)}
        </span>
        <span className="clock-date muted">
          {formatTime(sim?.virtualTime).split(' ')[0]} UTC · virtual
        </span>
      </div>
      <p className="sim-state" data-testid="sim-state">
        <span className={`dot ${sim?.running ? 'dot-ok' : 'dot-idle'}`} aria-hidden="true" />
        {sim ? (sim.running ? `Running at ×${sim.speed}` : 'Stopped') : 'Loading…'}
        {sim && !sim.faultGeneration && <span className="muted"> · no new faults</span>}
      </p>
      <div className="row">
        <button
          type="button"
          className={sim?.running ? '' : 'primary'}
          disabled={!canOperate || !sim || running.isPending}
          onClick={() => sim && running.mutate(!sim.running)}
        >
          {sim?.running ? 'Stop' : 'Start'}
        </button>
        <label htmlFor={speedId} className="inline-label">
          Speed
        </label>
        <select
          id={speedId}
          value={sim?.speed ?? 1}
          disabled={!canOperate || !sim}
          onChange={(event) => speed.mutate(Number(event.target.value))}
        >
          {speeds.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </div>
      <ErrorNote error={running.error ?? speed.error} />
      <FaultForm scenarios={sim?.scenarios ?? []} disabled={!canOperate} />
      <ReadOnlyHint to="run the simulation or inject faults" />
    </section>
  );
}

function FaultForm({ scenarios, disabled }: { scenarios: string[]; disabled: boolean }) {
  const inject = useInjectFault();
  const [scenario, setScenario] = useState('');
  const [service, setService] = useState('');
  const chosenScenario = scenario || scenarios[0] || '';
  return (
    <form
      className="fault-form"
      aria-label="Inject a fault"
      onSubmit={(event) => {
        event.preventDefault();
        inject.mutate({ scenario: chosenScenario, service });
      }}
    >
      <h3>Inject a fault</h3>
      <label className="field">
        <span>Scenario</span>
        <select
          name="scenario"
          value={chosenScenario}
          disabled={disabled}
          onChange={(event) => setScenario(event.target.value)}
        >
          {scenarios.map((s) => (
            <option key={s} value={s}>
              {s.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <ServicePicker value={service} disabled={disabled} onChange={setService} />
      <button type="submit" disabled={disabled || inject.isPending || !chosenScenario || !service}>
        {inject.isPending ? 'Injecting…' : 'Inject fault'}
      </button>
      <div aria-live="polite">
        {inject.isSuccess && (
          <p className="ok-note">
            Injected {inject.data.scenario.replaceAll('_', ' ')} on {inject.data.rootService} (
            {inject.data.id})
          </p>
        )}
      </div>
      <ErrorNote error={inject.error} />
    </form>
  );
}
