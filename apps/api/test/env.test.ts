import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap.ts';
import { readEnv } from '../src/env.ts';

describe('WATCHFLOOR_SERVICES', () => {
  it('defaults to the 36-service estate', () => {
    expect(readEnv({}).WATCHFLOOR_SERVICES).toBe(36);
  });

  it('stops the server with a message naming the variable and the range', () => {
    for (const bad of ['abc', '11', '12.5', '20001', '-5']) {
      expect(() => readEnv({ WATCHFLOOR_SERVICES: bad }), bad).toThrow(
        /WATCHFLOOR_SERVICES: must be a whole number of services from 12 to 20000/,
      );
    }
  });

  it('sizes the estate the engine simulates', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'watchfloor-env-'));
    try {
      const env = readEnv({
        WATCHFLOOR_STORE: 'memory',
        WATCHFLOOR_DATA_DIR: dir,
        WATCHFLOOR_SERVICES: '500',
        WATCHFLOOR_LOG_LEVEL: 'silent',
        WATCHFLOOR_OPERATOR_TOKEN: 'env-test-operator-token-01',
      });
      const booted = await bootstrap(env, { open: openRepository });
      expect(booted.engine.topology.services).toHaveLength(500);
      const res = await booted.app.request('/api/topology?tiles=0');
      expect(((await res.json()) as { totals: { services: number } }).totals.services).toBe(500);
      await booted.stopWebhooks();
      await booted.engine.close();
      await booted.repo.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
