import { ALL_TOPICS, TOPICS } from '../../lib/contracts/index.js';
import { defineAgent, handlerPath, SYNTOR_KAFKA_TRIGGER_DEFAULTS } from '../../lib/manifest/index.js';

const entry = (file: string) => handlerPath(import.meta.url, file);
const kafka = { ...SYNTOR_KAFKA_TRIGGER_DEFAULTS, type: 'kafka' } as const;
// What the outbox holds (assignments, system events, dead tasks' letters): every function relays it
// with its own producer after its commits, so each may write all three.
const relaysOutbox = [TOPICS.taskAssignment, TOPICS.systemEvents, TOPICS.deadLetter];

/** The coordination agent: takes tasks in, routes them, tracks them to a terminal state. */
export default defineAgent({
  name: 'coordination',
  kind: 'service',
  description: 'Task submission, routing and dispatch, lifecycle, registry, failover and dead letters',
  capabilities: ['task.routing'],
  concurrency: 50,
  functions: [
    { name: 'submit', entry: entry('./submit.ts'), timeoutSeconds: 10, produces: relaysOutbox, triggers: [{ type: 'http', method: 'POST', path: '/tasks' }] },
    {
      name: 'api',
      entry: entry('./api.ts'),
      timeoutSeconds: 10,
      // A raw dead letter is redriven to the SYNTOR topic it came from, which may be any of them.
      produces: [...ALL_TOPICS],
      triggers: [
        { type: 'http', method: 'GET', path: '/tasks' },
        { type: 'http', method: 'GET', path: '/tasks/{id}' },
        { type: 'http', method: 'POST', path: '/tasks/{id}/cancel' },
        { type: 'http', method: 'GET', path: '/agents' },
        { type: 'http', method: 'GET', path: '/dlq' },
        { type: 'http', method: 'POST', path: '/dlq/{id}/redrive' },
      ],
    },
    {
      name: 'workflows',
      entry: entry('./workflows.ts'),
      timeoutSeconds: 10,
      produces: relaysOutbox,
      triggers: [
        { type: 'http', method: 'POST', path: '/workflows' },
        { type: 'http', method: 'GET', path: '/workflows' },
        { type: 'http', method: 'GET', path: '/workflows/{id}' },
        { type: 'http', method: 'POST', path: '/workflows/{id}/cancel' },
      ],
    },
    {
      name: 'requests',
      entry: entry('./requests.ts'),
      produces: [...relaysOutbox, TOPICS.serviceResponse],
      triggers: [{ ...kafka, topic: TOPICS.serviceRequest, filters: [{ value: { target: ['coordination'] } }], batchSize: 500, batchingWindowMs: 20 }],
    },
    { name: 'status', entry: entry('./status.ts'), produces: relaysOutbox, triggers: [{ ...kafka, topic: TOPICS.taskStatus, batchSize: 500, batchingWindowMs: 20 }] },
    { name: 'complete', entry: entry('./complete.ts'), produces: relaysOutbox, triggers: [{ ...kafka, topic: TOPICS.taskComplete, batchSize: 500, batchingWindowMs: 20 }] },
    {
      name: 'registry',
      entry: entry('./registry.ts'),
      produces: relaysOutbox,
      triggers: [
        { ...kafka, topic: TOPICS.agentRegistration, batchSize: 100, batchingWindowMs: 20 },
        { ...kafka, topic: TOPICS.agentHeartbeat, batchSize: 100, batchingWindowMs: 100 },
      ],
    },
    // Retried until it succeeds: its failures have nowhere further to go than syntor.dlq itself.
    { name: 'dead-letters', entry: entry('./deadLetters.ts'), produces: relaysOutbox, triggers: [{ ...kafka, maximumRetryAttempts: -1, topic: TOPICS.deadLetter, batchSize: 100, batchingWindowMs: 100 }] },
    { name: 'sweeper', entry: entry('./sweeper.ts'), timeoutSeconds: 60, produces: relaysOutbox, triggers: [{ type: 'schedule', expression: 'rate(1 minute)' }] },
  ],
});
