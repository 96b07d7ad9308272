import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Alert,
  FIRST_ALERT_IDS,
  IncidentDetail,
  IncidentSummary,
  MAX_ALERT_IDS,
  page,
} from '@watchfloor/domain';
import {
  ItemTooLargeError,
  MAX_ITEM_BYTES,
  openRepository,
  type Repository,
  storedSizes,
} from '@watchfloor/kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, harness, json } from './harness.ts';

const STORM = 30_000;
const PER_POST = 1_000; // the most one POST /api/alerts takes

describe('an alert storm of 30,000 alerts in one incident, on the embedded store', () => {
  let dataDir: string;
  let repo: Repository;
  let h: Harness;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-storm-'));
    repo = await openRepository({ store: 'embedded', dataDir });
    // Virtual time stands still: every alert lands within the correlation window.
    h = await harness({ repo, faultGeneration: false });
  });

  afterAll(async () => {
    await h.engine.close();
    await repo.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores every alert, keeps the incident record under 400 KB and counts them all', async () => {
    for (let from = 0; from < STORM; from += PER_POST) {
      const body = Array.from({ length: PER_POST }, (_, i) => ({
        labels: {
          alertname: 'HighErrorRate',
          service: 'orders-db',
          severity: 'critical',
          instance: `orders-db-${from + i}`,
        },
        status: 'firing',
      }));
      const res = await h.call('POST', '/api/alerts', { body });
      expect(res.status).toBe(201);
    }
    expect(h.engine.state().storeAvailable).toBe(true);

    const list = IncidentSummary.array().parse((await json(h.call('GET', '/api/incidents'))).items);
    expect(list).toHaveLength(1);
    const [summary] = list;
    expect(summary?.alertCount).toBe(STORM);
    const id = summary?.id ?? '';

    // The record as stored, read back from dynalite, and its size as DynamoDB counts it.
    const stored = await repo.getIncident(id);
    expect(stored?.alertCount).toBe(STORM);
    expect(stored?.alertIds).toHaveLength(MAX_ALERT_IDS);
    if (!stored) throw new Error(`${id} not stored`);
    const bytes = storedSizes({ incidents: [stored] }).get(`INCIDENT ${id}`) ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAX_ITEM_BYTES / 20);
    // As before, with every alert id in the record: 11 bytes more an alert, so already over
    // 300 KB here and refused (named) from about 37,000 alerts on.
    const allIds = (n: number) =>
      Array.from({ length: n }, (_, i) => `ALT-${String(i + 1).padStart(6, '0')}`);
    const before = (n: number) => storedSizes({ incidents: [{ ...stored, alertIds: allIds(n) }] });
    expect(before(STORM).get(`INCIDENT ${id}`)).toBeGreaterThan(300_000);
    expect(() => before(40_000)).toThrow(ItemTooLargeError);
    expect(() => before(40_000)).toThrow(`INCIDENT ${id} would take`);

    // Detail: the latest 100 alerts in full; the true total.
    const detail = IncidentDetail.parse(await json(h.call('GET', `/api/incidents/${id}`)));
    expect(detail.alertCount).toBe(STORM);
    expect(detail.alerts).toHaveLength(100);
    expect(detail.alerts.at(-1)?.labels.instance).toBe(`orders-db-${STORM - 1}`);
    expect(detail.alertIds.slice(0, FIRST_ALERT_IDS)).toEqual(allIds(FIRST_ALERT_IDS));
    expect(detail.narrative).toContain(`${STORM} alerts across 1 service`);

    // CSV export counts them all too.
    const csv = await (await h.call('GET', '/api/incidents?format=csv')).text();
    expect(csv.split('\n')[1]).toContain(`,${STORM},`);

    // Every alert pages out of the store through the incident's alert list, each once.
    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const query = `incidentId=${id}&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
      const res = page(Alert).parse(await json(h.call('GET', `/api/alerts?${query}`)));
      for (const alert of res.items) {
        expect(alert.incidentId).toBe(id);
        seen.add(alert.id);
      }
      cursor = res.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(STORM);
  });
});
