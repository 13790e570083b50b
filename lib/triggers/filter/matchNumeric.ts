/** Whether `value` satisfies every operator/bound pair of a validated `numeric` operand. */
export function matchNumeric(operand: readonly unknown[], value: number): boolean {
  for (let index = 0; index + 1 < operand.length; index += 2) {
    const bound = operand[index + 1];
    if (typeof bound !== 'number' || !compare(operand[index], value, bound)) return false;
  }
  return true;
}

function compare(operator: unknown, value: number, bound: number): boolean {
  switch (operator) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
    default:
      return false;
  }
}
