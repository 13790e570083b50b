import { describe, expect, it } from 'vitest';
import { buildScheduledEvent } from '../../../../local/harness/schedule/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Shape of https://docs.aws.amazon.com/lambda/latest/dg/with-scheduled-events.html and
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html
describe('buildScheduledEvent', () => {
  it('builds the Scheduled Event EventBridge sends for a rule', () => {
    const event = buildScheduledEvent({ ruleName: 'tasks-sweeper', time: new Date('2024-03-01T12:00:00.789Z'), region: 'eu-west-1', account: '123456789012' });

    expect(event).toEqual({
      version: '0',
      id: expect.stringMatching(UUID_V4),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: '2024-03-01T12:00:00Z',
      region: 'eu-west-1',
      resources: ['arn:aws:events:eu-west-1:123456789012:rule/tasks-sweeper'],
      detail: {},
    });
  });

  it("defaults to the harness's local region and account", () => {
    const event = buildScheduledEvent({ ruleName: 'r', time: new Date(0) });

    expect(event).toMatchObject({ account: '000000000000', region: 'local', time: '1970-01-01T00:00:00Z' });
    expect(event.resources).toEqual(['arn:aws:events:local:000000000000:rule/r']);
  });

  it('gives every event its own id', () => {
    const time = new Date();

    expect(buildScheduledEvent({ ruleName: 'r', time }).id).not.toBe(buildScheduledEvent({ ruleName: 'r', time }).id);
  });
});
