import { z } from 'zod';
import { agentNameSchema, capabilitySchema } from './common.js';
import { KAFKA_TRIGGER_LIMITS } from './kafkaTriggerLimits.js';

const kebab = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Kafka topic names: what the broker accepts (legal characters, at most 249). */
const topicNameSchema = z.string().regex(/^[a-zA-Z0-9._-]{1,249}$/, 'a Kafka topic name');

/**
 * Provisioned mode: the event pollers a mapping keeps (minimum) and may scale to (maximum); AWS's
 * `ProvisionedPollerConfig`. https://docs.aws.amazon.com/lambda/latest/api/API_ProvisionedPollerConfig.html
 */
const provisionedPollersSchema = z
  .object({
    minimumPollers: z.number().int().min(1).max(KAFKA_TRIGGER_LIMITS.pollers.minimum).default(1),
    maximumPollers: z.number().int().min(1).max(KAFKA_TRIGGER_LIMITS.pollers.maximum).default(KAFKA_TRIGGER_LIMITS.pollers.defaultMaximum),
  })
  .refine((p) => p.minimumPollers <= p.maximumPollers, { message: 'minimumPollers must not exceed maximumPollers' });

const { recordAgeSeconds } = KAFKA_TRIGGER_LIMITS;

/**
 * A Kafka trigger, as a Lambda event source mapping for MSK declares it.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 * https://docs.aws.amazon.com/lambda/latest/dg/msk-esm-parameters.html
 */
export const kafkaTriggerSchema = z
  .object({
    type: z.literal('kafka'),
    topic: topicNameSchema,
    /** Lambda filter-criteria patterns on the record value; ORed; none = every record. */
    filters: z
      .array(z.record(z.string(), z.unknown()))
      .max(KAFKA_TRIGGER_LIMITS.filters, `at most ${KAFKA_TRIGGER_LIMITS.filters} filters per Kafka trigger (Lambda's default quota per event source mapping); combine patterns or split the function`)
      .default([]),
    batchSize: z.number().int().min(1).max(10_000).default(100),
    /**
     * Lambda's default for Kafka sources is 500 ms; any other value is applied in whole seconds, in
     * both runtimes (see `appliedBatchingWindowMs`).
     */
    batchingWindowMs: z.number().int().min(0).max(300_000).default(500),
    startingPosition: z.enum(['TRIM_HORIZON', 'LATEST', 'AT_TIMESTAMP']).default('TRIM_HORIZON'),
    /** With `AT_TIMESTAMP`: Unix time in seconds, not in the future (AWS's `StartingPositionTimestamp`). */
    startingPositionTimestamp: z.number().nonnegative().optional(),
    /** Defaults to `syntor-<agent>-<function>`. */
    consumerGroupId: z.string().regex(/^[a-zA-Z0-9._-]{1,200}$/).optional(),
    /**
     * Retries after the first failed invocation; -1 = until it succeeds (Lambda's default), or 10 when
     * `maximumRecordAgeInSeconds` gives the trigger an on-failure destination.
     */
    maximumRetryAttempts: z.number().int().min(-1).max(10_000).default(-1),
    /** Records older than this (by their Kafka timestamp) go to syntor.dlq instead of the handler; -1 = no limit. */
    maximumRecordAgeInSeconds: z
      .number()
      .int()
      .refine((s) => s === -1 || (s >= recordAgeSeconds.min && s <= recordAgeSeconds.max), `-1 or ${recordAgeSeconds.min}–${recordAgeSeconds.max} seconds`)
      .default(-1),
    /** On a function error, split the batch in two and retry each half (AWS's `BisectBatchOnFunctionError`). */
    bisectBatchOnFunctionError: z.boolean().default(false),
    /** Honour `{ batchItemFailures }` in the handler's response (Lambda's `ReportBatchItemFailures`). */
    reportBatchItemFailures: z.boolean().default(false),
    /** Provisioned mode with these bounds; absent = on-demand (up to one poller per partition). */
    provisionedPollers: provisionedPollersSchema.optional(),
  })
  .superRefine((trigger, ctx) => {
    if (trigger.startingPosition === 'AT_TIMESTAMP' && trigger.startingPositionTimestamp === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startingPositionTimestamp'], message: 'startingPosition AT_TIMESTAMP needs startingPositionTimestamp (Unix seconds)' });
    }
    if (trigger.startingPosition !== 'AT_TIMESTAMP' && trigger.startingPositionTimestamp !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['startingPositionTimestamp'], message: 'startingPositionTimestamp only applies with startingPosition AT_TIMESTAMP' });
    }
    if (trigger.startingPositionTimestamp !== undefined && trigger.startingPositionTimestamp * 1000 > Date.now()) {
      ctx.addIssue({ code: 'custom', path: ['startingPositionTimestamp'], message: 'startingPositionTimestamp cannot be in the future' });
    }
  });

