import type { CronFieldSpec } from './cronFields.js';
import { ScheduleExpressionInvalidError } from './errors.js';

type Fail = (reason: string) => never;

/**
 * Checks one field against EventBridge's rules and rewrites it for croner in Quartz day numbering
 * (1 = SUN): `?` becomes `*`, `a/s` becomes `a-max/s`, names become numbers, day-of-week `nL` becomes
 * `n#L` and a lone `L` becomes 7 (Saturday, the last day of the week).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
 *
 * @throws ScheduleExpressionInvalidError naming the field and what is wrong with it.
 */
export function parseCronField(expression: string, spec: CronFieldSpec, text: string): string {
  const fail: Fail = (reason) => {
    throw new ScheduleExpressionInvalidError(expression, `${spec.name}: ${reason}`);
  };
  if (text === '?') {
    if (!spec.any) fail('"?" is only allowed in day-of-month and day-of-week');
    return '*';
  }
  if (spec.name === 'day-of-month') {
    if (text === 'L' || text === 'LW') return text;
    const weekday = /^(\d+)W$/.exec(text);
    if (weekday) return `${value(spec, weekday[1] ?? '', fail)}W`;
  }
  if (spec.name === 'day-of-week') {
    if (text === 'L') return String(spec.max);
    const last = /^(\w+)L$/.exec(text);
    if (last) return `${value(spec, last[1] ?? '', fail)}#L`;
    const nth = /^(\w+)#(\d+)$/.exec(text);
    if (nth) {
      const week = Number(nth[2]);
      if (week < 1 || week > 5) fail(`the week after "#" must be 1-5; got "${nth[2]}"`);
      return `${value(spec, nth[1] ?? '', fail)}#${week}`;
    }
    // "3#1,6#3" is two expressions, which the reference calls out as invalid.
    if (text.includes('#')) fail(`"#" takes a single expression such as 3#2, not a list ("${text}")`);
  }
  if (/[LW#]/.test(text.toUpperCase().replace(/[A-Z]{3}/g, ''))) fail(`"${text}" uses L, W or # where EventBridge does not allow it`);
  return text
    .split(',')
    .map((item) => parseItem(spec, item, fail))
    .join(',');
}

function parseItem(spec: CronFieldSpec, item: string, fail: Fail): string {
  const [range = '', step, ...extra] = item.split('/');
  if (extra.length > 0 || range === '') fail(`"${item}" is not a value, range or increment`);
  if (step !== undefined) {
    if (!spec.steps) fail('"/" increments are not allowed here');
    if (!/^\d+$/.test(step) || Number(step) < 1) fail(`the increment after "/" must be a positive whole number; got "${step}"`);
  }
  const suffix = step === undefined ? '' : `/${Number(step)}`;
  if (range === '*') return `*${suffix}`;
  const [fromText = '', toText, ...more] = range.split('-');
  if (more.length > 0) fail(`"${item}" is not a value, range or increment`);
  const from = value(spec, fromText, fail);
  if (toText === undefined) {
    // Quartz's `start/step` runs from start to the end of the field: minutes 0/5 = 0,5,…,55.
    return step === undefined ? String(from) : `${from}-${spec.max}${suffix}`;
  }
  const to = value(spec, toText, fail);
  if (from > to) fail(`the range "${range}" starts after it ends`);
  return `${from}-${to}${suffix}`;
}

function value(spec: CronFieldSpec, token: string, fail: Fail): number {
  const named = spec.names?.indexOf(token.toUpperCase()) ?? -1;
  const n = named >= 0 ? spec.min + named : /^\d+$/.test(token) ? Number(token) : Number.NaN;
  if (!(n >= spec.min && n <= spec.max)) {
    const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : '';
    fail(`"${token}" is not ${spec.min}-${spec.max}${names}`);
  }
  return n;
}
