import { expect, test } from '@playwright/test';
import { api, type Listed, login, setRunning, shot } from '../support/helpers.ts';

interface ServiceRow {
  id: string;
}

/** The first service of a tier (the estate is paged: never fetched whole). */
async function firstOf(tier: string): Promise<ServiceRow> {
  const { body } = await api<Listed<ServiceRow>>(
    'GET',
    `/api/topology/services?tier=${tier}&limit=1`,
  );
  const service = body.items[0];
  if (!service) throw new Error(`the seeded estate has a ${tier} service`);
  return service;
}

test.beforeAll(async () => {
  await setRunning(true);
});
test.afterAll(async () => {
  await setRunning(false);
});

test('a fault injected from the UI brings incidents for that service', async ({ page }) => {
  const datastore = await firstOf('datastore');
  const edge = await firstOf('edge');
  const before = await api<Listed<{ id: string }>>(
    'GET',
    `/api/incidents?service=${datastore.id}&limit=500`,
  );
  const known = new Set(before.body.items.map((i) => i.id));

  await login(page);
  const form = page.getByRole('form', { name: 'Inject a fault' });

  // A scenario that does not fit the service: the API's 400 message is shown.
  await form.getByLabel('Scenario').selectOption('db_saturation');
  await form.getByLabel('Service').fill(edge.id);
  await form.getByRole('button', { name: 'Inject fault' }).click();
  await expect(form.getByRole('alert')).toContainText(/does not apply/);

  await form.getByLabel('Service').fill(datastore.id);
  await form.getByRole('button', { name: 'Inject fault' }).click();
  await expect(form.getByText(`on ${datastore.id}`)).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Alerts and incidents per virtual minute/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await shot(page, 'overview');

  // The health map links to the service's incidents.
  await page.getByTestId(`service-${datastore.id}`).click();
  await expect(page).toHaveURL(new RegExp(`/incidents\\?service=${datastore.id}$`));
  const firstId = page.getByRole('table', { name: 'Incidents' }).locator('tbody tr td:first-child');
  await expect
    .poll(async () => (await firstId.allTextContents()).some((id) => !known.has(id.trim())), {
      timeout: 60_000,
    })
    .toBe(true);
  await expect(page.getByRole('table', { name: 'Incidents' })).toContainText(datastore.id);
  await shot(page, 'incidents-for-service');
});
