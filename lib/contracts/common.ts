import { z } from 'zod';

/** Agent names double as Kafka keys, filter values and Lambda name parts: keep them kebab-case. */
export const agentNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'a lower-case agent name (letters, digits, dashes; at most 63 characters)');

export const capabilitySchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, 'a capability name such as "compute" or "data.transform"');

export const instanceIdSchema = z.string().min(1).max(128);

export const isoTimestampSchema = z.iso.datetime({ offset: true });

/** A JSON object: what task payloads, results and service params are. */
export const jsonObjectSchema = z.record(z.string(), z.unknown());

/** An error as it travels in messages and is stored: never a stack trace with secrets, just what is needed to act. */
export const errorInfoSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  retriable: z.boolean().default(false),
  details: z.unknown().optional(),
});

export type AgentName = z.infer<typeof agentNameSchema>;
export type Capability = z.infer<typeof capabilitySchema>;
export type ErrorInfo = z.infer<typeof errorInfoSchema>;
export type JsonObject = z.infer<typeof jsonObjectSchema>;
