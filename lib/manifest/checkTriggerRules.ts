import type { AgentManifest } from '../contracts/index.js';
// The module itself, not lib/triggers' index: agent manifests load in every Lambda bundle, the matchers need not.
import { triggerProblems } from '../triggers/triggerProblems.js';
import { ManifestInvalidError } from './errors.js';

/**
 * Refuses a manifest whose filter patterns, schedule expressions or routes Lambda, EventBridge or API
 * Gateway would refuse, with the same parsers the harness runs them with, so a bad trigger fails when
 * its manifest is defined rather than when the harness starts or the stack deploys.
 *
 * @throws ManifestInvalidError naming each function and trigger at fault, e.g.
 * `✖ function "execute", triggers[0]: filters[0] value.amount: numeric needs an operator followed by a number, …`
 */
export function checkTriggerRules(agent: AgentManifest): void {
  const problems = agent.functions.flatMap((fn, i) =>
    fn.triggers.flatMap((trigger, j) =>
      triggerProblems(trigger).map((error) => ({ error, line: `✖ function "${fn.name}", triggers[${j}]: ${error.message}\n  → at functions[${i}].triggers[${j}]` })),
    ),
  );
  if (problems.length === 0) return;
  const errors = problems.map((p) => p.error);
  throw new ManifestInvalidError(agent.name, problems.map((p) => p.line).join('\n'), { cause: errors.length === 1 ? errors[0] : new AggregateError(errors, 'invalid triggers') });
}
