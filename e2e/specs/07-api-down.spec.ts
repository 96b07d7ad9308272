import { expect, test } from '@playwright/test';
import { shot } from '../support/helpers.ts';
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
