import { expect, type Page, test } from '@playwright/test';
import { api, login, setRunning, shot } from '../support/helpers.ts';

test.beforeAll(async () => {
  await setRunning(true);
});
test.afterAll(async () => {
  await setRunning(false);
});

const lines = (page: Page) => page.getByRole('log', { name: 'Log lines' }).locator('.log-line');
/** The newest line is at the bottom, like a terminal. */
const newestId = async (page: Page) => (await lines(page).last().getAttribute('data-id')) ?? '';

test('the log viewer follows new lines, filters by level and text, and pauses', async ({
  page,
}) => {
  await login(page, '/logs');
  await expect(lines(page).first()).toBeVisible();

  // Follows: the newest line changes as the simulator writes.
  const first = await newestId(page);
  await expect.poll(() => newestId(page), { timeout: 30_000 }).not.toBe(first);

  // Level filter: only warnings remain.
  await page.getByRole('checkbox', { name: 'warn' }).check();
  await expect(page).toHaveURL(/level=warn/);
  await expect(lines(page).first()).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(async () => new Set(await lines(page).locator('.log-level').allTextContents()))
    .toEqual(new Set(['WARN ']));
  await page.getByRole('checkbox', { name: 'warn' }).uncheck();

  // Text filter: a word from a line on screen; every line shown contains it.
  const message = (await lines(page).last().locator('.log-message').textContent()) ?? '';
  const word = message.split(/[^A-Za-z]+/).find((w) => w.length >= 5) ?? 'heap';
  await page.getByLabel('Text').fill(word);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect
    .poll(async () => {
      const texts = await lines(page).locator('.log-message').allTextContents();
      return texts.length > 0 && texts.every((t) => t.toLowerCase().includes(word.toLowerCase()));
    })
    .toBe(true);
  await shot(page, 'logs-filtered');
  await page.getByLabel('Text').fill('');
  await expect(page).not.toHaveURL(/q=/);

  // Pause: the view stays still while the server moves on by a few poll intervals.
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByText('Paused — not following new lines.')).toBeVisible();
  const held = await newestId(page);
  const heldTime = (await lines(page).last().locator('.log-time').textContent()) ?? '';
  const heldAt = Date.parse(`${heldTime.replace(' ', 'T')}Z`);
  await expect
    .poll(
      async () => {
        const { body } = await api<{ items: { at: string }[] }>('GET', '/api/logs?limit=1');
        return Date.parse(body.items[0]?.at ?? '') - heldAt;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(5 * 60_000); // five virtual minutes: at ×60, several 1.5 s polls
  expect(await newestId(page)).toBe(held);
  await shot(page, 'logs-paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect.poll(() => newestId(page)).not.toBe(held);
});
