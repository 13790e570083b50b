import { describe, expect, it } from 'vitest';
import {
  ALL_TOPICS,
  MESSAGE_TYPES,
  TOPICS,
  canTransition,
  createMessage,
  envelopeSchema,
  isExpired,
  messageSchema,
  sourcesOf,
  taskSubmissionSchema,
} from '../../../lib/contracts/index.js';
import { buildCompletion, buildHeartbeat, buildTaskAssign } from '../../fixtures/messages.js';

describe('topics', () => {
  it('are the nine topics of the original system', () => {
    expect([...ALL_TOPICS].sort()).toEqual([
      'syntor.agents.heartbeat',
      'syntor.agents.registration',
      'syntor.dlq',
      'syntor.services.request',
      'syntor.services.response',
      'syntor.system.events',
      'syntor.tasks.assignment',
      'syntor.tasks.complete',
      'syntor.tasks.status',
    ]);
  });

  it('every topic carries at least one message type', () => {
    const carried = new Set(Object.values(MESSAGE_TYPES).map((t) => t.topic));
    expect([...carried].sort()).toEqual([...ALL_TOPICS].sort());
  });
});

describe('envelope', () => {
  it('accepts a message built by createMessage and keeps optional routing fields', () => {
    const message = createMessage('service.request', { operation: 'task.submit', params: { type: 'compute' } }, {
      source: 'cli',
      target: 'coordination',
      correlationId: 'c-1',
      replyTo: TOPICS.serviceResponse,
      ttlMs: 5_000,
    });
    expect(envelopeSchema.parse(message)).toMatchObject({ target: 'coordination', correlationId: 'c-1', ttlMs: 5_000 });
    expect(messageSchema.parse(message)).toEqual(message);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }, 'id'],
    ['type', { type: 'NoDots' }, 'type'],
    ['timestamp', { timestamp: 'yesterday' }, 'timestamp'],
    ['ttlMs', { ttlMs: -1 }, 'ttlMs'],
  ])('rejects a bad %s and names it', (_field, patch, path) => {
    const result = envelopeSchema.safeParse({ ...buildHeartbeat(), ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('expires only once its ttl has passed', () => {
    const sent = { timestamp: '2026-01-01T00:00:00.000Z', ttlMs: 1_000 };
    expect(isExpired(sent, new Date('2026-01-01T00:00:00.999Z'))).toBe(false);
    expect(isExpired(sent, new Date('2026-01-01T00:00:01.001Z'))).toBe(true);
    expect(isExpired({ timestamp: sent.timestamp }, new Date('2030-01-01'))).toBe(false);
  });
});

describe('message payloads', () => {
  it.each([
    ['task.assign with attempt 0', { ...buildTaskAssign(), payload: { ...buildTaskAssign().payload, attempt: 0 } }, 'payload.attempt'],
    ['heartbeat with negative in-flight', { ...buildHeartbeat(), payload: { ...buildHeartbeat().payload, inFlight: -1 } }, 'payload.inFlight'],
    ['failure without error', { ...buildCompletion(), payload: { ...buildCompletion().payload, outcome: 'failure' } }, 'payload.error'],
    ['agent name with capitals', { ...buildHeartbeat(), payload: { ...buildHeartbeat().payload, agent: 'Worker' } }, 'payload.agent'],
  ])('rejects %s', (_name, message, path) => {
    const result = messageSchema.safeParse(message);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('rejects an unknown message type', () => {
    expect(messageSchema.safeParse({ ...buildHeartbeat(), type: 'agent.dance' }).success).toBe(false);
  });

  it('fills defaults on a failure error (not retriable unless said)', () => {
    const message = buildCompletion({ outcome: 'failure', error: { code: 'boom', message: 'it broke' } } as never);
    expect(message.payload).toMatchObject({ outcome: 'failure', error: { retriable: false } });
  });
});

describe('task submission', () => {
  it('fills the defaults of the original system', () => {
    expect(taskSubmissionSchema.parse({ type: 'compute' })).toEqual({
      type: 'compute',
      priority: 5,
      requiredCapabilities: [],
      payload: {},
      timeoutMs: 60_000,
      maxRetries: 3,
    });
  });

  it.each([2, 0, 16])('refuses priority %i with the allowed values in the message', (priority) => {
    const result = taskSubmissionSchema.safeParse({ type: 'compute', priority });
    expect(result.error?.issues[0]?.message).toMatch(/1 \(low\), 5 \(normal\), 10 \(high\) or 15 \(critical\)/);
  });
});

describe('task lifecycle', () => {
  it.each([
    ['pending', 'assigned', true],
    ['assigned', 'running', true],
    ['running', 'completed', true],
    ['failed', 'pending', true],
    ['failed', 'dead', true],
    ['dead', 'pending', true],
    ['completed', 'running', false],
    ['cancelled', 'pending', false],
    ['pending', 'completed', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('knows every source of a state', () => {
    expect(sourcesOf('pending').sort()).toEqual(['assigned', 'dead', 'failed', 'running']);
    expect(sourcesOf('assigned')).toEqual(['pending']);
  });
});
