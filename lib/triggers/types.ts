import type { FilterPatternInvalidError } from './filter/errors.js';
import type { HttpRouteInvalidError } from './routes/errors.js';
import type { ScheduleExpressionInvalidError } from './schedule/errors.js';

/** What this package checks of a manifest trigger; a `Trigger` of lib/contracts is one. */
export type TriggerRules =
  | { readonly type: 'kafka'; readonly filters: readonly unknown[] }
  | { readonly type: 'schedule'; readonly expression: string }
  | { readonly type: 'http'; readonly method: string; readonly path: string };

/** A trigger rule Lambda, EventBridge or API Gateway would refuse; its message says where in the trigger. */
export type TriggerRuleError = FilterPatternInvalidError | ScheduleExpressionInvalidError | HttpRouteInvalidError;
