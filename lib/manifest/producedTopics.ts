import { TOPICS, type FunctionManifest } from '../contracts/index.js';

/**
 * The topics a function may write: its manifest's `produces`, plus syntor.dlq when a Kafka trigger
 * feeds it — its poison records go there, from its own handler and (on AWS) from the event source
 * mapping's on-failure destination, which writes with the function's role. The CDK app grants these
 * and the harness scopes each invocation to them, so both runtimes read the rule here.
 *
 * @example
 * producedTopics({ produces: ['syntor.tasks.status'], triggers: [{ type: 'kafka', topic: 'syntor.tasks.assignment', ... }] });
 * // → ['syntor.dlq', 'syntor.tasks.status']
 */
export function producedTopics(fn: Pick<FunctionManifest, 'produces' | 'triggers'>): string[] {
  const topics = new Set(fn.produces);
  if (fn.triggers.some((t) => t.type === 'kafka')) topics.add(TOPICS.deadLetter);
  return [...topics].sort();
}
