import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { agentManifestSchema, type AgentManifest, type AgentManifestInput, type FunctionManifest } from '../contracts/index.js';
import { checkTriggerRules } from './checkTriggerRules.js';
import { ManifestInvalidError } from './errors.js';

/**
 * Declares an agent once, for both the local harness and the CDK app. Validates at import time, so a
 * bad manifest fails the process that loads it with every problem named: the schema first, then each
 * trigger's filter patterns, schedule expression and route as AWS would check them (lib/triggers).
 *
 * @example
 * export default defineAgent({
 *   name: 'worker', kind: 'worker', capabilities: ['compute'], concurrency: 4,
 *   functions: [{ name: 'execute', entry: handlerPath(import.meta.url, './execute.ts'),
 *     triggers: [{ type: 'kafka', topic: TOPICS.taskAssignment, filters: [{ value: { target: ['worker'] } }] }] }],
 * });
 */
export function defineAgent(input: AgentManifestInput): AgentManifest {
  const parsed = agentManifestSchema.safeParse(input);
  if (!parsed.success) {
    throw new ManifestInvalidError(String((input as { name?: unknown }).name ?? '?'), z.prettifyError(parsed.error), { cause: parsed.error });
  }
  checkTriggerRules(parsed.data);
  return parsed.data;
}

/** The absolute path of a handler module next to the manifest: `handlerPath(import.meta.url, './submit.ts')`. */
export function handlerPath(manifestUrl: string, relative: string): string {
  return fileURLToPath(new URL(relative, manifestUrl));
}

/** The deployed function's name: `<agent>-<function>`, as Lambda and the harness both call it. */
export function functionId(agent: Pick<AgentManifest, 'name'>, fn: Pick<FunctionManifest, 'name'>): string {
  return `${agent.name}-${fn.name}`;
}

/**
 * The consumer group of a Kafka trigger: as declared, else `syntor-<agent>-<function>`, with the
 * topic appended when the function has several Kafka triggers — each is its own event source
 * mapping, and one group cannot serve two subscriptions.
 */
export function consumerGroupOf(
  agent: Pick<AgentManifest, 'name'>,
  fn: Pick<FunctionManifest, 'name' | 'triggers'>,
  trigger: { topic: string; consumerGroupId?: string | undefined },
): string {
  if (trigger.consumerGroupId) return trigger.consumerGroupId;
  const kafkaTriggers = fn.triggers.filter((t) => t.type === 'kafka').length;
  return `syntor-${functionId(agent, fn)}${kafkaTriggers > 1 ? `-${trigger.topic}` : ''}`;
}
