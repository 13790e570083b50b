import { z } from 'zod';
import { capabilitySchema, errorInfoSchema, isoTimestampSchema, jsonObjectSchema } from './common.js';

/** Priorities of the original system; higher runs first. */
export const TASK_PRIORITY = { low: 1, normal: 5, high: 10, critical: 15 } as const;
export const taskPrioritySchema = z.union(
  Object.values(TASK_PRIORITY).map((p) => z.literal(p)) as [z.ZodLiteral<1>, z.ZodLiteral<5>, z.ZodLiteral<10>, z.ZodLiteral<15>],
  { error: 'a priority of 1 (low), 5 (normal), 10 (high) or 15 (critical)' },
);

export const TASK_STATUSES = ['pending', 'assigned', 'running', 'completed', 'failed', 'dead', 'cancelled'] as const;
export const taskStatusSchema = z.enum(TASK_STATUSES);

export const taskTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:[._-][a-z0-9]+)*$/, 'a task type such as "compute" or "git.clone"');

export const taskSchema = z.object({
  id: z.uuid(),
  type: taskTypeSchema,
  priority: taskPrioritySchema,
  requiredCapabilities: z.array(capabilitySchema),
  payload: jsonObjectSchema,
  status: taskStatusSchema,
  assignedAgent: z.string().optional(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  assignedAt: isoTimestampSchema.optional(),
  startedAt: isoTimestampSchema.optional(),
  completedAt: isoTimestampSchema.optional(),
  leaseExpiresAt: isoTimestampSchema.optional(),
  timeoutMs: z.number().int().positive(),
  retryCount: z.number().int().min(0),
  maxRetries: z.number().int().min(0),
  result: z.unknown().optional(),
  error: errorInfoSchema.optional(),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

/** How far ahead a task can be delayed: further is more likely a unit mistake than a plan. */
export const TASK_MAX_DELAY_MS = 366 * 24 * 3_600_000;

/**
 * What a client sends to create a task: the rest is filled by the coordinator. The type names the
 * capability that runs it, so it is always required of the agent (`requiredCapabilities` adds more);
 * `runAt` or `delayMs` (not both) hold it pending until then.
 */
export const taskSubmissionSchema = z.object({
  type: taskTypeSchema,
  priority: taskPrioritySchema.default(TASK_PRIORITY.normal),
  requiredCapabilities: z.array(capabilitySchema).default([]),
  runAt: isoTimestampSchema.optional(),
  delayMs: z.number().int().min(0).max(TASK_MAX_DELAY_MS).optional(),
  payload: jsonObjectSchema.default({}),
  timeoutMs: z.number().int().min(100).max(15 * 60_000).default(60_000),
  maxRetries: z.number().int().min(0).max(20).default(3),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

export type Task = z.infer<typeof taskSchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type TaskPriority = z.infer<typeof taskPrioritySchema>;
export type TaskSubmission = z.input<typeof taskSubmissionSchema>;
export type ParsedTaskSubmission = z.output<typeof taskSubmissionSchema>;

/** The capabilities an agent needs to run a task: its type's first, then the others asked for. */
export const capabilitiesFor = (s: Pick<ParsedTaskSubmission, 'type' | 'requiredCapabilities'>): string[] => [...new Set([s.type, ...s.requiredCapabilities])];

/**
 * When a submission may first be dispatched (`undefined`: now), or what is wrong with its timing,
 * named by field: the two ways of delaying are exclusive, and a `runAt` beyond the longest delay is refused.
 */
export function startOf(s: Pick<ParsedTaskSubmission, 'runAt' | 'delayMs'>, now = Date.now()): { at?: Date; error?: { field: string; message: string } } {
  if (s.runAt !== undefined && s.delayMs !== undefined) return { error: { field: 'delayMs', message: 'give runAt or delayMs, not both' } };
  if (s.delayMs !== undefined) return s.delayMs > 0 ? { at: new Date(now + s.delayMs) } : {};
  if (s.runAt === undefined) return {};
  const at = Date.parse(s.runAt);
  if (at - now > TASK_MAX_DELAY_MS) return { error: { field: 'runAt', message: `at most ${TASK_MAX_DELAY_MS / 86_400_000} days ahead` } };
  return at > now ? { at: new Date(at) } : {};
}
