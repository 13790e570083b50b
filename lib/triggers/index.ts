export { compileFilters, FilterPatternInvalidError, matchesPattern, parseFilterPattern, type FilterPattern } from './filter/index.js';
export { ANY_METHOD, compileRoute, HttpRouteInvalidError, matchRoute, type CompiledRoute, type RouteMatch, type RouteSegment, type RouteSpec } from './routes/index.js';
export { parseSchedule, ScheduleExpressionInvalidError, type Schedule } from './schedule/index.js';
export { triggerProblems } from './triggerProblems.js';
export type { TriggerRuleError, TriggerRules } from './types.js';
