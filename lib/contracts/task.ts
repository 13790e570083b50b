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

/** What a client sends to create a task: the rest is filled by the coordinator. */
export const taskSubmissionSchema = z.object({
  type: taskTypeSchema,
  priority: taskPrioritySchema.default(TASK_PRIORITY.normal),
  requiredCapabilities: z.array(capabilitySchema).default([]),
  payload: jsonObjectSchema.default({}),
  timeoutMs: z.number().int().min(100).max(15 * 60_000).default(60_000),
  maxRetries: z.number().int().min(0).max(20).default(3),
  idempotencyKey: z.string().min(1).max(200).optional(),
});

export type Task = z.infer<typeof taskSchema>;
export type TaskStatus = z.infer<typeof taskStatusSchema>;
export type TaskPriority = z.infer<typeof taskPrioritySchema>;
export type TaskSubmission = z.input<typeof taskSubmissionSchema>;
