import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';
import { api, login, shot } from '../support/helpers.ts';

async function download(page: Page): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('incidents export downloads a CSV with a header row', async ({ page }) => {
  await login(page, '/incidents?status=open,acknowledged');
  const csv = await download(page);
  expect(csv.name).toBe('incidents.csv');
  expect(csv.text.split('\r\n')[0]).toBe(
    'id,title,status,severity,suspectedRoot,confidence,services,alerts,createdAt,acknowledgedAt,resolvedAt',
  );
});

test('the audit page lists kill-switch events and exports them', async ({ page }) => {
  // Its own drill, so this spec does not depend on the kill-switch spec having run.
  await api('POST', '/api/kill-switch', { body: { engaged: true, reason: 'audit drill' } });
  await api('POST', '/api/kill-switch', { body: { engaged: false, reason: 'audit drill over' } });

  await login(page, '/audit');
  const table = page.getByRole('table', { name: 'Audit events' });
  await expect(table).toContainText('kill_switch.engage');
  await expect(table).toContainText('kill_switch.release');
  await shot(page, 'audit');

  await page.getByLabel('Action').fill('kill_switch.engage');
  await expect(page).toHaveURL(/action=kill_switch\.engage/);
  await expect(table).not.toContainText('kill_switch.release');
  const csv = await download(page);
  expect(csv.name).toBe('audit.csv');
  const [header, ...rows] = csv.text.trim().split('\r\n');
  expect(header).toBe('id,at,actor,action,target,result,requestId,before,after');
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.includes('kill_switch.engage'))).toBe(true);
});
