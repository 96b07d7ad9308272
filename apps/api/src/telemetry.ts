import type { Engine } from '@watchfloor/engine';
import type { Repository } from '@watchfloor/kb';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Engine timings worth a histogram. */
export type TimingName = 'correlation' | 'forecast' | 'store_write';

/**
 * Prometheus metrics for `GET /metrics`: HTTP traffic, engine timings, and totals read from
 * the knowledge base at scrape time (so counters survive restarts instead of resetting).
 */
export function createTelemetry() {
  const registry = new Registry();
  const httpRequests = new Counter({
    name: 'watchfloor_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const httpDuration = new Histogram({
    name: 'watchfloor_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // Labelled children looked up once per route and status, not hashed on every request.
  // Bounded: routes are patterns and statuses few.
  const requestSeries = new Map<
    string,
    {
      count: ReturnType<typeof httpRequests.labels>;
      duration: ReturnType<typeof httpDuration.labels>;
    }
  >();
  const timings = new Histogram({
    name: 'watchfloor_engine_duration_seconds',
    help: 'Time spent per engine operation (correlation per alert, forecast fit, store write)',
    labelNames: ['operation'] as const,
    buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });

  /** Registers gauges that read the engine and the store when Prometheus scrapes. */
  function observe(engine: Engine, repo: Repository) {
    const totals: [string, string, string][] = [
      ['watchfloor_alerts_received_total', 'Alerts received (all sources)', 'alertsReceived'],
      ['watchfloor_alerts_resolved_total', 'Alerts resolved', 'alertsResolved'],
      ['watchfloor_incidents_opened_total', 'Incidents opened', 'incidentsOpened'],
      ['watchfloor_incidents_resolved_total', 'Incidents resolved', 'incidentsResolved'],
      ['watchfloor_actions_run_total', 'Autonomous actions run', 'actionsRun'],
      ['watchfloor_actions_blocked_total', 'Actions blocked by the kill switch', 'actionsBlocked'],
      ['watchfloor_faults_started_total', 'Simulated faults started', 'faultsStarted'],
    ];
    let cached: { at: number; counters: Record<string, number> } | null = null;
    const counters = async () => {
      // One store read per scrape, shared by every total.
      if (!cached || Date.now() - cached.at > 1000)
        cached = { at: Date.now(), counters: await repo.getCounters() };
      return cached.counters;
    };
    for (const [name, help, key] of totals) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.set((await counters().catch(() => ({}) as Record<string, number>))[key] ?? 0);
        },
      });
    }
    new Gauge({
      name: 'watchfloor_kill_switch_engaged',
      help: '1 while the kill switch is engaged',
      registers: [registry],
      collect() {
        this.set(engine.killSwitch.engaged ? 1 : 0);
      },
    });
    new Gauge({
      name: 'watchfloor_incidents_active',
      help: 'Incidents not yet resolved',
      registers: [registry],
      collect() {
        this.set(engine.activeIncidentCount());
      },
    });
    new Gauge({
      name: 'watchfloor_alerts_firing',
      help: 'Alerts currently firing',
      registers: [registry],
      collect() {
        this.set(engine.firingAlertCount());
      },
    });
    new Gauge({
      name: 'watchfloor_simulation_speed',
      help: 'Virtual seconds per wall second (0 when stopped)',
      registers: [registry],
      collect() {
        const state = engine.state();
        this.set(state.running ? state.speed : 0);
      },
    });
  }

  return {
    registry,
    observe,
    recordRequest(method: string, route: string, status: number, seconds: number) {
      const key = `${method} ${status} ${route}`;
      let series = requestSeries.get(key);
      if (!series) {
        series = {
          count: httpRequests.labels({ method, route, status: String(status) }),
          duration: httpDuration.labels({ method, route }),
        };
        requestSeries.set(key, series);
      }
      series.count.inc();
      series.duration.observe(seconds);
    },
    recordTiming(name: TimingName, seconds: number) {
      timings.observe({ operation: name }, seconds);
    },
  };
}

export type Telemetry = ReturnType<typeof createTelemetry>;
