import { AgentConfigVersion, Forecast, PatchPlan, Task } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

describe('agents, tasks, patches and forecasts through the API', () => {
  it('versions agent config and rolls back to the exact earlier version', async () => {
    const h = await harness();
    const v1 = (await json(h.call('GET', '/api/agents/taskops'))).config;
    const changed = AgentConfigVersion.parse(
      await json(
        h.call('PATCH', '/api/agents/taskops/config', {
          body: {
            patch: { automationLevel: 'MANUAL', thresholds: { confidence: 0.9 } },
            reason: 'change freeze',
          },
        }),
      ),
    );
    expect(changed.version).toBe(2);
    expect(changed.config.automationLevel).toBe('MANUAL');
    const back = AgentConfigVersion.parse(
      await json(h.call('POST', '/api/agents/taskops/config/rollback', { body: { version: 1 } })),
    );
    expect(back.version).toBe(3);
    expect(back.config).toEqual(v1);
    const detail = await json(h.call('GET', '/api/agents/taskops'));
    expect(detail.configHistory.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    const bad = await h.call('PATCH', '/api/agents/taskops/config', {
      body: { patch: { automationLevel: 'YOLO' }, reason: 'x' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('automationLevel');
    expect((await h.call('GET', '/api/agents/nobody')).status).toBe(404);
    const list = await json(h.call('GET', '/api/agents'));
    expect(list.items.map((a: { id: string }) => a.id).sort()).toEqual([
      'alertops',
      'orchestrator',
      'patchops',
      'predictiveops',
      'taskops',
    ]);
  });

  it('inlines the latest config versions and pages the whole history, newest first', async () => {
    const h = await harness();
    const who = { actor: 'operator', requestId: null };
    for (let i = 0; i < 24; i++) {
      const level = i % 2 === 0 ? 'MANUAL' : 'SEMI_AUTO';
      await h.engine.updateAgentConfig('taskops', { automationLevel: level }, `step ${i}`, who);
    }
    const detail = await json(h.call('GET', '/api/agents/taskops'));
    expect(detail.configVersions).toBe(25);
    expect(detail.configHistory.map((v: { version: number }) => v.version)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 6),
    );
    const versions: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await json(
        h.call(
          'GET',
          `/api/agents/taskops/config/history?limit=10${cursor ? `&cursor=${cursor}` : ''}`,
        ),
      );
      versions.push(...res.items.map((v: unknown) => AgentConfigVersion.parse(v).version));
      cursor = res.nextCursor;
    } while (cursor);
    expect(versions).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
    expect((await h.call('GET', '/api/agents/nobody/config/history')).status).toBe(404);
  });

  it('dry-runs a runbook action without acting, and an idempotency key acts once', async () => {
    const h = await harness({ faultGeneration: false });
    const service = h.engine.topology.services.find((s) => s.tier === 'datastore')?.id;
    await h.engine.advance(2); // preconditions read the latest metrics
    const dry = Task.parse(
      await json(
        h.call('POST', '/api/tasks', {
          body: { action: 'backup_datastore', service, dryRun: true },
        }),
      ),
    );
    expect(dry.status).toBe('dry_run');
    expect(dry.preconditions.length).toBeGreaterThan(0);
    expect((await h.repo.getCounters()).actionsRun ?? 0).toBe(0);
    const body = { action: 'backup_datastore', service, idempotencyKey: 'nightly-1' };
    const first = Task.parse(await json(h.call('POST', '/api/tasks', { body })));
    const again = Task.parse(await json(h.call('POST', '/api/tasks', { body })));
    expect(first.status, first.result?.message).toBe('succeeded');
    expect(again.id).toBe(first.id);
    expect((await h.repo.getCounters()).actionsRun).toBe(1);
    const wrongTier = await h.call('POST', '/api/tasks', {
      body: { action: 'clear_cache', service },
    });
    expect((await json(wrongTier)).status).toBe('failed');
  });

  it('plans, approves and aborts patches, answering 409 for a finished plan', async () => {
    const h = await harness({ faultGeneration: false });
    const service = String(h.engine.topology.services[3]?.id);
    const plan = PatchPlan.parse(
      await json(h.call('POST', '/api/patches', { body: { service, version: '42.0.0' } })),
    );
    expect(plan.state).toBe('planned');
    expect(plan.risk.score).toBeGreaterThanOrEqual(0);
    const approved = PatchPlan.parse(await json(h.call('POST', `/api/patches/${plan.id}/approve`)));
    expect(approved.approvedBy).toBe('operator');
    const aborted = PatchPlan.parse(
      await json(
        h.call('POST', `/api/patches/${plan.id}/abort`, { body: { reason: 'not today' } }),
      ),
    );
    expect(aborted.state).toBe('rolled_back');
    expect((await h.call('POST', `/api/patches/${plan.id}/approve`)).status).toBe(409);
    expect(
      (await h.call('POST', '/api/patches', { body: { service, version: 'latest' } })).status,
    ).toBe(400);
    expect((await h.call('GET', '/api/patches/PLAN-999999')).status).toBe(404);
  });

  it('serves forecasts for series with enough history', async () => {
    const h = await harness({ faultGeneration: false });
    await h.engine.advance(6 * 60); // an hour: twelve 5-minute buckets
    const service = String(h.engine.topology.services[0]?.id);
    const body = await json(h.call('GET', `/api/forecasts?service=${service}&limit=10`));
    expect(body.items.length).toBeGreaterThan(0);
    const forecast = Forecast.parse(body.items[0]);
    expect(forecast.forecast).toHaveLength(288);
    expect(forecast.params.alpha).toBeGreaterThan(0);
    expect(Array.isArray(body.risks)).toBe(true);
  });
});
