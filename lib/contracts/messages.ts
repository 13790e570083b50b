import { z } from 'zod';
import {
  agentNameSchema,
  capabilitySchema,
  errorInfoSchema,
  instanceIdSchema,
  isoTimestampSchema,
  jsonObjectSchema,
} from './common.js';
import { envelopeSchema } from './envelope.js';
import { taskSchema } from './task.js';
import { TOPICS, type TopicName } from './topics.js';

// syntor.tasks.assignment
export const taskAssignPayloadSchema = z.object({
  task: taskSchema.pick({
    id: true,
    type: true,
    priority: true,
    requiredCapabilities: true,
    payload: true,
    timeoutMs: true,
    maxRetries: true,
  }),
  /** 1 for the first try; a completion for another attempt is stale. */
  attempt: z.number().int().min(1),
  agent: agentNameSchema,
  leaseExpiresAt: isoTimestampSchema,
});

// syntor.tasks.status
export const taskStatusPayloadSchema = z.object({
  taskId: z.uuid(),
  attempt: z.number().int().min(1),
  agent: agentNameSchema,
  instanceId: instanceIdSchema,
  state: z.enum(['running', 'progress']),
  progress: z.number().min(0).max(100).optional(),
  message: z.string().max(2000).optional(),
});

// syntor.tasks.complete
const completionBase = z.object({
  taskId: z.uuid(),
  attempt: z.number().int().min(1),
  agent: agentNameSchema,
  instanceId: instanceIdSchema,
  durationMs: z.number().int().min(0),
});
export const taskCompletePayloadSchema = z.discriminatedUnion('outcome', [
  completionBase.extend({ outcome: z.literal('success'), result: z.unknown() }),
  completionBase.extend({ outcome: z.literal('failure'), error: errorInfoSchema }),
]);

// syntor.agents.registration
export const agentRegisterPayloadSchema = z.object({
  agent: agentNameSchema,
  instanceId: instanceIdSchema,
  kind: z.enum(['service', 'worker']),
  capabilities: z.array(capabilitySchema),
  concurrency: z.number().int().min(1),
  version: z.string().optional(),
  startedAt: isoTimestampSchema,
});
export const agentDeregisterPayloadSchema = z.object({
  agent: agentNameSchema,
  instanceId: instanceIdSchema,
  reason: z.string().max(500).optional(),
});

// syntor.agents.heartbeat
export const agentHeartbeatPayloadSchema = z.object({
  agent: agentNameSchema,
  instanceId: instanceIdSchema,
  inFlight: z.number().int().min(0),
  capacity: z.number().int().min(1),
});

// syntor.services.request / syntor.services.response (matched by the envelope's correlationId)
export const serviceRequestPayloadSchema = z.object({
  operation: z.string().regex(/^[a-z][a-z0-9]*(?:\.[a-z][a-zA-Z0-9]*)+$/, 'an operation such as "task.submit"'),
  params: jsonObjectSchema.default({}),
});
export const serviceResponsePayloadSchema = z.discriminatedUnion('ok', [
  z.object({ operation: z.string(), ok: z.literal(true), result: z.unknown() }),
  z.object({ operation: z.string(), ok: z.literal(false), error: errorInfoSchema }),
]);

// syntor.system.events
export const SYSTEM_EVENTS = [
  'task.dead_lettered',
  'task.unroutable',
  'task.redriven',
  'task.lease_expired',
  'circuit.opened',
  'circuit.half_opened',
  'circuit.closed',
  'agent.lost',
  'workflow.submitted',
  'workflow.completed',
  'workflow.failed',
  'workflow.cancelled',
] as const;
export const systemEventPayloadSchema = z.object({
  event: z.enum(SYSTEM_EVENTS),
  /** What the event is about: a task or workflow id, or an agent name. */
  subject: z.string().min(1),
  severity: z.enum(['info', 'warning', 'critical']).default('info'),
  details: jsonObjectSchema.default({}),
});

