import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import { BASE_URL } from './env.ts';
import { TOKEN } from './server.ts';

const SHOTS = fileURLToPath(new URL('../test-results/screenshots/', import.meta.url));

/** A full-page screenshot kept as an artifact (e2e/test-results/screenshots/<name>.png). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Signs in the way an operator does: through the login URL the server prints. */
export async function login(page: Page, path = '/'): Promise<void> {
  await page.goto(`${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}`);
  await expect(page.getByTestId('session-state')).toHaveText('Operator', { timeout: 15_000 });
}

/** Calls the suite's API directly (with the operator token unless `token: null`). */
export async function api<T = unknown>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; base?: string } = {},
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? TOKEN : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${options.base ?? BASE_URL}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export const setRunning = (running: boolean) =>
  api('POST', running ? '/api/simulation/start' : '/api/simulation/stop');

export interface Listed<T> {
  items: T[];
  nextCursor: string | null;
}
