import { OutcomeRecord, type OutcomeStatus } from '@watchfloor/domain';
import type { KnowledgeStore } from './knowledge-store.ts';
import { NS } from './namespaces.ts';
import {
  addTo,
  isRecord,
  readCount,
  readString,
  readTally,
  reviseToFailure,
  type Tally,
} from './read.ts';
import { CURVE_BLOCK, CURVE_POINTS, OUTCOME_CAPACITY } from './tuning.ts';

/** The last mitigation of a signature on a service, to spot a recurrence. */
export interface RecentMitigation {
  incidentId: string;
  seq: number;
  at: string;
}

/** First-action tallies per block of 50 incidents, split by learning on/off. */
type CurveBuckets = Record<string, { on: Tally; off: Tally }>;

const slotKey = (seq: number, capacity: number): string =>
  `slot-${String(seq % capacity).padStart(4, '0')}`;
const recentKey = (service: string, signature: string): string => `${service}|${signature}`;

/**
 * The bounded outcome history (a ring buffer of records in the knowledge store, one item
 * per slot so each write stays small), with running totals and the learning curve.
 */
export class OutcomeLog {
  readonly #store: KnowledgeStore;
  readonly #capacity: number;

  constructor(store: KnowledgeStore, capacity = OUTCOME_CAPACITY) {
    this.#store = store;
    this.#capacity = capacity;
  }

  /** Outcomes ever recorded (the ring keeps the last `capacity`). */
  count(): number {
    const meta = this.#store.get(NS.outcomes, 'meta');
    return isRecord(meta) ? readCount(meta.count) : 0;
  }

  /** Appends a record, giving it the next sequence number. */
  append(record: Omit<OutcomeRecord, 'seq'>): OutcomeRecord {
    const seq = this.count();
    const full: OutcomeRecord = { ...record, seq };
    this.#store.put(NS.outcomes, slotKey(seq, this.#capacity), full);
    this.#store.put(NS.outcomes, 'meta', { count: seq + 1 });
    const totals = this.totals();
    totals[full.status] += 1;
    this.#store.put(NS.outcomes, 'totals', totals);
    if (full.status !== 'escalated') this.#bumpCurve(full, (t) => addTo(t, full.success));
    return full;
  }

  /** The record with this sequence number, if the ring still holds it. */
  get(seq: number): OutcomeRecord | null {
    const parsed = OutcomeRecord.safeParse(
      this.#store.get(NS.outcomes, slotKey(seq, this.#capacity)),
    );
    return parsed.success && parsed.data.seq === seq ? parsed.data : null;
  }

  /** Held records, oldest first. */
  records(): OutcomeRecord[] {
    const count = this.count();
    const out: OutcomeRecord[] = [];
    for (let seq = Math.max(0, count - this.#capacity); seq < count; seq++) {
      const r = this.get(seq);
      if (r) out.push(r);
    }
    return out;
  }

  /** Marks a mitigated record as recurred; returns it, or null if it was not a success. */
  markRecurred(seq: number, at: string): OutcomeRecord | null {
    const record = this.get(seq);
    if (!record?.success) return null;
    const revised: OutcomeRecord = {
      ...record,
      status: 'recurred',
      success: false,
      recurredAt: at,
    };
    this.#store.put(NS.outcomes, slotKey(seq, this.#capacity), revised);
    const totals = this.totals();
    totals[record.status] = Math.max(0, totals[record.status] - 1);
    totals.recurred += 1;
    this.#store.put(NS.outcomes, 'totals', totals);
    this.#bumpCurve(record, reviseToFailure);
    return revised;
  }

  totals(): Record<OutcomeStatus, number> {
    const v = this.#store.get(NS.outcomes, 'totals');
    const r = isRecord(v) ? v : {};
    return {
      mitigated: readCount(r.mitigated),
      not_mitigated: readCount(r.not_mitigated),
      worsened: readCount(r.worsened),
      recurred: readCount(r.recurred),
      escalated: readCount(r.escalated),
    };
  }

  curve(): CurveBuckets {
    const v = this.#store.get(NS.outcomes, 'curve');
    const out: CurveBuckets = {};
    if (!isRecord(v)) return out;
    for (const [k, b] of Object.entries(v)) {
      if (!isRecord(b)) continue;
      out[k] = { on: readTally(b.on), off: readTally(b.off) };
    }
    return out;
  }

  recent(service: string, signature: string): RecentMitigation | null {
    const v = this.#store.get(NS.outcomesRecent, recentKey(service, signature));
    if (!isRecord(v)) return null;
    const incidentId = readString(v.incidentId);
    const at = readString(v.at);
    return incidentId && at ? { incidentId, seq: readCount(v.seq), at } : null;
  }

  setRecent(service: string, signature: string, value: RecentMitigation | null): void {
    this.#store.put(NS.outcomesRecent, recentKey(service, signature), value);
  }

  #bumpCurve(record: OutcomeRecord, change: (t: Tally) => Tally): void {
    const curve = this.curve();
    const block = Math.floor(record.seq / CURVE_BLOCK);
    const bucket = curve[String(block)] ?? { on: { s: 0, f: 0 }, off: { s: 0, f: 0 } };
    if (record.learning) bucket.on = change(bucket.on);
    else bucket.off = change(bucket.off);
    curve[String(block)] = bucket;
    const kept = Object.keys(curve)
      .map(Number)
      .sort((a, b) => b - a)
      .slice(0, CURVE_POINTS);
    const pruned: CurveBuckets = {};
    for (const k of kept.sort((a, b) => a - b)) {
      const b = curve[String(k)];
      if (b) pruned[String(k)] = b;
    }
    this.#store.put(NS.outcomes, 'curve', pruned);
  }
}
