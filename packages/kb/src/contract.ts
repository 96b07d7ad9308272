import { initialKillSwitch, type KillSwitchState, type LogLevel } from '@watchfloor/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  alert,
  audit,
  fault,
  incident,
  iso,
  log,
  newestFirst,
  shuffled,
  walkPages,
} from './contract-fixtures.ts';
import { InvalidCursorError } from './errors.ts';
import type { AlertQuery, AuditQuery, IncidentQuery, LogQuery, Repository } from './repository.ts';

type Filter<Q> = Omit<Q, 'limit' | 'cursor'>;

/**
 * The behaviour every Repository adapter promises, run against each of them.
 *
 * @example describeRepositoryContract('memory', async () => createMemoryRepository());
 */
export const describeRepositoryContract = (name: string, open: () => Promise<Repository>): void => {
  describe(`Repository contract: ${name}`, () => {
    let repo: Repository;
    beforeEach(async () => {
      repo = await open();
    });
    afterEach(async () => {
      await repo.close();
    });

    // 120 items whose id numbers run past 999999, so order must be numeric, not textual.
    const ids = Array.from({ length: 120 }, (_, i) => (i + 1) * 12_347);

    it('answers a ping when the store is up', async () => {
      await expect(repo.ping()).resolves.toBeUndefined();
    });

    it('reads an empty store as empty, with the initial kill switch', async () => {
      expect(await repo.getAlert('ALT-000001')).toBeNull();
      expect(await repo.getIncident('INC-000001')).toBeNull();
      expect(await repo.getFault('FLT-000001')).toBeNull();
      expect(await repo.getAlerts(['ALT-000001'])).toEqual([]);
      expect(await repo.listAlerts({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      expect(await repo.listLogs({ limit: 10, q: 'x' })).toEqual({ items: [], nextCursor: null });
      expect(await repo.listKnowledge('ns', { limit: 10 })).toEqual({
        items: [],
        nextCursor: null,
      });
      expect(await repo.getKillSwitch()).toEqual(initialKillSwitch);
      expect(await repo.getCounters()).toEqual({});
      expect(await repo.getKnowledge('ns', 'missing')).toBeUndefined();
      expect(await repo.lastId('alert')).toBeNull();
      expect(await repo.pruneLogs(10)).toBe(0);
    });

    it('returns every kind of value exactly as written, nulls and empty strings included', async () => {
      const a = alert(7, {
        labels: { alertname: 'DiskFull', service: 'orders', empty: '' },
        annotations: {},
        endsAt: iso(90),
        incidentId: 'INC-000003',
      });
      const i = incident(3, {
        narrative: '',
        suspectedRoot: null,
        timeline: [
          { at: iso(1), kind: 'opened', message: 'opened' },
          { at: iso(2), kind: 'note', message: '', actor: 'operator' },
        ],
      });
      const l = log(5, { service: 'orders', host: 'orders-1', message: '' });
      const e = audit(9, {
        before: { engaged: false, nested: [[1, 2], [], [null, 'x', { deep: true }]] },
        after: null,
        requestId: 'req-1',
      });
      const f = fault(4);
      const ks: KillSwitchState = {
        ...initialKillSwitch,
        engaged: true,
        reason: 'maintenance',
        engagedAt: iso(5),
        engagedBy: 'operator',
        haltedCount: 2,
      };
      const value = { weights: [0.25, -1.5, 0], label: '', none: null, list: [{ a: [] }] };
      await repo.write({
        alerts: [a],
        incidents: [i],
        logs: [l],
        audit: [e],
        faults: [f],
        killSwitch: ks,
        knowledge: [{ namespace: 'learning', key: 'alertops/threshold', value }],
      });

      expect(await repo.getAlert(a.id)).toEqual(a);
      expect(await repo.getIncident(i.id)).toEqual(i);
      expect(await repo.getFault(f.id)).toEqual(f);
      expect((await repo.listLogs({ limit: 5 })).items).toEqual([l]);
      expect((await repo.listAudit({ limit: 5 })).items).toEqual([e]);
      expect(await repo.getKillSwitch()).toEqual(ks);
      expect(await repo.getKnowledge('learning', 'alertops/threshold')).toEqual(value);
      expect(await repo.getKnowledge('other', 'alertops/threshold')).toBeUndefined();
    });

    it('replaces an item when the same id is written again', async () => {
      await repo.write({ alerts: [alert(1)], incidents: [incident(1)] });
      await repo.write({
        alerts: [alert(1, { status: 'resolved' })],
        incidents: [incident(1, { title: 'renamed' })],
      });
      expect(await repo.getAlert('ALT-000001')).toMatchObject({ status: 'resolved' });
      expect((await repo.listIncidents({ limit: 10 })).items.map((x) => x.title)).toEqual([
        'renamed',
      ]);
    });

    it('keeps the last of several items with the same id in one batch', async () => {
      await repo.write({
        alerts: [alert(1, { fingerprint: 'a' }), alert(2), alert(1, { fingerprint: 'b' })],
        logs: [log(1, { message: 'first' }), log(1, { message: 'second' })],
      });
      expect((await repo.getAlert('ALT-000001'))?.fingerprint).toBe('b');
      expect((await repo.listLogs({ limit: 10 })).items.map((x) => x.message)).toEqual(['second']);
    });

    it('treats an empty batch as nothing to do', async () => {
      await repo.write({});
      await repo.write({ alerts: [], logs: [], counters: {}, knowledge: [] });
      expect(await repo.listAlerts({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      expect(await repo.getCounters()).toEqual({});
    });

    it('refuses a batch with an id that has no number and writes none of it', async () => {
      await expect(
        repo.write({ alerts: [alert(1), { ...alert(2), id: 'nope' }] }),
      ).rejects.toThrow();
      expect(await repo.getAlert('ALT-000001')).toBeNull();
    });

    it('lists newest first by id number, also past six digits', async () => {
      await repo.write({ alerts: [alert(999_999), alert(5), alert(1_000_000), alert(42)] });
      const page = await repo.listAlerts({ limit: 10 });
      expect(page.items.map((a) => a.id)).toEqual([
        'ALT-1000000',
        'ALT-999999',
        'ALT-000042',
        'ALT-000005',
      ]);
      expect(page.nextCursor).toBeNull();
      expect(await repo.lastId('alert')).toBe('ALT-1000000');
    });

    it('gives a cursor only when more items follow', async () => {
      await repo.write({ faults: [fault(1), fault(2), fault(3)] });
      const first = await repo.listFaults({ limit: 2 });
      expect(first.items.map((f) => f.id)).toEqual(['FLT-000003', 'FLT-000002']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = await repo.listFaults({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second).toEqual({ items: [fault(1)], nextCursor: null });
      expect((await repo.listFaults({ limit: 3 })).nextCursor).toBeNull();
    });

    it('walks alert pages filtered by status, service and incident, each match once', async () => {
      const services = ['checkout', 'payments', 'search'];
      const all = ids.map((n, i) =>
        alert(n, {
          status: i % 2 === 0 ? 'firing' : 'resolved',
          labels: { alertname: 'X', service: services[i % 3] ?? '' },
          incidentId: i % 4 === 0 ? `INC-00000${i % 5}` : null,
        }),
      );
      await repo.write({ alerts: shuffled(all) });
      const cases: Filter<AlertQuery>[] = [
        {},
        { status: 'resolved' },
        { service: 'payments' },
        { incidentId: 'INC-000000' },
        { status: 'firing', service: 'search' },
        { service: 'nowhere' },
      ];
      for (const filter of cases) {
        const walked = await walkPages(7, (cursor) =>
          repo.listAlerts({ limit: 7, cursor, ...filter }),
        );
        const expected = all.filter(
          (a) =>
            (!filter.status || a.status === filter.status) &&
            (!filter.service || a.labels.service === filter.service) &&
            (!filter.incidentId || a.incidentId === filter.incidentId),
        );
        expect(
          walked.items.map((a) => a.id),
          JSON.stringify(filter),
        ).toEqual(newestFirst(expected));
        expect(walked.fullPages).toBe(true);
      }
    });

    it('walks incident pages filtered by status, severity, service and text, each match once', async () => {
      const statuses = ['open', 'acknowledged', 'mitigating', 'resolved', 'escalated'] as const;
      const severities = ['critical', 'high', 'medium', 'low'] as const;
      const all = ids.map((n, i) =>
        incident(n, {
          status: statuses[i % 5],
          severity: severities[i % 4],
          services: i % 3 === 0 ? ['checkout', 'payments'] : ['search'],
          title: i % 2 === 0 ? 'Latency on Checkout' : 'Errors on search',
          narrative: i % 6 === 0 ? 'Root cause: DB pool exhausted' : null,
        }),
      );
      await repo.write({ incidents: shuffled(all) });
      const cases: Filter<IncidentQuery>[] = [
        { status: ['open', 'resolved'] },
        { severity: ['critical'] },
        { service: 'payments' },
        { q: 'CHECKOUT' },
        { q: 'db POOL' },
        { q: 'inc-01' },
        {
          status: ['open'],
          q: 'pool',
          severity: ['critical', 'medium'],
        },
        { status: [] },
      ];
      for (const filter of cases) {
        const walked = await walkPages(7, (cursor) =>
          repo.listIncidents({ limit: 7, cursor, ...filter }),
        );
        const text = (x: (typeof all)[number]) =>
          [x.id, x.title, ...x.services, x.narrative ?? ''].join(' ').toLowerCase();
        const expected = all.filter(
          (x) =>
            (!filter.status?.length || filter.status.includes(x.status)) &&
            (!filter.severity || filter.severity.includes(x.severity)) &&
            (!filter.service || x.services.includes(filter.service)) &&
            (!filter.q || text(x).includes(filter.q.toLowerCase())),
        );
        expect(
          walked.items.map((x) => x.id),
          JSON.stringify(filter),
        ).toEqual(newestFirst(expected));
        expect(walked.fullPages).toBe(true);
      }
    });

    it('walks log pages filtered by time, level, source and text, each match once', async () => {
      const levels: LogLevel[] = ['debug', 'info', 'warn', 'error'];
      const all = ids.map((n, i) =>
        log(n, {
          // times out of id order, so `since` cannot lean on the key order
          at: iso((i * 37) % 120),
          level: levels[i % 4],
          source: i % 3 === 0 ? 'engine' : 'checkout',
          message: i % 5 === 0 ? 'Connection RESET by peer' : `tick ${i}`,
        }),
      );
      await repo.write({ logs: shuffled(all) });
      const cases: Filter<LogQuery>[] = [
        { since: iso(60) },
        { levels: ['warn', 'error'] },
        { source: 'engine' },
        { q: 'reset BY' },
        { since: iso(30), levels: ['error'], source: 'checkout' },
      ];
      for (const filter of cases) {
        const walked = await walkPages(7, (cursor) =>
          repo.listLogs({ limit: 7, cursor, ...filter }),
        );
        const expected = all.filter(
          (x) =>
            (!filter.since || x.at >= filter.since) &&
            (!filter.levels || filter.levels.includes(x.level)) &&
            (!filter.source || x.source === filter.source) &&
            (!filter.q || x.message.toLowerCase().includes(filter.q.toLowerCase())),
        );
        expect(
          walked.items.map((x) => x.id),
          JSON.stringify(filter),
        ).toEqual(newestFirst(expected));
        expect(walked.fullPages).toBe(true);
      }
    });

    it('walks audit pages filtered by actor, action, target and time, each match once', async () => {
      const actors = ['operator', 'engine', 'alertops'];
      const all = ids.map((n, i) =>
        audit(n, {
          at: iso((i * 53) % 120),
          actor: actors[i % 3] ?? '',
          action: i % 2 === 0 ? 'incident.ack' : 'kill-switch.engage',
          target: `INC-00000${i % 4}`,
        }),
      );
      await repo.write({ audit: shuffled(all) });
      const cases: Filter<AuditQuery>[] = [
        { actor: 'engine' },
        { action: 'kill-switch.engage' },
        { target: 'INC-000002' },
        { since: iso(100) },
        { actor: 'operator', action: 'incident.ack', since: iso(20) },
      ];
      for (const filter of cases) {
        const walked = await walkPages(7, (cursor) =>
          repo.listAudit({ limit: 7, cursor, ...filter }),
        );
        const expected = all.filter(
          (x) =>
            (!filter.actor || x.actor === filter.actor) &&
            (!filter.action || x.action === filter.action) &&
            (!filter.target || x.target === filter.target) &&
            (!filter.since || x.at >= filter.since),
        );
        expect(
          walked.items.map((x) => x.id),
          JSON.stringify(filter),
        ).toEqual(newestFirst(expected));
        expect(walked.fullPages).toBe(true);
      }
    });

    it('fills a filtered page even when matches are rare', async () => {
      const all = Array.from({ length: 300 }, (_, i) =>
        alert(i + 1, { status: i % 50 === 0 ? 'resolved' : 'firing' }),
      );
      await repo.write({ alerts: all });
      const page = await repo.listAlerts({ limit: 5, status: 'resolved' });
      expect(page.items.map((a) => a.id)).toEqual([
        'ALT-000251',
        'ALT-000201',
        'ALT-000151',
        'ALT-000101',
        'ALT-000051',
      ]);
      const rest = await repo.listAlerts({
        limit: 5,
        status: 'resolved',
        cursor: page.nextCursor ?? undefined,
      });
      expect(rest).toEqual({ items: [all[0]], nextCursor: null });
    });

    it('refuses a cursor it did not hand out with InvalidCursorError', async () => {
      await repo.write({ alerts: [alert(1), alert(2)] });
      const forged = Buffer.from('12', 'utf8').toString('base64url');
      for (const cursor of ['not a cursor!', forged, '', 'MDAwMDAwMDAwMDAwMDAx=']) {
        const err = await repo.listAlerts({ limit: 1, cursor }).catch((e: unknown) => e);
        expect(err, cursor).toBeInstanceOf(InvalidCursorError);
        expect(err).toMatchObject({ name: 'InvalidCursorError' });
      }
      await expect(repo.listKnowledge('ns', { limit: 1, cursor: '!!' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    it('refuses a limit outside 1 to 500', async () => {
      for (const limit of [0, 501, 1.5, Number.NaN]) {
        await expect(repo.listAlerts({ limit })).rejects.toThrow(RangeError);
      }
      await expect(repo.listAlerts({ limit: 500 })).resolves.toEqual({
        items: [],
        nextCursor: null,
      });
    });

    it('gets alerts by id in the order asked, skipping ids it does not have', async () => {
      const all = Array.from({ length: 150 }, (_, i) => alert(i + 1));
      await repo.write({ alerts: all });
      const asked = ['ALT-000150', 'ALT-999998', 'ALT-000003', 'garbage', 'ALT-000077'];
      expect((await repo.getAlerts(asked)).map((a) => a.id)).toEqual([
        'ALT-000150',
        'ALT-000003',
        'ALT-000077',
      ]);
      const many = all.map((a) => a.id).reverse();
      expect((await repo.getAlerts(many)).map((a) => a.id)).toEqual(many);
    });

    it('prunes the oldest logs down to the number to keep', async () => {
      await repo.write({ logs: shuffled(Array.from({ length: 60 }, (_, i) => log(i + 1))) });
      await repo.write({ logs: [log(60, { message: 'rewritten' }), log(10)] });
      expect(await repo.pruneLogs(100)).toBe(0);
      expect(await repo.pruneLogs(45)).toBe(15);
      expect(await repo.pruneLogs(45)).toBe(0);
      const left = await walkPages(500, (cursor) => repo.listLogs({ limit: 500, cursor }));
      expect(left.items.map((l) => l.id)).toEqual(
        newestFirst(Array.from({ length: 45 }, (_, i) => log(i + 16))),
      );
      await repo.write({ logs: [log(61), log(62)] });
      expect(await repo.pruneLogs(0)).toBe(47);
      expect(await repo.listLogs({ limit: 10 })).toEqual({ items: [], nextCursor: null });
      await expect(repo.pruneLogs(-1)).rejects.toThrow(RangeError);
    });

    it('adds counters atomically, concurrent writers included', async () => {
      await repo.write({ counters: { alertsReceived: 3, actionsRun: 1 } });
      await Promise.all(
        Array.from({ length: 20 }, () =>
          repo.write({ counters: { alertsReceived: 1, blocked: 2 } }),
        ),
      );
      await repo.write({ counters: { actionsRun: -1 } });
      expect(await repo.getCounters()).toEqual({ alertsReceived: 23, actionsRun: 0, blocked: 40 });
    });

    it('keeps knowledge per namespace, listed by key with a cursor', async () => {
      const keys = ['b', 'a', 'é', 'c/1', 'c/10', 'c/2', '😀'];
      await repo.write({
        knowledge: [
          ...keys.map((key, i) => ({ namespace: 'alertops', key, value: { i } })),
          { namespace: 'taskops', key: 'a', value: 'other' },
        ],
      });
      await repo.write({ knowledge: [{ namespace: 'alertops', key: 'b', value: [1, 'two'] }] });
      expect(await repo.getKnowledge('alertops', 'b')).toEqual([1, 'two']);
      expect(await repo.getKnowledge('taskops', 'a')).toBe('other');
      const walked = await walkPages(3, (cursor) =>
        repo.listKnowledge('alertops', { limit: 3, cursor }),
      );
      expect(walked.items.map((k) => k.key)).toEqual(['a', 'b', 'c/1', 'c/10', 'c/2', 'é', '😀']);
      expect(walked.items[0]).toEqual({ namespace: 'alertops', key: 'a', value: { i: 1 } });
    });

    it('reports the highest id written for each kind', async () => {
      await repo.write({
        alerts: [alert(9), alert(10)],
        incidents: [incident(4)],
        logs: [log(1_234_567), log(99)],
        audit: [audit(2)],
        faults: [fault(8)],
      });
      expect(await repo.lastId('alert')).toBe('ALT-000010');
      expect(await repo.lastId('incident')).toBe('INC-000004');
      expect(await repo.lastId('log')).toBe('LOG-1234567');
      expect(await repo.lastId('audit')).toBe('AUD-000002');
      expect(await repo.lastId('fault')).toBe('FLT-000008');
    });

    describe('retention on a virtual clock (default policy: 7 days closed, 30 days audit)', () => {
      const DAY = 86_400;
      let now = 0;
      const at = (seconds: number) => Date.parse(iso(seconds));
      const task = (n: number, status: string, finishedAt: string | null) => ({
        namespace: 'tasks',
        key: `t-${n}`,
        value: { id: `ACT-${n}`, status, requestedAt: iso(0), finishedAt },
      });

      beforeEach(async () => {
        now = at(0);
        repo.setClock(() => now);
        await repo.write({
          alerts: [
            alert(1, { status: 'resolved', endsAt: iso(60) }),
            alert(2, { status: 'firing' }),
            alert(3, { status: 'resolved', endsAt: iso(2 * DAY) }),
          ],
          incidents: [
            incident(1, { status: 'resolved', resolvedAt: iso(60) }),
            incident(2, { status: 'open' }),
          ],
          faults: [fault(1, { endedAt: iso(60) }), fault(2)],
          audit: [audit(1, { at: iso(0) }), audit(2, { at: iso(20 * DAY) })],
          logs: [log(1, { at: iso(0) }), log(2, { at: iso(7 * DAY) })],
          knowledge: [
            task(1, 'succeeded', iso(60)),
            task(2, 'running', null),
            { namespace: 'policy', key: 'learned', value: { s: 1 } },
          ],
        });
      });

      const ids = async () => ({
        alerts: (await repo.listAlerts({ limit: 50 })).items.map((x) => x.id),
        incidents: (await repo.listIncidents({ limit: 50 })).items.map((x) => x.id),
        faults: (await repo.listFaults({ limit: 50 })).items.map((x) => x.id),
        audit: (await repo.listAudit({ limit: 50 })).items.map((x) => x.id),
        logs: (await repo.listLogs({ limit: 50 })).items.map((x) => x.id),
        tasks: (await repo.listKnowledge('tasks', { limit: 50 })).items.map((x) => x.key),
      });

      it('keeps everything inside the windows and open things forever', async () => {
        now = at(7 * DAY - 1);
        expect(await ids()).toEqual({
          alerts: ['ALT-000003', 'ALT-000002', 'ALT-000001'],
          incidents: ['INC-000002', 'INC-000001'],
          faults: ['FLT-000002', 'FLT-000001'],
          audit: ['AUD-000002', 'AUD-000001'],
          logs: ['LOG-000002', 'LOG-000001'],
          tasks: ['t-1', 't-2'],
        });
        expect(await repo.sweepExpired()).toBe(0);
      });

      it('hides what expired from every read before any sweep, then sweeps it', async () => {
        now = at(7 * DAY + 61);
        const expected = {
          alerts: ['ALT-000003', 'ALT-000002'],
          incidents: ['INC-000002'],
          faults: ['FLT-000002'],
          audit: ['AUD-000002', 'AUD-000001'],
          logs: ['LOG-000002'],
          tasks: ['t-2'],
        };
        expect(await ids()).toEqual(expected);
        expect(await repo.getIncident('INC-000001')).toBeNull();
        expect(await repo.getAlert('ALT-000001')).toBeNull();
        expect(await repo.getAlerts(['ALT-000001', 'ALT-000002'])).toHaveLength(1);
        expect(await repo.getFault('FLT-000001')).toBeNull();
        expect(await repo.getKnowledge('tasks', 't-1')).toBeUndefined();
        expect(await repo.listAlerts({ limit: 50, status: 'resolved' })).toMatchObject({
          items: [{ id: 'ALT-000003' }],
        });
        expect(await repo.listIncidents({ limit: 50, service: 'checkout' })).toMatchObject({
          items: [{ id: 'INC-000002' }],
        });
        // Alert 1, incident 1 (and on DynamoDB its service link), fault 1, task 1.
        expect(await repo.sweepExpired()).toBeGreaterThanOrEqual(4);
        expect(await repo.sweepExpired()).toBe(0);
        expect(await ids()).toEqual(expected);
        expect(await repo.getKnowledge('policy', 'learned')).toEqual({ s: 1 });

        now = at(60 * DAY);
        expect(await ids()).toEqual({
          alerts: ['ALT-000002'],
          incidents: ['INC-000002'],
          faults: ['FLT-000002'],
          audit: [],
          logs: [],
          tasks: ['t-2'],
        });
        await repo.sweepExpired();
        expect(await repo.listAudit({ limit: 50, target: 'INC-000001' })).toEqual({
          items: [],
          nextCursor: null,
        });
      });

      it('keeps the newest item of each kind so ids continue after everything expired', async () => {
        await repo.write({ alerts: [alert(2, { status: 'resolved', endsAt: iso(60) })] });
        now = at(60 * DAY);
        await repo.sweepExpired();
        expect(await repo.lastId('alert')).toBe('ALT-000003');
        expect(await repo.lastId('incident')).toBe('INC-000002');
        expect(await repo.lastId('audit')).toBe('AUD-000002');
        expect(await repo.lastId('fault')).toBe('FLT-000002');
        expect((await repo.listAlerts({ limit: 50 })).items).toEqual([]);
      });

      it('forgets an expiry when the item reopens, and sweeps only up to the limit', async () => {
        await repo.write({ incidents: [incident(1, { status: 'open', resolvedAt: null })] });
        now = at(8 * DAY);
        expect((await repo.listIncidents({ limit: 50, status: ['open'] })).items).toHaveLength(2);
        expect(await repo.sweepExpired(1)).toBe(1);
        expect(await repo.getIncident('INC-000001')).toMatchObject({ status: 'open' });
      });
    });

    it('does not let callers change stored state through objects they hold', async () => {
      const a = alert(1);
      await repo.write({ alerts: [a] });
      a.labels.service = 'mutated';
      const read = await repo.getAlert('ALT-000001');
      if (read) read.status = 'resolved';
      expect(await repo.getAlert('ALT-000001')).toEqual(alert(1));
      const ks = await repo.getKillSwitch();
      ks.engaged = true;
      expect(await repo.getKillSwitch()).toEqual(initialKillSwitch);
    });
  });
};