// syntor.dlq
export const deadLetterPayloadSchema = z.object({
  reason: z.string().min(1),
  /** Machine-readable cause, e.g. "invalid-json", "invalid-envelope", "retries-exhausted". */
  reasonCode: z.string().min(1),
  origin: z.object({
    topic: z.string().min(1),
    partition: z.number().int().min(0),
    offset: z.string().regex(/^\d+$/),
    key: z.string().nullable().optional(),
    timestamp: z.number().int().optional(),
  }),
  /** The original value, base64, exactly as received (it may not be valid UTF-8 or JSON). */
  value: z.string().nullable(),
  failedBy: z.string().min(1),
  failedAt: isoTimestampSchema,
  /** Set when a task was dead-lettered (rather than an unreadable record): redrive re-queues it. */
  taskId: z.uuid().optional(),
  details: z.unknown().optional(),
});

/** Every message type: the topic it travels on and the schema of its payload. */
export const MESSAGE_TYPES = {
  'task.assign': { topic: TOPICS.taskAssignment, payload: taskAssignPayloadSchema },
  'task.status': { topic: TOPICS.taskStatus, payload: taskStatusPayloadSchema },
  'task.complete': { topic: TOPICS.taskComplete, payload: taskCompletePayloadSchema },
  'agent.register': { topic: TOPICS.agentRegistration, payload: agentRegisterPayloadSchema },
  'agent.deregister': { topic: TOPICS.agentRegistration, payload: agentDeregisterPayloadSchema },
  'agent.heartbeat': { topic: TOPICS.agentHeartbeat, payload: agentHeartbeatPayloadSchema },
  'service.request': { topic: TOPICS.serviceRequest, payload: serviceRequestPayloadSchema },
  'service.response': { topic: TOPICS.serviceResponse, payload: serviceResponsePayloadSchema },
  'system.event': { topic: TOPICS.systemEvents, payload: systemEventPayloadSchema },
  'dlq.record': { topic: TOPICS.deadLetter, payload: deadLetterPayloadSchema },
} as const satisfies Record<string, { topic: TopicName; payload: z.ZodType }>;

export type MessageType = keyof typeof MESSAGE_TYPES;
export type PayloadOf<T extends MessageType> = z.output<(typeof MESSAGE_TYPES)[T]['payload']>;
export type PayloadInput<T extends MessageType> = z.input<(typeof MESSAGE_TYPES)[T]['payload']>;

function messageSchemaFor(type: MessageType) {
  return envelopeSchema.extend({ type: z.literal(type), payload: MESSAGE_TYPES[type].payload });
}

/** One envelope whose payload matches its type; `type` discriminates. */
export const messageSchema = z.discriminatedUnion(
  'type',
  (Object.keys(MESSAGE_TYPES) as MessageType[]).map(messageSchemaFor) as [
    ReturnType<typeof messageSchemaFor>,
    ...ReturnType<typeof messageSchemaFor>[],
  ],
);

type EnvelopeFields = Omit<z.output<typeof envelopeSchema>, 'type' | 'payload'>;

/** A validated message: the envelope with `type` narrowing `payload`. */
export type Message = { [T in MessageType]: EnvelopeFields & { type: T; payload: PayloadOf<T> } }[MessageType];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

export type TaskAssignPayload = PayloadOf<'task.assign'>;
export type TaskStatusPayload = PayloadOf<'task.status'>;
export type TaskCompletePayload = PayloadOf<'task.complete'>;
export type AgentRegisterPayload = PayloadOf<'agent.register'>;
export type AgentDeregisterPayload = PayloadOf<'agent.deregister'>;
export type AgentHeartbeatPayload = PayloadOf<'agent.heartbeat'>;
export type ServiceRequestPayload = PayloadOf<'service.request'>;
export type ServiceResponsePayload = PayloadOf<'service.response'>;
export type SystemEventPayload = PayloadOf<'system.event'>;
export type DeadLetterPayload = PayloadOf<'dlq.record'>;

export function isMessageType(value: string): value is MessageType {
  return Object.hasOwn(MESSAGE_TYPES, value);
}
