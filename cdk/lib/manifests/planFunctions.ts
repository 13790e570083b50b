import { ALL_TOPICS, TOPICS, type AgentManifest } from '../../../lib/contracts/index.js';
import { consumerGroupOf, functionId, hasOnFailureDestination, lambdaBatchingWindow } from '../../../lib/manifest/index.js';
import { triggerProblems } from '../../../lib/triggers/index.js';
import type { DeploymentSettings } from '../config/types.js';
import { CdkManifestUnsupportedError } from '../errors.js';
import { RESERVED_ENVIRONMENT } from './reservedEnvironment.js';
import type { PlannedFunction, PlannedKafkaTrigger } from './types.js';

const LAMBDA_NAME_MAX = 64;
// One rule for both runtimes; re-exported here for the CDK code that imported it from this module.
export { lambdaBatchingWindow };

/**
 * Turns the agent manifests into the functions to deploy, checking at synth time what Lambda, MSK,
 * EventBridge and API Gateway would otherwise reject at deploy time (or accept and then misbehave).
 *
 * @throws CdkManifestUnsupportedError naming every problem with its agent and function.
 */
export function planFunctions(agents: readonly AgentManifest[], settings: DeploymentSettings): PlannedFunction[] {
  const problems: string[] = [];
  const groups = new Map<string, string>();
  const routes = new Map<string, string>();
  const ids = new Set<string>();
  const planned = agents.flatMap((agent) =>
    agent.functions.map((fn): PlannedFunction => {
      const id = functionId(agent, fn);
      const where = `${id}:`;
      if (ids.has(id)) problems.push(`${where} declared twice (agent names must be unique)`);
      ids.add(id);
      const functionName = `${settings.prefix}-${id}`;
      if (functionName.length > LAMBDA_NAME_MAX) problems.push(`${where} the Lambda name "${functionName}" is longer than ${LAMBDA_NAME_MAX} characters`);
      for (const key of Object.keys(fn.environment)) {
        if (RESERVED_ENVIRONMENT.has(key)) problems.push(`${where} environment.${key} is set by the CDK app or Lambda and cannot be declared`);
      }
      const kafka: PlannedKafkaTrigger[] = [];
      for (const [i, trigger] of fn.triggers.entries()) {
        const at = `${where} triggers[${i}]`;
        // Checked by defineAgent too; again here for a manifest parsed from the schema alone.
        for (const problem of triggerProblems(trigger)) problems.push(`${at} ${problem.message}`);
        if (trigger.type === 'kafka') {
          if (!(ALL_TOPICS as readonly string[]).includes(trigger.topic)) {
            problems.push(`${at} topic "${trigger.topic}" is not one of the SYNTOR topics the messaging stack creates (${ALL_TOPICS.join(', ')})`);
          }
          const consumerGroupId = consumerGroupOf(agent, fn, trigger);
          const owner = groups.get(consumerGroupId);
          if (owner) problems.push(`${at} consumer group "${consumerGroupId}" is also used by ${owner}; each mapping needs its own`);
          groups.set(consumerGroupId, `${id} (${trigger.topic})`);
          const batchingWindowSeconds = lambdaBatchingWindow(trigger.batchingWindowMs);
          const deadLetter = hasOnFailureDestination(trigger);
          if (deadLetter && trigger.topic === TOPICS.deadLetter) {
            problems.push(`${at} consumes ${TOPICS.deadLetter} with finite retries or a maximum record age: its failures would go back to ${TOPICS.deadLetter}, which Lambda refuses`);
          }
          if (settings.kafka.pollers === 'on-demand' && !trigger.provisionedPollers && (deadLetter || trigger.reportBatchItemFailures || trigger.bisectBatchOnFunctionError)) {
            problems.push(`${at} maximumRetryAttempts, maximumRecordAgeInSeconds, bisectBatchOnFunctionError and reportBatchItemFailures need provisioned pollers; remove -c syntor:kafkaPollers=on-demand`);
          }
          kafka.push({ trigger, consumerGroupId, batchingWindowSeconds, deadLetter });
        } else if (trigger.type === 'http') {
          const routeKey = `${trigger.method} ${trigger.path}`;
          const taken = routes.get(routeKey);
          if (taken) problems.push(`${at} route "${routeKey}" is already served by ${taken}`);
          routes.set(routeKey, id);
        }
      }
      return {
        agent,
        fn,
        id,
        functionName,
        kafka,
        schedules: fn.triggers.filter((t) => t.type === 'schedule'),
        routes: fn.triggers.filter((t) => t.type === 'http'),
      };
    }),
  );
  if (problems.length > 0) throw new CdkManifestUnsupportedError(problems);
  return planned;
}
