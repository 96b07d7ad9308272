import type { MetricSample } from '@watchfloor/domain';
import type { SimEvent, Simulator } from '@watchfloor/sim';
import type { BatchBuilder } from './batch.ts';
import type { IncidentDesk } from './desk.ts';
import type { FaultBook } from './faults.ts';
import type { LiveScore } from './live-score.ts';
import type { Recorder } from './records.ts';

export interface SimFeedContext {
  sim: () => Simulator;
  desk: IncidentDesk;
  records: Recorder;
  faults: FaultBook;
  score: LiveScore;
  latestMetrics: Map<string, MetricSample>;
  observe: (samples: readonly MetricSample[]) => void;
}

/** Routes simulator events: metrics to the agents, logs and faults to the batch, alerts to the desk. */
export class SimFeed {
  #alertsEmitted = 0;
  /** Simulator alert key -> the id its firing alert was stored under. */
  readonly #alertIds = new Map<string, string>();

  constructor(private readonly ctx: SimFeedContext) {}

  get alertsEmitted(): number {
    return this.#alertsEmitted;
  }

  apply(event: SimEvent, batch: BatchBuilder): void {
    switch (event.type) {
      case 'metrics':
        for (const sample of event.samples) this.ctx.latestMetrics.set(sample.service, sample);
        this.ctx.observe(event.samples);
        return;
      case 'log':
        batch.logs.push(
          this.ctx.records.log(event.level, event.source, event.message, event.at, event),
        );
        return;
      case 'fault_started':
        this.ctx.faults.record(event.fault, batch);
        batch.count('faultsStarted');
        return;
      case 'fault_spread':
      case 'fault_ended': {
        const fault = this.ctx.sim().fault(event.faultId);
        if (fault) this.ctx.faults.record(fault, batch);
        return;
      }
      case 'alert':
        this.#alert(event, batch);
        return;
    }
  }

  #alert(event: Extract<SimEvent, { type: 'alert' }>, batch: BatchBuilder): void {
    const { desk } = this.ctx;
    const at = event.at;
    if (event.status === 'firing') {
      const alert = desk.fire(
        {
          fingerprint: event.fingerprint,
          status: 'firing',
          labels: { ...event.labels },
          annotations: { ...event.annotations },
          startsAt: event.startsAt,
          endsAt: null,
          receivedAt: at,
          source: 'simulator',
        },
        at,
        batch,
      );
      this.#alertsEmitted++;
      this.#alertIds.set(event.key, alert.id);
      const truth = 'faultId' in event.cause ? event.cause.faultId : `noise:${event.fingerprint}`;
      this.ctx.score.note(alert.id, truth, alert.incidentId ?? alert.id);
      if ('faultId' in event.cause) this.ctx.faults.noteAlert(event.cause.faultId, alert.id, batch);
      return;
    }
    const id = this.#alertIds.get(event.key);
    const alert = id ? desk.firing.get(id) : undefined;
    this.#alertIds.delete(event.key);
    if (alert) desk.clear(alert, event.endsAt ?? at, at, batch);
  }
}
