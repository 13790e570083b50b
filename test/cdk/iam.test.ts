import { beforeAll, describe, expect, it } from 'vitest';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { probeAgent } from './fixtures/agents.js';
import { buildTestApp, resourcesOf, templateOf } from './support.js';

interface Statement {
  Sid?: string;
  Action: string | string[];
  Resource: unknown;
}

/** Services that hold or move SYNTOR's data: no action of theirs may be a wildcard. */
const DATA_SERVICES = ['kafka-cluster', 'kafka', 'secretsmanager', 'kms', 'rds', 'rds-db', 'elasticache', 's3', 'logs'];

function statementsOf(syntor: SyntorApp): { policy: string; statement: Statement }[] {
  return [syntor.network, syntor.messaging, syntor.data, syntor.agents, syntor.monitoring].flatMap((stack) =>
    Object.entries(resourcesOf(templateOf(stack), 'AWS::IAM::Policy')).flatMap(([policy, resource]) =>
      ((resource.Properties.PolicyDocument as { Statement: Statement[] }).Statement).map((statement) => ({ policy, statement })),
    ),
  );
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);

describe('least-privilege roles', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp([probeAgent]);
  });

  it('grants no wildcard action on a data service', () => {
    const wildcards = statementsOf(syntor).flatMap(({ policy, statement }) =>
      actionsOf(statement).filter((a) => a === '*' || (a.includes('*') && DATA_SERVICES.includes(a.split(':')[0] ?? ''))).map((a) => `${policy}: ${a}`),
    );
    expect(wildcards).toEqual([]);
  });

  it('gives no resource wildcard to anything but network-interface and X-Ray actions', () => {
    const broad = statementsOf(syntor).filter(({ statement }) => JSON.stringify(statement.Resource) === '"*"');
    const allowed = /^(ec2:(Create|Describe|Delete)NetworkInterfaces?|ec2:(Assign|Unassign)PrivateIpAddresses|ec2:Describe(Subnets|SecurityGroups|Vpcs)|xray:Put\w+)$/;
    expect(broad.flatMap(({ statement }) => actionsOf(statement)).filter((a) => !allowed.test(a))).toEqual([]);
  });

  it('lets a consumer read exactly its topics and consumer groups, and read only the two data secrets', () => {
    const policies = resourcesOf(templateOf(syntor.agents), 'AWS::IAM::Policy');
    const consume = Object.entries(policies).find(([id]) => id.startsWith('probeconsumerole'));
    expect(consume).toBeDefined();
    const statements = (consume![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement;
    const bySid = (sid: string) => statements.find((s) => s.Sid === sid);
    const text = (value: unknown) => JSON.stringify(value);

    const topics = bySid('ConsumeTopics');
    expect(actionsOf(topics!)).toEqual(['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData']);
    expect(text(topics!.Resource)).toContain('/syntor.tasks.assignment');
    expect(text(topics!.Resource)).toContain('/syntor.system.events');
    expect(text(topics!.Resource)).not.toContain('/syntor.tasks.status');
    expect(text(bySid('ConsumerGroups')!.Resource)).toContain('/probe-consumers');
    expect((bySid('ReadSecrets')!.Resource as unknown[]).length).toBe(2);
    expect(bySid('ConsumeTopics')).toBeDefined();

    const tick = Object.entries(policies).find(([id]) => id.startsWith('probetickrole'));
    const tickSids = ((tick![1].Properties.PolicyDocument as { Statement: Statement[] }).Statement).map((s) => s.Sid);
    expect(tickSids).not.toContain('ConsumeTopics');
  });
});
