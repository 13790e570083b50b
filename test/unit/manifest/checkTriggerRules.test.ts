import { describe, expect, it } from 'vitest';
import { TOPICS, type AgentManifestInput } from '../../../lib/contracts/index.js';
import { defineAgent, ManifestInvalidError } from '../../../lib/manifest/index.js';
import { FilterPatternInvalidError, HttpRouteInvalidError, ScheduleExpressionInvalidError } from '../../../lib/triggers/index.js';

type Trigger = AgentManifestInput['functions'][number]['triggers'][number];

/** An agent whose function `probe` has the given triggers, beside a function `fine` that is valid. */
const agentWith = (...triggers: Trigger[]): AgentManifestInput => ({
  name: 'probe',
  kind: 'worker',
  functions: [
    { name: 'fine', entry: '/fine.ts', triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
    { name: 'checked', entry: '/checked.ts', triggers },
  ],
});

const refusal = (input: AgentManifestInput): ManifestInvalidError => {
  try {
    defineAgent(input);
  } catch (error) {
    if (error instanceof ManifestInvalidError) return error;
    throw error;
  }
  throw new Error('defineAgent accepted the manifest');
};

describe('defining a manifest checks its triggers as AWS would', () => {
  it.each([
    [
      'a filter pattern Lambda refuses',
      { type: 'kafka', topic: TOPICS.taskAssignment, filters: [{ value: { target: ['worker'] } }, { value: { amount: [{ numeric: ['>'] }] } }] },
      'filters[1] value.amount: numeric needs an operator followed by a number',
      FilterPatternInvalidError,
    ],
    [
      'a cron expression EventBridge refuses',
      { type: 'schedule', expression: 'cron(0 12 * * * *)' },
      'invalid schedule expression "cron(0 12 * * * *)": one of day-of-month and day-of-week must be "?"',
      ScheduleExpressionInvalidError,
    ],
    [
      'a rate expression EventBridge refuses',
      { type: 'schedule', expression: 'rate(5 minute)' },
      'invalid schedule expression "rate(5 minute)": the unit must be plural',
      ScheduleExpressionInvalidError,
    ],
    [
      'a route API Gateway refuses',
      { type: 'http', method: 'GET', path: '/files/{path+}/meta' },
      'invalid route "GET /files/{path+}/meta": the greedy parameter {path+} must be the last segment',
      HttpRouteInvalidError,
    ],
  ] as const)('refuses %s, naming the agent, the function and the problem', (_story, trigger, problem, cause) => {
    const error = refusal(agentWith(trigger as Trigger));

    expect(error.code).toBe('manifest-invalid');
    expect(error.agent).toBe('probe');
    expect(error.message).toContain('Agent manifest "probe" is invalid:');
    expect(error.message).toContain(`✖ function "checked", triggers[0]: ${problem}`);
    expect(error.message).toContain('→ at functions[1].triggers[0]');
    expect(error.message).not.toContain('"fine"');
    expect(error.cause).toBeInstanceOf(cause);
  });

  it('names every bad trigger at once', () => {
    const error = refusal(agentWith({ type: 'schedule', expression: 'cron(0 12 * * * *)' }, { type: 'http', method: 'GET', path: '/a/{id}/{id}' }));

    expect(error.message).toContain('✖ function "checked", triggers[0]: invalid schedule expression');
    expect(error.message).toContain('✖ function "checked", triggers[1]: invalid route "GET /a/{id}/{id}": the parameter "id" appears twice');
    expect(error.cause).toBeInstanceOf(AggregateError);
    expect((error.cause as AggregateError).errors).toHaveLength(2);
  });

  it('accepts valid filters, schedules and routes', () => {
    const agent = defineAgent(
      agentWith(
        { type: 'kafka', topic: TOPICS.taskAssignment, filters: [{ value: { amount: [{ numeric: ['>', 0] }] } }] },
        { type: 'schedule', expression: 'cron(0 12 ? * MON-FRI *)' },
        { type: 'http', method: 'GET', path: '/files/{path+}' },
      ),
    );

    expect(agent.functions[1]!.triggers).toHaveLength(3);
  });
});
