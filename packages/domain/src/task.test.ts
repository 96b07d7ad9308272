import { describe, expect, it } from 'vitest';
import { actionParamsJsonSchema, TaskInput } from './task.ts';

describe('TaskInput', () => {
  it('accepts an action on a service with valid parameters', () => {
    const input = {
      action: 'scale_out',
      service: 'orders-db',
      params: { instances: 2 },
      dryRun: true,
    };
    expect(TaskInput.safeParse(input).success).toBe(true);
  });

  it('checks parameters against the action, naming the field', () => {
    const bad = TaskInput.safeParse({
      action: 'scale_out',
      service: 's',
      params: { instances: 0 },
    });
    expect(bad.error?.issues[0]?.path).toEqual(['params', 'instances']);
    const unknown = TaskInput.safeParse({
      action: 'restart_service',
      service: 's',
      params: { x: 1 },
    });
    expect(unknown.success).toBe(false);
  });

  it('refuses unknown fields and unknown actions', () => {
    expect(TaskInput.safeParse({ action: 'reboot_planet', service: 's' }).success).toBe(false);
    expect(TaskInput.safeParse({ action: 'free_disk', service: 's', force: true }).success).toBe(
      false,
    );
  });

  it('describes parameters as JSON Schema', () => {
    expect(actionParamsJsonSchema('rotate_logs')).toMatchObject({
      type: 'object',
      properties: { keepDays: { type: 'integer', minimum: 1, maximum: 90 } },
    });
  });
});
