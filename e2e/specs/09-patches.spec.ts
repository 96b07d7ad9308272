import { expect, type Page, test } from '@playwright/test';
import { api, type Listed, login, setRunning, shot } from '../support/helpers.ts';

interface ServiceRow {
  id: string;
  dependsOn: string[];
}
interface Plan {
  id: string;
  state: string;
  transitions: { to: string; reason: string }[];
}

const TERMINAL = ['completed', 'rolled_back', 'failed'];

test.afterAll(async () => {
  await setRunning(false);
  await api('PATCH', '/api/simulation', { body: { speed: 60 } });
});

/**
 * A service whose pre-flight can pass: no open incident and no running fault on it or
 * anything it calls (what PatchOps checks), leaves of the call graph first.
 */
async function quietService(): Promise<string> {
  // 36 services: one page holds the estate.
  const { body: services } = await api<Listed<ServiceRow>>(
    'GET',
    '/api/topology/services?limit=500',
  );
  if (services.nextCursor) throw new Error('the e2e estate fits one page of services');
  const { body: incidents } = await api<Listed<{ services: string[] }>>(
    'GET',
    '/api/incidents?status=open,acknowledged,mitigating,escalated&limit=500',
  );
  const { body: faults } = await api<
    Listed<{ endedAt: string | null; rootService: string; affected: { service: string }[] }>
  >('GET', '/api/simulation/faults?limit=500');
  const busy = new Set([
    ...incidents.items.flatMap((i) => i.services),
    ...faults.items
      .filter((f) => f.endedAt === null)
      .flatMap((f) => [f.rootService, ...f.affected.map((a) => a.service)]),
  ]);
  const byId = new Map(services.items.map((s) => [s.id, s]));
  const scope = (id: string): Set<string> => {
    const seen = new Set([id]);
    const queue = [id];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      for (const dep of byId.get(next)?.dependsOn ?? []) {
        if (!seen.has(dep)) {
          seen.add(dep);
          queue.push(dep);
        }
      }
    }
    return seen;
  };
  const quiet = services.items
    .map((s) => ({ id: s.id, scope: scope(s.id) }))
    .filter((s) => ![...s.scope].some((id) => busy.has(id)))
    .sort((a, b) => a.scope.size - b.scope.size);
  const pick = quiet[0];
  if (!pick) throw new Error(`every service is busy: ${[...busy].join(', ')}`);
  return pick.id;
}

/** Plans a rollout through the form, approves it on its card, and returns the plan id. */
async function planAndApprove(page: Page, service: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Plan a patch' });
  await form.getByLabel('Service').fill(service);
  // The placeholder suggests the next patch once the service's hosts are read.
  const version = form.getByLabel(/Version \(runs /);
  await expect(version).toBeVisible();
  await version.fill((await version.getAttribute('placeholder')) ?? '');
  await form.getByRole('button', { name: 'Plan rollout' }).click();
  const note = form.getByText(/^Planned PLAN-\d+/);
  await expect(note).toBeVisible();
  const id = /PLAN-\d+/.exec((await note.textContent()) ?? '')?.[0];
  if (!id) throw new Error('the form names the new plan');

  const card = page.getByTestId(`plan-${id}`);
  await expect(card.getByTestId('plan-state')).toHaveText('planned');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card).toContainText('approved by operator');
  await expect(card.getByRole('button', { name: 'Approve' })).toBeHidden();
  // A second approval is refused, and the server's 409 message is shown as is.
  const again = await api<{ error: { message: string } }>('POST', `/api/patches/${id}/approve`);
  expect(again.status).toBe(409);
  expect(again.body.error.message).toContain('already approved');
  return id;
}

test('plan a patch in the form, approve it, and follow its waves to the end', async ({ page }) => {
  await setRunning(false);
  await login(page, '/patches');
  await expect(page.getByRole('heading', { level: 1, name: 'Patches' })).toBeVisible();

  // Pre-flight refuses when a fault lands on the service in the meantime (the simulator
  // keeps generating them); that is PatchOps being careful, so plan again, up to 3 times.
  let plan: Plan | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    await setRunning(false);
    const id = await planAndApprove(page, await quietService());
    await api('PATCH', '/api/simulation', { body: { speed: 600 } });
    await setRunning(true);
    await expect
      .poll(async () => (await api<Plan>('GET', `/api/patches/${id}`)).body.state, {
        timeout: 60_000,
      })
      .toMatch(new RegExp(`^(${TERMINAL.join('|')})$`));
    await setRunning(false);
    plan = (await api<Plan>('GET', `/api/patches/${id}`)).body;
    const refusedAtPreflight =
      plan.state === 'failed' && plan.transitions.at(-1)?.reason.startsWith('pre-flight');
    if (!refusedAtPreflight) break;
  }
  if (!plan) throw new Error('no plan');
  expect(['completed', 'rolled_back']).toContain(plan.state);

  const card = page.getByTestId(`plan-${plan.id}`);
  await expect(card.getByTestId('plan-state')).toHaveText(plan.state.replace('_', ' '));
  const reason = plan.transitions.at(-1)?.reason ?? '';
  await expect(card.getByTestId('plan-reason')).toContainText(reason);
  // The canary ran and was judged; the history shows each step with its reason.
  const waves = card.getByRole('table', { name: `${plan.id} waves` });
  await expect(waves.getByTestId('wave').first()).toContainText(/passed|rolled back|failed/);
  await expect(waves.locator('.verdict').first()).toHaveText(/pass|fail/);
  await card.getByText('Risk, pre-flight, canary analysis and history').click();
  const history = card.getByRole('list', { name: `${plan.id} state history` });
  await expect(history).toContainText('approved by operator');
  await expect(history).toContainText('canary');
  await expect(history).toContainText(reason);
  await expect(card.getByRole('button', { name: 'Abort…' })).toBeHidden();
  await card.scrollIntoViewIfNeeded();
  await shot(page, 'patches');
});

test('abort asks for a reason and a finished plan refuses to resume with a 409', async ({
  page,
}) => {
  await setRunning(false);
  await login(page, '/patches');
  const id = await planAndApprove(page, await quietService());
  const card = page.getByTestId(`plan-${id}`);
  await card.getByRole('button', { name: 'Abort…' }).click();
  const dialog = page.getByRole('dialog', { name: `Abort ${id}?` });
  await expect(dialog.getByRole('button', { name: 'Abort rollout' })).toBeDisabled();
  await dialog.getByLabel(/Reason/).fill('e2e: change window closed');
  await dialog.getByRole('button', { name: 'Abort rollout' }).click();
  await expect(card.getByTestId('plan-reason')).toContainText('e2e: change window closed');
  await expect(card.getByTestId('plan-state')).toHaveText(/rolled back|failed/);
  const resumed = await api<{ error: { message: string } }>('POST', `/api/patches/${id}/resume`);
  expect(resumed.status).toBe(409);
  expect(resumed.body.error.message).toMatch(/not halted/);
});
