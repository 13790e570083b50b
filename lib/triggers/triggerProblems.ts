import { FilterPatternInvalidError } from './filter/errors.js';
import { parseFilterAt } from './filter/parseFilterAt.js';
import { compileRoute } from './routes/compileRoute.js';
import { HttpRouteInvalidError } from './routes/errors.js';
import { ScheduleExpressionInvalidError } from './schedule/errors.js';
import { parseSchedule } from './schedule/parseSchedule.js';
import type { TriggerRuleError, TriggerRules } from './types.js';

/**
 * Everything in one trigger that its AWS service would refuse when the trigger is created: each Kafka
 * filter pattern (as Lambda checks it for the event source mapping), the schedule expression (as
 * EventBridge's `PutRule` does) or the route (as API Gateway does). The one check behind both
 * `defineAgent` and the CDK app's synth-time plan, so the harness and AWS accept the same triggers.
 *
 * @example
 * triggerProblems({ type: 'kafka', filters: [{ value: { amount: [{ numeric: ['>'] }] } }] })[0]?.message;
 * // 'filters[0] value.amount: numeric needs an operator followed by a number, …'
 * triggerProblems({ type: 'schedule', expression: 'rate(5 minutes)' }); // []
 */
export function triggerProblems(trigger: TriggerRules): TriggerRuleError[] {
  switch (trigger.type) {
    case 'kafka':
      return trigger.filters.flatMap((filter, filterIndex) => caught(() => void parseFilterAt(filter, filterIndex)));
    case 'schedule':
      return caught(() => void parseSchedule(trigger.expression));
    case 'http':
      return caught(() => void compileRoute({ method: trigger.method, path: trigger.path }));
  }
}

/** The trigger rule error `check` throws, if any; anything else is a bug and is rethrown. */
function caught(check: () => void): TriggerRuleError[] {
  try {
    check();
    return [];
  } catch (error) {
    if (error instanceof FilterPatternInvalidError || error instanceof ScheduleExpressionInvalidError || error instanceof HttpRouteInvalidError) return [error];
    throw error;
  }
}
