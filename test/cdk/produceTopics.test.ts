import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { agents } from '../../functions/index.js';
import { ALL_TOPICS, TOPICS } from '../../lib/contracts/index.js';
import type { SyntorApp } from '../../cdk/lib/buildSyntorApp.js';
import { buildTestApp, statementsByRole, templateOf } from './support.js';

/** The topics a function's role may write: the last path segment of each ARN its `Produce` statement names. */
function writableTopics(syntor: SyntorApp, functionId: string): string[] {
  const prefix = `${functionId.replaceAll('-', '')}role`;
  const [, statements] = Object.entries(statementsByRole(syntor)).find(([id]) => id.startsWith(prefix)) ?? [];
  if (!statements) throw new Error(`no policy for ${functionId}`);
  const produce = statements.find((s) => s.Sid === 'Produce');
  return produce ? ALL_TOPICS.filter((t) => JSON.stringify(produce.Resource).includes(`/${t}"`)) : [];
}

describe('what each function may write to Kafka on AWS', () => {
  let syntor: SyntorApp;
  beforeAll(async () => {
    syntor = await buildTestApp(agents);
  });

  it('lets a worker report on its tasks and itself, but not assign tasks', () => {
    const execute = writableTopics(syntor, 'worker-alpha-execute');

    expect(execute).not.toContain(TOPICS.taskAssignment);
    expect(execute.sort()).toEqual([TOPICS.taskStatus, TOPICS.taskComplete, TOPICS.agentRegistration, TOPICS.agentHeartbeat, TOPICS.deadLetter].sort());
    expect(writableTopics(syntor, 'worker-alpha-heartbeat')).not.toContain(TOPICS.taskAssignment);
  });

  it('lets the coordinator assign tasks from every function that relays the outbox', () => {
    for (const fn of ['submit', 'status', 'complete', 'registry', 'dead-letters', 'sweeper', 'requests', 'api']) {
      expect(writableTopics(syntor, `coordination-${fn}`)).toEqual(expect.arrayContaining([TOPICS.taskAssignment, TOPICS.systemEvents, TOPICS.deadLetter]));
    }
    expect(writableTopics(syntor, 'coordination-status')).not.toContain(TOPICS.taskStatus);
  });

  it('grants the write and the topic description only, on exact topic ARNs', () => {
    const produce = statementsByRole(syntor);
    const statement = Object.entries(produce).find(([id]) => id.startsWith('gitrequestsrole'))![1].find((s) => s.Sid === 'Produce')!;

    expect(statement.Action).toEqual(['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData']);
    expect(writableTopics(syntor, 'git-requests').sort()).toEqual([TOPICS.deadLetter, TOPICS.serviceResponse]);
  });

  it('tells the producer the same list, so it refuses before the broker would', () => {
    templateOf(syntor.agents).hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: Match.stringLikeRegexp('-worker-alpha-heartbeat$'),
      Environment: { Variables: Match.objectLike({ SYNTOR_PRODUCES: `${TOPICS.agentHeartbeat},${TOPICS.agentRegistration}`, SYNTOR_FUNCTION: 'worker-alpha-heartbeat' }) },
    });
  });
});
