export { compileFilters, FilterPatternInvalidError, matchesPattern, parseFilterPattern, type FilterPattern } from './filter/index.js';
export { parseSchedule, ScheduleExpressionInvalidError, type Schedule } from './schedule/index.js';