/** An EventBridge schedule: `rate(5 minutes)` or a six-field `cron(...)`. */
export const scheduleTriggerSchema = z.object({
  type: z.literal('schedule'),
  expression: z
    .string()
    .regex(
      /^(rate\(\s*\d+\s+(minute|minutes|hour|hours|day|days)\s*\)|cron\(\s*\S+(\s+\S+){5}\s*\))$/,
      'rate(<n> minute[s]|hour[s]|day[s]) or cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>)',
    ),
});

/** An API Gateway HTTP API route; `{name}` is a path parameter, `{name+}` a greedy one. */
export const httpTriggerSchema = z.object({
  type: z.literal('http'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\/(?:[a-zA-Z0-9._~-]+|\{[a-zA-Z][a-zA-Z0-9_]*\+?\})?(?:\/(?:[a-zA-Z0-9._~-]+|\{[a-zA-Z][a-zA-Z0-9_]*\+?\}))*$/, 'a path such as /tasks/{id}'),
});

export const triggerSchema = z.discriminatedUnion('type', [kafkaTriggerSchema, scheduleTriggerSchema, httpTriggerSchema]);

export const functionManifestSchema = z
  .object({
    name: z.string().regex(kebab, 'a kebab-case function name'),
    /** Absolute path of the handler module. */
    entry: z.string().min(1),
    /** The module's export that is the handler. */
    handler: z.string().regex(/^[A-Za-z_$][\w$]*$/).default('handler'),
    memoryMb: z.number().int().min(128).max(10_240).default(256),
    timeoutSeconds: z.number().int().min(1).max(900).default(30),
    environment: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), z.string()).default({}),
    triggers: z.array(triggerSchema).min(1, 'at least one trigger'),
    /**
     * Topics the function may write: its IAM grant on AWS and what its producer accepts in both
     * runtimes. A Kafka-triggered function may also write syntor.dlq (its poison records go there).
     * Absent = nothing, so an undeclared write fails closed with `topic-not-allowed`, naming the
     * function and the topic to declare, the same locally as on Lambda.
     * @default []
     */
    produces: z.array(topicNameSchema).default([]),
  })
  .superRefine((fn, ctx) => {
    const limit = KAFKA_TRIGGER_LIMITS.functionTimeoutSeconds;
    if (fn.timeoutSeconds > limit && fn.triggers.some((t) => t.type === 'kafka')) {
      ctx.addIssue({ code: 'custom', path: ['timeoutSeconds'], message: `function "${fn.name}" has a Kafka trigger, so its timeout can be at most ${limit} s (14 minutes, Lambda's limit for Kafka event source mappings), not ${fn.timeoutSeconds} s` });
    }
  });

export const agentManifestSchema = z
  .object({
    name: agentNameSchema,
    kind: z.enum(['service', 'worker']),
    description: z.string().default(''),
    capabilities: z.array(capabilitySchema).default([]),
    /** Tasks one agent runs at once, across its instances. */
    concurrency: z.number().int().min(1).max(1_000).default(10),
    functions: z.array(functionManifestSchema).min(1, 'at least one function'),
  })
  .superRefine((agent, ctx) => {
    const seen = new Set<string>();
    const groups = new Map<string, string>();
    agent.functions.forEach((fn, i) => {
      if (seen.has(fn.name)) ctx.addIssue({ code: 'custom', path: ['functions', i, 'name'], message: `duplicate function name "${fn.name}"` });
      seen.add(fn.name);
      fn.triggers.forEach((trigger, j) => {
        if (trigger.type !== 'kafka' || !trigger.consumerGroupId) return;
        // One consumer group per event source mapping: sharing one would split partitions between them.
        const owner = groups.get(trigger.consumerGroupId);
        if (owner) ctx.addIssue({ code: 'custom', path: ['functions', i, 'triggers', j, 'consumerGroupId'], message: `consumer group "${trigger.consumerGroupId}" is already used by ${owner}` });
        groups.set(trigger.consumerGroupId, `${fn.name} (${trigger.topic})`);
      });
    });
  });

export type KafkaTrigger = z.output<typeof kafkaTriggerSchema>;
export type ScheduleTrigger = z.output<typeof scheduleTriggerSchema>;
export type HttpTrigger = z.output<typeof httpTriggerSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type FunctionManifest = z.output<typeof functionManifestSchema>;
export type AgentManifest = z.output<typeof agentManifestSchema>;
export type AgentManifestInput = z.input<typeof agentManifestSchema>;
