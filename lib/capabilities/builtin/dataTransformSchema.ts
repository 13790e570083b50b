import { z } from 'zod';
import { isJsonRecord, pathProblem, type JsonRecord } from './recordPath.js';

/**
 * `work` caps the estimated field operations of one run (see `estimateTransformWork`): each of the other
 * limits is fine alone, but their product (100 000 records × 50 steps × 1 000 fields) is not.
 */
export const DATA_TRANSFORM_LIMITS = { records: 100_000, steps: 50, fields: 1_000, inValues: 10_000, work: 10_000_000 } as const;

/** A dotted field path (`address.city`); array elements by index (`items.0.sku`) when reading. */
export const fieldPathSchema = z
  .string()
  .max(512, 'at most 512 characters')
  .superRefine((path, ctx) => {
    const problem = pathProblem(path);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  });

const fieldListSchema = z.array(fieldPathSchema).min(1, 'name at least one field').max(DATA_TRANSFORM_LIMITS.fields);

// Checked on the raw object rather than through z.record, which silently drops a "__proto__" key:
// a refused key must be reported, not ignored.
const renameMapSchema = z
  .unknown()
  .superRefine((raw, ctx) => {
    if (!isJsonRecord(raw)) {
      ctx.addIssue({ code: 'custom', message: 'must be an object of { "old.path": "new.path" }' });
      return;
    }
    const entries = Object.entries(raw);
    if (entries.length === 0) ctx.addIssue({ code: 'custom', message: 'name at least one field to rename' });
    for (const [from, to] of entries) {
      const problem = pathProblem(from) ?? (typeof to === 'string' ? pathProblem(to) : 'the new name must be a string');
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [from], message: problem });
    }
  })
  .transform((raw) => Object.entries(raw as Record<string, string>));

const filterOperatorSchema = z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists']);

function valueProblem(operator: z.infer<typeof filterOperatorSchema>, value: unknown): string | undefined {
  switch (operator) {
    case 'eq':
    case 'ne':
    case 'contains':
      return value === undefined ? `"${operator}" needs a value` : undefined;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' || typeof value === 'string' ? undefined : `"${operator}" compares with a number or a string`;
    case 'in':
      if (!Array.isArray(value)) return '"in" needs an array of values';
      return value.length > DATA_TRANSFORM_LIMITS.inValues ? `at most ${DATA_TRANSFORM_LIMITS.inValues} values` : undefined;
    case 'exists':
      return value === undefined || typeof value === 'boolean' ? undefined : '"exists" takes true (present) or false (absent)';
  }
}

export const transformStepSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('pick'), fields: fieldListSchema }),
  z.strictObject({ type: z.literal('omit'), fields: fieldListSchema }),
  z.strictObject({ type: z.literal('rename'), fields: renameMapSchema }),
  z
    .strictObject({ type: z.literal('filter'), field: fieldPathSchema, operator: filterOperatorSchema, value: z.unknown().optional() })
    .superRefine((step, ctx) => {
      const problem = valueProblem(step.operator, step.value);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
    }),
  z
    .strictObject({ type: z.literal('map'), field: fieldPathSchema, value: z.unknown().optional(), from: fieldPathSchema.optional() })
    .superRefine((step, ctx) => {
      if ((step.value === undefined) === (step.from === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['field'], message: 'give either "value" (a constant) or "from" (a field path to copy), not both or neither' });
      }
    }),
  z.strictObject({ type: z.literal('sort'), field: fieldPathSchema, direction: z.enum(['asc', 'desc']).default('asc') }),
  z.strictObject({ type: z.literal('limit'), n: z.int().min(0, 'must not be negative') }),
]);

// A shape check, not z.record: z.record copies every key of every record, which for 100 000 records
// blocked the event loop for ~220 ms on each side of the run (issue 13, finding 4).
const jsonRecordSchema = z.custom<JsonRecord>(isJsonRecord, 'a JSON object');

export const dataTransformInputSchema = z.object({
  records: z
    .array(jsonRecordSchema, 'an array of JSON objects')
    .max(DATA_TRANSFORM_LIMITS.records, `at most ${DATA_TRANSFORM_LIMITS.records} records`),
  steps: z.array(transformStepSchema).max(DATA_TRANSFORM_LIMITS.steps, `at most ${DATA_TRANSFORM_LIMITS.steps} steps`),
});

export const dataTransformOutputSchema = z.object({
  records: z.array(jsonRecordSchema),
  count: z.int().min(0),
});

export type TransformStep = z.infer<typeof transformStepSchema>;
export type DataTransformInput = z.infer<typeof dataTransformInputSchema>;
export type DataTransformOutput = z.infer<typeof dataTransformOutputSchema>;
