import { expect, test } from '@playwright/test';
import { api, type Listed, login, setRunning, shot } from '../support/helpers.ts';

interface ForecastRow {
  service: string;
  metric: string;
}

test.afterAll(async () => {
  await setRunning(false);
  await api('PATCH', '/api/simulation', { body: { speed: 60 } });
});

test('forecasts chart actuals, fit and prediction band once the simulation has run', async ({
  page,
}) => {
  await login(page, '/forecasts');
  await expect(page.getByRole('heading', { level: 1, name: 'Forecasts' })).toBeVisible();

  // Four five-minute buckets (~20 virtual minutes) make a series: seconds at ×600.
  await api('PATCH', '/api/simulation', { body: { speed: 600 } });
  await setRunning(true);
  await expect
    .poll(
      async () =>
        (await api<Listed<ForecastRow>>('GET', '/api/forecasts?limit=6')).body.items.length,
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);

  const card = page.getByTestId('forecast-card').first();
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('img', { name: /actuals and a \d+-step forecast/ })).toBeVisible();
  await expect(card.locator('.recharts-line-curve').first()).toBeVisible();
  const params = card.getByRole('definition');
  await expect(card.getByText('α (level)')).toBeVisible();
  await expect(card.getByText('β (trend)')).toBeVisible();
  await expect(params.first()).toHaveText(/\d/);
  await expect(page.getByRole('heading', { name: /Predicted risks \(\d+\)/ })).toBeVisible();

  // Narrow to one service and metric: the address keeps the choice, the chart follows it.
  const { body } = await api<Listed<ForecastRow>>('GET', '/api/forecasts?limit=1');
  const first = body.items[0];
  if (!first) throw new Error('a forecast was listed a moment ago');
  const choose = page.getByRole('search', { name: 'Choose forecasts' });
  // A typed service (suggested as you type) applies once typing pauses.
  await choose.getByLabel('Service').fill(first.service);
  await expect(page).toHaveURL(new RegExp(`service=${first.service}`));
  await choose.getByLabel('Metric').selectOption(first.metric);
  await expect(page).toHaveURL(new RegExp(`service=${first.service}&metric=${first.metric}`));
  await expect(page.getByTestId('forecast-card')).toHaveCount(1);
  await expect(page.getByTestId('forecast-card')).toContainText(first.service);

  await setRunning(false);
  await choose.getByLabel('Metric').selectOption('');
  await expect(page.getByTestId('forecast-card').first()).toBeVisible();
  await shot(page, 'forecasts');
});
