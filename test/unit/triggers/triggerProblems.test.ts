import { describe, expect, it } from 'vitest';
import { FilterPatternInvalidError, HttpRouteInvalidError, ScheduleExpressionInvalidError, triggerProblems, type TriggerRules } from '../../../lib/triggers/index.js';

describe('triggerProblems', () => {
  it.each<[string, TriggerRules]>([
    ['Kafka filters Lambda accepts', { type: 'kafka', filters: [{ value: { type: ['task.assign'] } }, '{ "value": { "n": [{ "numeric": [">=", 1] }] } }'] }],
    ['a Kafka trigger without filters', { type: 'kafka', filters: [] }],
    ['a rate expression', { type: 'schedule', expression: 'rate(5 minutes)' }],
    ['a cron expression', { type: 'schedule', expression: 'cron(0/15 * ? * MON-FRI *)' }],
    ['a route with a trailing greedy parameter', { type: 'http', method: 'GET', path: '/files/{path+}' }],
  ])('finds nothing wrong with %s', (_story, trigger) => {
    expect(triggerProblems(trigger)).toEqual([]);
  });

  it('names each bad filter by its index', () => {
    const problems = triggerProblems({ type: 'kafka', filters: [{ value: { ok: ['x'] } }, { key: { a: ['x'] } }, { value: {} }] });

    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^filters\[1\] key: Kafka event source mappings only filter on "value"/),
      expect.stringMatching(/^filters\[2\] value: empty objects are not allowed/),
    ]);
    expect(problems.every((p) => p instanceof FilterPatternInvalidError && p.code === 'filter-pattern-invalid')).toBe(true);
  });

  it.each<[TriggerRules, new (...args: never[]) => Error, string]>([
    [{ type: 'schedule', expression: 'rate(1 minutes)' }, ScheduleExpressionInvalidError, 'schedule-expression-invalid'],
    [{ type: 'schedule', expression: 'cron(0 12 ? * ? *)' }, ScheduleExpressionInvalidError, 'schedule-expression-invalid'],
    [{ type: 'http', method: 'GET', path: '/a/{id}/{id}' }, HttpRouteInvalidError, 'http-route-invalid'],
  ])('refuses %j with its stable code', (trigger, type, code) => {
    const [problem, ...more] = triggerProblems(trigger);

    expect(more).toEqual([]);
    expect(problem).toBeInstanceOf(type);
    expect(problem?.code).toBe(code);
  });
});
