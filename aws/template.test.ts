import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DEFAULT_TABLE_NAME, ensureTable } from '@watchfloor/kb';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTemplate } from './cfn-yaml.ts';

const here = import.meta.dirname;
const kbSources = join(here, '../packages/kb/src');

type Json = Record<string, unknown>;

const obj = (value: unknown, what: string): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what} is not a mapping: ${JSON.stringify(value)}`);
  }
  return Object.fromEntries(Object.entries(value));
};
const list = (value: unknown, what: string): unknown[] => {
  if (!Array.isArray(value)) throw new Error(`${what} is not a list: ${JSON.stringify(value)}`);
  return value;
};

/** The commands `ensureTable` sends when the table is missing, captured before the network. */
async function tableCommandsOfKb(): Promise<Map<string, Json>> {
  const sent = new Map<string, Json>();
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  let described = 0;
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      const name = String(context.commandName);
      sent.set(name, obj(args.input, name));
      // The table (and any half-done rebuild of it) is missing at first.
      const rebuild = String((args.input as { TableName?: string }).TableName).endsWith('.rebuild');
      if (name === 'DescribeTableCommand' && (rebuild || described++ === 0)) {
        throw Object.assign(new Error('missing'), { name: 'ResourceNotFoundException' });
      }
      const output = name === 'DescribeTableCommand' ? { Table: { TableStatus: 'ACTIVE' } } : {};
      return { output: { $metadata: {}, ...output }, response: {} };
    },
    { step: 'initialize', name: 'captureTableCommands' },
  );
  await ensureTable(client, DEFAULT_TABLE_NAME);
  client.destroy();
  return sent;
}

/** IAM actions behind the commands packages/kb constructs (read from its source, tests excluded). */
function dynamoActionsInKbSource(): Set<string> {
  const iamName: Record<string, string> = {
    BatchGet: 'BatchGetItem',
    BatchWrite: 'BatchWriteItem',
    Delete: 'DeleteItem',
    Get: 'GetItem',
    Put: 'PutItem',
    TransactGet: 'TransactGetItems',
    TransactWrite: 'TransactWriteItems',
    Update: 'UpdateItem',
  };
  const actions = new Set<string>();
  for (const file of readdirSync(kbSources)) {
    if (!file.endsWith('.ts') || file.includes('.test.') || file.startsWith('contract')) continue;
    const source = readFileSync(join(kbSources, file), 'utf8');
    for (const match of source.matchAll(/new (\w+)Command\(/g)) {
      const command = match[1] ?? '';
      actions.add(`dynamodb:${iamName[command] ?? command}`);
    }
  }
  return actions;
}

describe('aws/template.yaml', () => {
  let template: Json;
  let resources: Json;
  let fn: Json;

  beforeAll(() => {
    template = parseTemplate(readFileSync(join(here, 'template.yaml'), 'utf8'));
    resources = obj(template.Resources, 'Resources');
    fn = obj(obj(resources.WatchfloorFunction, 'function').Properties, 'function properties');
  });

  it('parses as a SAM template with CloudFormation short-form intrinsics', () => {
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
    expect(fn.ReservedConcurrentExecutions).toEqual({
      'Fn::If': ['ReserveConcurrency', 1, { Ref: 'AWS::NoValue' }],
    });
    expect(obj(template.Outputs, 'Outputs').ApiUrl).toMatchObject({
      Value: { 'Fn::Sub': expect.stringContaining('{HttpApi}.execute-api') },
    });
  });

  it('declares the same table that packages/kb creates: keys, indexes, billing mode and expiry', async () => {
    const table = obj(resources.KnowledgeBaseTable, 'table');
    const props = obj(table.Properties, 'table properties');
    const kb = await tableCommandsOfKb();
    const create = obj(kb.get('CreateTableCommand'), 'CreateTable input');
    const ttl = obj(kb.get('UpdateTimeToLiveCommand'), 'UpdateTimeToLive input');

    expect(table.Type).toBe('AWS::DynamoDB::Table');
    expect(props.TableName).toEqual({ Ref: 'TableName' });
    expect(obj(obj(template.Parameters, 'Parameters').TableName, 'TableName').Default).toBe(
      create.TableName,
    );
    expect(props.KeySchema).toEqual(create.KeySchema);
    expect(props.AttributeDefinitions).toEqual(create.AttributeDefinitions);
    expect(props.BillingMode).toBe(create.BillingMode);
    expect(props.BillingMode).toBe('PAY_PER_REQUEST');
    expect(props.TimeToLiveSpecification).toEqual(ttl.TimeToLiveSpecification);
    expect(props.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(props.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(props.GlobalSecondaryIndexes).toEqual(create.GlobalSecondaryIndexes);
    expect(
      list(props.GlobalSecondaryIndexes, 'indexes').map((i) => obj(i, 'index').IndexName),
    ).toEqual([
      'byStatus',
      'byService',
      'byIncident',
      'byTarget',
      'byActor',
      'byAction',
      'byExpiry',
    ]);
  });

  it('grants the function exactly the DynamoDB actions the adapter calls, on the table only', () => {
    const policies = list(fn.Policies, 'Policies');
    const statements = policies.flatMap((p) => list(obj(p, 'policy').Statement, 'Statement'));
    // The template creates the table with its indexes, so the function never creates or
    // changes it; Scan and DeleteTable only rebuild an embedded store's table.
    const tableOnly = ['CreateTable', 'UpdateTimeToLive', 'UpdateTable', 'DeleteTable', 'Scan'];
    const needed = [...dynamoActionsInKbSource()]
      .filter((a) => !tableOnly.includes(a.replace('dynamodb:', '')))
      .sort();

    expect(statements).toHaveLength(1);
    const statement = obj(statements[0], 'statement');
    expect(statement.Effect).toBe('Allow');
    expect([...list(statement.Action, 'Action')].sort()).toEqual(needed);
    expect(needed).toContain('dynamodb:Query');
    expect(statement.Resource).toEqual([
      { 'Fn::GetAtt': ['KnowledgeBaseTable', 'Arn'] },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation's own ${} syntax
      { 'Fn::Sub': '${KnowledgeBaseTable.Arn}/index/*' },
    ]);
  });

  it('grants Bedrock only under the HasBedrock condition and only for the configured model', () => {
    const conditions = obj(template.Conditions, 'Conditions');
    const bedrock = obj(resources.BedrockInvokePolicy, 'bedrock policy');
    const statements = list(
      obj(obj(bedrock.Properties, 'props').PolicyDocument, 'doc').Statement,
      'Statement',
    );

    expect(conditions.HasBedrock).toEqual({
      'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'BedrockModelId' }, ''] }],
    });
    expect(bedrock.Condition).toBe('HasBedrock');
    expect(statements).toHaveLength(1);
    const statement = obj(statements[0], 'statement');
    expect(statement.Action).toBe('bedrock:InvokeModel');
    for (const resource of list(statement.Resource, 'Resource')) {
      expect(obj(resource, 'resource')['Fn::Sub']).toMatch(/\/\$\{BedrockModelId\}$/);
    }
    expect(JSON.stringify(template)).not.toMatch(/"Resource":\s*"\*"|"Action":\s*"[a-z]+:\*"/);
  });

  it('runs the bundle on arm64 with the store variables of DESIGN.md and a NoEcho token', () => {
    const variables = obj(obj(fn.Environment, 'Environment').Variables, 'Variables');
    const token = obj(obj(template.Parameters, 'Parameters').OperatorToken, 'OperatorToken');

    expect(fn).toMatchObject({
      CodeUri: 'dist/',
      Handler: 'lambda.handler',
      Architectures: ['arm64'],
    });
    expect(variables).toMatchObject({
      WATCHFLOOR_STORE: 'dynamodb',
      WATCHFLOOR_TABLE: { Ref: 'KnowledgeBaseTable' },
      WATCHFLOOR_OPERATOR_TOKEN: { Ref: 'OperatorToken' },
      WATCHFLOOR_SEED: { Ref: 'Seed' },
      WATCHFLOOR_AUTOSTART: { Ref: 'AutoStart' },
    });
    expect(token).toMatchObject({ NoEcho: true, MinLength: 16 });
    expect(JSON.stringify(template.Outputs)).not.toContain('OperatorToken}');
  });

  it('routes every path through the HTTP API and ticks the simulation every minute', () => {
    const events = obj(fn.Events, 'Events');
    const http = obj(events.Http, 'Http');
    const tick = obj(events.Tick, 'Tick');

    expect(http.Type).toBe('HttpApi');
    expect(obj(http.Properties, 'Http properties')).toEqual({ ApiId: { Ref: 'HttpApi' } });
    expect(tick.Type).toBe('Schedule');
    expect(obj(tick.Properties, 'Tick properties')).toMatchObject({
      Schedule: 'rate(1 minute)',
      Input: JSON.stringify({ watchfloor: 'tick' }),
    });
  });
});
