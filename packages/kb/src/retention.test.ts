import { describe, expect, it } from 'vitest';
import { alert, audit, fault, incident, iso, log } from './contract-fixtures.ts';
import {
  alertExpiry,
  auditExpiry,
  closedRollout,
  closedTask,
  DEFAULT_RETENTION,
  faultExpiry,
  incidentExpiry,
  isLive,
  knowledgeExpiry,
  logExpiry,
  retentionPolicy,
} from './retention.ts';

const DAY = 86_400;
const sec = (seconds: number) => Date.parse(iso(seconds)) / 1000;
const p = DEFAULT_RETENTION;

describe('retention policy (virtual time)', () => {
  it('never expires what is still open', () => {
    expect(alertExpiry(alert(1, { status: 'firing' }), p)).toBeUndefined();
    expect(incidentExpiry(incident(1, { status: 'escalated' }), p)).toBeUndefined();
    expect(faultExpiry(fault(1, { endedAt: null }), p)).toBeUndefined();
    expect(closedTask({ status: 'running', finishedAt: null })).toBeNull();
    expect(closedRollout({ state: 'halted', updatedAt: iso(5) })).toBeNull();
    expect(knowledgeExpiry('policy', { anything: true }, p)).toBeUndefined();
  });

  it('keeps closed records a week after they closed and the audit trail a month', () => {
    const resolved = alert(1, { status: 'resolved', endsAt: iso(100) });
    expect(alertExpiry(resolved, p)).toBe(sec(100 + 7 * DAY));
    const closed = incident(1, { status: 'resolved', resolvedAt: iso(50), updatedAt: iso(60) });
    expect(incidentExpiry(closed, p)).toBe(sec(50 + 7 * DAY));
    expect(faultExpiry(fault(1, { endedAt: iso(10) }), p)).toBe(sec(10 + 7 * DAY));
    expect(auditExpiry(audit(1, { at: iso(3) }), p)).toBe(sec(3 + 30 * DAY));
    expect(logExpiry(log(1, { at: iso(4) }), p)).toBe(sec(4 + 7 * DAY));
    const task = { status: 'blocked', finishedAt: null, requestedAt: iso(7) };
    expect(knowledgeExpiry('tasks', task, p)).toBe(sec(7 + 7 * DAY));
    const plan = { state: 'rolled_back', updatedAt: iso(8) };
    expect(knowledgeExpiry('patches', plan, p)).toBe(sec(8 + 7 * DAY));
  });

  it('takes windows in hours over the defaults', () => {
    const short = retentionPolicy({ closedHours: 2, auditHours: 6 });
    expect(short.closedMs).toBe(2 * 3_600_000);
    expect(short.auditMs).toBe(6 * 3_600_000);
    expect(short.logMs).toBe(DEFAULT_RETENTION.logMs);
    expect(alertExpiry(alert(1, { status: 'resolved', endsAt: iso(0) }), short)).toBe(sec(7200));
  });

  it('counts a row live until the second it expires, and everything live without a clock', () => {
    expect(isLive({ expiresAt: 100 }, 99)).toBe(true);
    expect(isLive({ expiresAt: 100 }, 100)).toBe(false);
    expect(isLive({}, 1e12)).toBe(true);
    expect(isLive({ expiresAt: 100 }, undefined)).toBe(true);
  });
});
