import { expect, test } from '@playwright/test';
import { api, login, shot } from '../support/helpers.ts';

test('start and stop the simulation; incidents appear; an incident shows timeline and alerts', async ({
  page,
}) => {
  await login(page, '/incidents');
  const state = page.getByTestId('sim-state');
  await expect(state).toHaveText(/Stopped/);

  await page.getByRole('button', { name: 'Start' }).click();
  await expect(state).toHaveText(/Running at ×60/);
  const rows = page.getByRole('table', { name: 'Incidents' }).locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 45_000 });

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(state).toHaveText(/Stopped/);
  expect((await api<{ running: boolean }>('GET', '/api/simulation')).body.running).toBe(false);
  await shot(page, 'incidents');

  await rows.first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/incidents\/INC-\d+$/);
  await expect(page.getByRole('list', { name: 'Timeline' }).locator('li').first()).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Alerts' }).locator('tbody tr').first(),
  ).toContainText('alertname=');
  await expect(page.getByRole('heading', { name: 'Suspected root' })).toBeVisible();

  // Acknowledge; a second acknowledge is a conflict and the server's message is shown.
  const status = page.locator('.facts .badge').first();
  if ((await status.textContent()) === 'open') {
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(status).toHaveText('acknowledged');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(page.getByRole('alert')).toContainText(/is acknowledged/);
  }
  await shot(page, 'incident-detail');
});
