import { describe, expect, it } from 'vitest';
import { dbSaturation } from './fixtures.ts';
import { parseReply, ReplyError } from './reply.ts';

const reply = (recommendedActions: unknown[]) =>
  JSON.stringify({ summary: 'Checkout is failing.', rootCause: 'orders-db.', recommendedActions });

const problem = (text: string, facts = dbSaturation) => {
  try {
    parseReply(text, facts);
  } catch (error) {
    if (error instanceof ReplyError) return error.code;
    throw error;
  }
  return 'none';
};

describe('parseReply', () => {
  it('accepts actions from the catalog on the incident services', () => {
    const narrative = parseReply(
      reply([{ kind: 'rollback_deploy', service: 'orders', why: 'bad deploy' }]),
      dbSaturation,
    );
    expect(narrative.source).toBe('bedrock');
    expect(narrative.recommendedActions).toEqual([
      { kind: 'rollback_deploy', service: 'orders', why: 'bad deploy' },
    ]);
  });

  it('refuses text that is not JSON, or no text at all', () => {
    expect(problem('Sure! {"summary": ')).toBe('malformed_json');
    expect(problem('   ')).toBe('empty_reply');
  });

  it('refuses invented action kinds and services', () => {
    expect(problem(reply([{ kind: 'reboot_datacenter', service: 'orders', why: 'x' }]))).toBe(
      'invalid_reply',
    );
    expect(problem(reply([{ kind: 'scale_out', service: 'billing', why: 'x' }]))).toBe(
      'invalid_reply',
    );
  });

  it('refuses every action when the catalog is empty', () => {
    const facts = { ...dbSaturation, runbookCatalog: [] };
    expect(problem(reply([{ kind: 'scale_out', service: 'orders', why: 'x' }]), facts)).toBe(
      'invalid_reply',
    );
    expect(problem(reply([]), facts)).toBe('none');
  });

  it('refuses a reply missing its summary', () => {
    expect(problem(JSON.stringify({ rootCause: 'x', recommendedActions: [] }))).toBe(
      'invalid_reply',
    );
  });
});
