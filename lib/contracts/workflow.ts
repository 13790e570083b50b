import { z } from 'zod';
import { errorInfoSchema, isoTimestampSchema, jsonObjectSchema } from './common.js';
import { taskStatusSchema, taskSubmissionSchema } from './task.js';

/** No dots: they separate the parts of a `$from` reference. */
export const workflowStepNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,62}$/, 'a step name of lower-case letters, digits, "-" or "_", starting with a letter');

export const WORKFLOW_FAILURE_POLICIES = ['fail-fast', 'continue'] as const;
export const WORKFLOW_STATUSES = ['running', 'completed', 'failed', 'cancelled'] as const;
/**
 * `waiting` for its dependencies; `started` once its task exists (the task's status tells the rest);
 * `skipped` when a dependency did not complete under the `continue` policy.
 */
export const WORKFLOW_STEP_STATUSES = ['waiting', 'started', 'completed', 'failed', 'skipped', 'cancelled'] as const;

export const workflowStatusSchema = z.enum(WORKFLOW_STATUSES);
export const workflowStepStatusSchema = z.enum(WORKFLOW_STEP_STATUSES);

export const WORKFLOW_LIMITS = { steps: 100, dependencies: 50, children: 100 } as const;

/**
 * One step: a task, the steps it waits for, and whether its result lists child tasks to create
 * (`dynamic`: the result's `children`, each a task submission).
 */
export const workflowStepSchema = taskSubmissionSchema
  .omit({ idempotencyKey: true })
  .extend({
    dependsOn: z.array(workflowStepNameSchema).max(WORKFLOW_LIMITS.dependencies).default([]),
    dynamic: z.boolean().default(false),
  })
  .strict();

export const workflowSubmissionSchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    steps: z
      .record(workflowStepNameSchema, workflowStepSchema)
      .refine((steps) => Object.keys(steps).length > 0, 'a workflow needs at least one step')
      .refine((steps) => Object.keys(steps).length <= WORKFLOW_LIMITS.steps, `a workflow has at most ${WORKFLOW_LIMITS.steps} steps`),
    /** `fail-fast` cancels what has not finished once a step fails; `continue` runs the branches that do not depend on it. */
    onFailure: z.enum(WORKFLOW_FAILURE_POLICIES).default('fail-fast'),
    idempotencyKey: z.string().min(1).max(200).optional(),
  })
  .strict();

/** What a dynamic step's result must hold: the child tasks to run before its dependents start. */
export const workflowChildrenSchema = z.object({
  children: z.array(taskSubmissionSchema.omit({ idempotencyKey: true }).strict()).max(WORKFLOW_LIMITS.children),
});

export const workflowStepViewSchema = z.object({
  name: z.string(),
  status: workflowStepStatusSchema,
  type: z.string(),
  dependsOn: z.array(z.string()),
  dynamic: z.boolean(),
  /** The dynamic step a child was created by. */
  parent: z.string().optional(),
  taskId: z.uuid().optional(),
  taskStatus: taskStatusSchema.optional(),
  attempt: z.number().int().optional(),
  startedAt: isoTimestampSchema.optional(),
  finishedAt: isoTimestampSchema.optional(),
  result: z.unknown().optional(),
  error: errorInfoSchema.optional(),
});

export const workflowViewSchema = z.object({
  id: z.uuid(),
  name: z.string().optional(),
  status: workflowStatusSchema,
  onFailure: z.enum(WORKFLOW_FAILURE_POLICIES),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema,
  finishedAt: isoTimestampSchema.optional(),
  /** Why it failed: the steps that did not complete. */
  error: jsonObjectSchema.optional(),
  submittedBy: z.string().optional(),
  steps: z.array(workflowStepViewSchema),
});

export type WorkflowSubmission = z.input<typeof workflowSubmissionSchema>;
export type ParsedWorkflow = z.output<typeof workflowSubmissionSchema>;
export type WorkflowStep = z.output<typeof workflowStepSchema>;
export type WorkflowStatus = z.infer<typeof workflowStatusSchema>;
export type WorkflowStepStatus = z.infer<typeof workflowStepStatusSchema>;
export type WorkflowFailurePolicy = (typeof WORKFLOW_FAILURE_POLICIES)[number];
export type WorkflowView = z.infer<typeof workflowViewSchema>;
export type WorkflowStepView = z.infer<typeof workflowStepViewSchema>;
