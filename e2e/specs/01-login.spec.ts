import { expect, test } from '@playwright/test';
import { shot } from '../support/helpers.ts';
import { TOKEN } from '../support/server.ts';

test('without a token the dashboard is read-only', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: /engage kill switch/i })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Inject fault' })).toBeDisabled();
  await expect(
    page.getByText('Sign in with the operator token to run the simulation or inject faults.'),
  ).toBeVisible();
  await shot(page, 'read-only');
});

test('the login URL signs in, leaves the address bar and enables controls', async ({ page }) => {
  await page.goto(`/?token=${TOKEN}`);
  await expect(page.getByTestId('session-state')).toHaveText('Operator');
  await expect(page).toHaveURL((url) => !url.searchParams.has('token'));
  expect(await page.evaluate(() => localStorage.getItem('watchfloor.operatorToken'))).toBe(TOKEN);
  await expect(page.getByRole('button', { name: /engage kill switch/i })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  // The fault form waits for a service to be chosen (typed; the estate is not listed whole).
  const faults = page.getByRole('form', { name: 'Inject a fault' });
  await expect(faults.getByRole('button', { name: 'Inject fault' })).toBeDisabled();
  await faults.getByLabel('Service').fill('orders');
  await expect(faults.getByRole('button', { name: 'Inject fault' })).toBeEnabled();

  // Survives a reload; signing out returns to read-only.
  await page.reload();
  await expect(page.getByTestId('session-state')).toHaveText('Operator');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(faults.getByLabel('Service')).toBeDisabled();
});

test('the sign-in dialog takes a pasted token and reports a wrong one', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign in' });
  await dialog.getByLabel('Operator token').fill('not-the-token-at-all-000');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('session-state')).toHaveText('Token rejected');
  await expect(page.getByText(/server rejected the stored token/)).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign in' }).first().click();
  await dialog.getByLabel('Operator token').fill(TOKEN);
  await dialog.getByLabel('Operator token').press('Enter');
  await expect(page.getByTestId('session-state')).toHaveText('Operator');
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
});
