import { expect, test } from '@playwright/test';
import { api, login, shot } from '../support/helpers.ts';

interface KillSwitch {
  engaged: boolean;
  reason: string | null;
  engagedBy: string | null;
}

test.afterAll(async () => {
  // Leave the estate usable for the next specs even if this one failed half-way.
  const { body } = await api<KillSwitch>('GET', '/api/kill-switch');
  if (body.engaged)
    await api('POST', '/api/kill-switch', { body: { engaged: false, reason: 'e2e cleanup' } });
});

test('engage the kill switch with a reason, see it everywhere, then release it', async ({
  page,
}) => {
  await login(page);
  await page.getByRole('button', { name: /engage kill switch/i }).click();
  const dialog = page.getByRole('dialog', { name: 'Engage the kill switch?' });
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole('button', { name: 'Engage kill switch' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill('e2e drill: bad change in flight');
  await confirm.click();

  const banner = page.getByRole('region', { name: 'Kill switch engaged' });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('e2e drill: bad change in flight');
  await expect(banner).toContainText('by operator');

  const { body: state } = await api<KillSwitch>('GET', '/api/kill-switch');
  expect(state).toMatchObject({
    engaged: true,
    reason: 'e2e drill: bad change in flight',
    engagedBy: 'operator',
  });
  const refused = await api<{ error: { message: string } }>('POST', '/api/simulation/faults', {
    body: { scenario: 'memory_leak', service: 'payments' },
  });
  expect(refused.status).toBe(409);
  // Actions are refused too: an operator's runbook action is recorded as blocked, not run.
  const task = await api<{ id: string; status: string; result: { applied: boolean } | null }>(
    'POST',
    '/api/tasks',
    { body: { action: 'restart_service', service: 'payments', reason: 'e2e: try while engaged' } },
  );
  expect(task.status).toBe(201);
  expect(task.body).toMatchObject({ status: 'blocked', result: { applied: false } });
  const { body: tasks } = await api<{ items: { id: string; status: string }[] }>(
    'GET',
    '/api/tasks?status=blocked',
  );
  expect(tasks.items.map((t) => t.id)).toContain(task.body.id);
  await expect(banner).toContainText(/[1-9]\d* blocked/);
  await shot(page, 'kill-switch-engaged');

  for (const name of ['Incidents', 'Forecasts', 'Patches', 'Agents', 'Logs', 'Audit', 'Overview']) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(banner).toBeVisible();
  }
  const incidents = await api<{ items: { id: string }[] }>('GET', '/api/incidents?limit=1');
  const first = incidents.body.items[0];
  if (first) {
    await page.goto(`/incidents/${first.id}`);
    await expect(banner).toBeVisible();
  }

  await banner.getByRole('button', { name: 'Release…' }).click();
  const release = page.getByRole('dialog', { name: 'Release the kill switch?' });
  await release.getByLabel(/Reason/).fill('e2e drill over');
  await release.getByRole('button', { name: 'Release kill switch' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('button', { name: /engage kill switch/i })).toBeVisible();
  expect((await api<KillSwitch>('GET', '/api/kill-switch')).body.engaged).toBe(false);
});
