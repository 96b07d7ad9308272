import { z } from 'zod';
import { IsoTime } from './common.ts';

export const KillSwitchState = z.object({
  engaged: z.boolean(),
  reason: z.string().nullable(),
  engagedAt: IsoTime.nullable(),
  engagedBy: z.string().nullable(),
  releasedAt: IsoTime.nullable(),
  releasedBy: z.string().nullable(),
  /** Rollouts halted and queued actions cancelled when it was last engaged. */
  haltedCount: z.number().int().nonnegative(),
  cancelledCount: z.number().int().nonnegative(),
  /** Actions refused by the guard since it was last engaged. */
  blockedCount: z.number().int().nonnegative(),
});
export type KillSwitchState = z.infer<typeof KillSwitchState>;

export const initialKillSwitch: KillSwitchState = {
  engaged: false,
  reason: null,
  engagedAt: null,
  engagedBy: null,
  releasedAt: null,
  releasedBy: null,
  haltedCount: 0,
  cancelledCount: 0,
  blockedCount: 0,
};

export const KillSwitchInput = z
  .object({ engaged: z.boolean(), reason: z.string().trim().min(1).max(500) })
  .strict();
