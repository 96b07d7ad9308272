import { EventAnalysis } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { analyzeEvent, missingFields } from './analyze.ts';

describe('analyzeEvent', () => {
  it('flags attack signatures as urgent security issues', () => {
    const a = analyzeEvent({ message: 'Possible SQL injection in /search?q=', source: 'waf' });
    expect(a).toMatchObject({ category: 'security_issue', severity: 'high', priority: 1 });
    expect(EventAnalysis.safeParse(a).success).toBe(true);
  });

  it('treats a 401 as a security issue even when the message only says error', () => {
    expect(analyzeEvent({ status: 401, message: 'request error' }).category).toBe('security_issue');
  });

  it('classifies resource exhaustion as a high system error with a runbook action', () => {
    const a = analyzeEvent({ message: 'write failed: no space left on device', level: 'error' });
    expect(a).toMatchObject({
      category: 'system_error',
      severity: 'high',
      runbookAction: 'free_disk',
    });
    expect(a.reasons).toContain('disk exhaustion');
  });

  it('keeps validation problems low priority', () => {
    const a = analyzeEvent({ status: 422, message: 'missing required field: email' });
    expect(a).toMatchObject({ category: 'validation_error', severity: 'low' });
    expect(a.priority).toBeGreaterThanOrEqual(4);
  });

  it('raises severity when an error repeats', () => {
    expect(analyzeEvent({ message: 'upstream timed out', count: 50 }).severity).toBe('high');
    expect(analyzeEvent({ message: 'upstream timed out', count: 1 }).severity).toBe('medium');
  });

  it('lets heartbeats and unknown chatter through as ignorable', () => {
    expect(analyzeEvent({ message: 'heartbeat ok' })).toMatchObject({
      category: 'ignorable',
      priority: 5,
    });
    expect(analyzeEvent({}).reasons).toEqual(['no rule matched']);
  });
});

describe('missingFields', () => {
  it('reports missing, null and empty dotted paths', () => {
    const payload = { user: { id: 7, email: '' }, order: null, total: 0 };
    expect(
      missingFields(payload, ['user.id', 'user.email', 'order.id', 'total', 'currency']),
    ).toEqual(['user.email', 'order.id', 'currency']);
  });

  it('does not walk into inherited properties', () => {
    expect(missingFields({}, ['constructor', 'toString'])).toEqual(['constructor', 'toString']);
  });
});
