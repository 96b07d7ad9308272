import { expect, test } from '@playwright/test';
import { api, type Listed, shot } from '../support/helpers.ts';
import { type RunningServer, startServer, TOKEN } from '../support/server.ts';

interface ServiceRow {
  id: string;
  tier: string;
  region: string;
}

/** No API answer the dashboard fetches may grow with the estate (the whole estate is ~3 MB). */
const MAX_ANSWER_BYTES = 64 * 1024;

// Its own 5,000-service server; the suite's server keeps the default estate.
let server: RunningServer | undefined;
test.beforeAll(async () => {
  server = await startServer({ port: 0, services: 5000 });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a 5,000-service estate: the overview stays small and every service is a search away', async ({
  page,
}) => {
  if (!server) throw new Error('the scale server started');
  const base = server.url;
  const answers: { url: string; bytes: number }[] = [];
  page.on('response', async (res) => {
    if (!res.url().includes('/api/') || res.request().method() !== 'GET') return;
    const body = await res.body().catch(() => null);
    if (body) answers.push({ url: res.url(), bytes: body.length });
  });

  // Three critical domain services deep in the estate: the map draws the worst first.
  const { body: domain } = await api<Listed<ServiceRow>>(
    'GET',
    '/api/topology/services?tier=domain&limit=500',
    { base },
  );
  const hot = domain.items.slice(400, 403);
  expect(hot).toHaveLength(3);
  for (const s of hot) {
    const res = await api('POST', '/api/alerts', {
      base,
      body: { labels: { alertname: 'ScaleProbe', service: s.id, severity: 'critical' } },
    });
    expect(res.status).toBe(201);
  }

  await page.goto(`${base}/?token=${TOKEN}`);
  await expect(page.getByTestId('session-state')).toHaveText('Operator');
  const map = page.locator('.health-map');
  await expect(map).toContainText('all 5,000 services');
  for (const s of hot) {
    await expect(page.getByTestId(`service-${s.id}`)).toHaveClass(/health-critical/);
  }
  await shot(page, 'overview-5000');

  // A cell's "+N more" opens the services view filtered to that tier and region.
  const first = hot[0];
  if (!first) throw new Error('three hot services');
  await page.getByTestId(`cell-domain-${first.region}`).click();
  await expect(page).toHaveURL(/\/services\?tier=domain&region=/);
  const rows = page.getByRole('table', { name: 'Services' }).locator('tbody tr');
  await expect(rows).toHaveCount(50);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(100);
  await expect(page.getByTestId('services-count')).toContainText('of 5,000 services match');

  // Critical only: exactly the three, found among 5,000.
  await page.getByRole('group', { name: 'Health' }).getByLabel('critical').check();
  await page.getByRole('group', { name: 'Tier' }).getByLabel('domain').uncheck();
  await page.getByLabel('Region').selectOption('');
  await expect(rows).toHaveCount(3);
  await shot(page, 'services-5000');

  // The fault form finds a service by typing; its suggestions are a handful, not 5,000.
  const form = page.getByRole('form', { name: 'Inject a fault' });
  await form.getByLabel('Service').fill(first.id.slice(0, 6));
  const options = form.locator('datalist option');
  await expect.poll(() => options.count()).toBeGreaterThan(0);
  expect(await options.count()).toBeLessThanOrEqual(20);

  const biggest = [...answers].sort((a, b) => b.bytes - a.bytes).slice(0, 3);
  expect(answers.length).toBeGreaterThan(5);
  for (const a of biggest) expect(a.bytes, a.url).toBeLessThan(MAX_ANSWER_BYTES);
});
