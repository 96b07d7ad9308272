import { expect, test } from '@playwright/test';
import { login, shot } from '../support/helpers.ts';
import { type RunningServer, startServer, TOKEN } from '../support/server.ts';

// Its own server, so stopping it leaves the suite's server alone.
let server: RunningServer | undefined;
test.afterAll(async () => {
  await server?.stop();
});

test('a banner says so when the API stops answering', async ({ page }) => {
  server = await startServer({ port: 0 });
  await page.goto(`${server.url}/?token=${TOKEN}`);
  await expect(page.getByTestId('session-state')).toHaveText('Operator');
  const banner = page.getByRole('region', { name: 'Connection problem' });
  await expect(banner).toBeHidden();

  await server.stop({ crash: true });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(banner).toContainText('The Watchfloor API is unreachable');
  await shot(page, 'api-down');
});

test('a page whose code cannot be fetched leaves the shell and banners usable', async ({
  page,
}) => {
  // As when the server dies between the shell loading and a lazy page loading.
  await page.route(/\/assets\/AgentsPage-[^/]+\.js$/, (route) => route.abort());
  await login(page, '/agents');
  const failed = page.getByRole('alert', { name: 'Page failed to load' });
  await expect(failed).toContainText('This page could not be shown');
  await expect(page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Pages' })
    .getByRole('link', { name: 'Audit' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  await expect(failed).toBeHidden();
});
