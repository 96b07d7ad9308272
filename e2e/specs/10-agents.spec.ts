import { expect, test } from '@playwright/test';
import { api, login, shot } from '../support/helpers.ts';

interface AgentConfig {
  automationLevel: string;
  enabled: boolean;
  approvalRequired: boolean;
  thresholds: { confidence: number; maxActionsPerHour: number };
}
interface AgentDetail {
  config: AgentConfig;
  configVersion: number;
  configHistory: { version: number; config: AgentConfig; rollbackOf: number | null }[];
}

test('change TaskOps automation with a reason, then roll back to version 1', async ({ page }) => {
  const { body: before } = await api<AgentDetail>('GET', '/api/agents/taskops');
  const v1 = before.configHistory.find((v) => v.version === 1);
  if (!v1) throw new Error('every agent starts at version 1');
  const next = before.configVersion + 1;
  const level = before.config.automationLevel === 'SEMI_AUTO' ? 'MANUAL' : 'SEMI_AUTO';

  await login(page, '/agents');
  const row = page.getByTestId('agent-taskops');
  await expect(row).toContainText('TaskOps');
  await expect(row).toContainText('healthy');
  await row.getByRole('button', { name: 'Configure TaskOps' }).click();
  await expect(page).toHaveURL(/agent=taskops/);

  const form = page.getByRole('form', { name: 'TaskOps config' });
  const save = form.getByRole('button', { name: 'Save new version' });
  await form.getByLabel('Automation level').selectOption(level);
  await expect(save).toBeDisabled(); // a reason is required
  await form.getByLabel(/Reason/).fill('e2e: change freeze, approve each action');
  await save.click();

  const history = page.getByRole('table', { name: 'TaskOps config history' });
  const added = history.getByTestId(`version-${next}`);
  await expect(added).toContainText('current');
  await expect(added).toContainText('e2e: change freeze');
  await expect(added).toContainText(level);
  await expect(row).toContainText(level);
  expect((await api<AgentDetail>('GET', '/api/agents/taskops')).body.config.automationLevel).toBe(
    level,
  );
  await shot(page, 'agents');

  await history.getByTestId('version-1').getByRole('button', { name: 'Roll back to v1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll TaskOps back to v1?' });
  await dialog.getByLabel(/Reason/).fill('e2e: freeze over');
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(dialog).toBeHidden();
  const restored = history.getByTestId(`version-${next + 1}`);
  await expect(restored).toContainText('current');
  await expect(restored).toContainText('restores v1');

  const { body: after } = await api<AgentDetail>('GET', '/api/agents/taskops');
  expect(after.configVersion).toBe(next + 1);
  expect(after.config).toEqual(v1.config);
  expect(after.configHistory.find((v) => v.version === next + 1)?.rollbackOf).toBe(1);

  // The learning panel is on the same page.
  await expect(page.getByRole('heading', { name: /^Learning/ })).toBeVisible();
});
