/** Plain left-to-right addition, so the result is exactly `values.reduce((a, b) => a + b, 0)`. */
export function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

export function average(values: readonly number[]): number {
  return sum(values) / values.length;
}

// A loop rather than Math.min(...values): spreading a million arguments overflows the call stack.
export function min(values: readonly number[]): number {
  let result = Infinity;
  for (const value of values) if (value < result) result = value;
  return result;
}

export function max(values: readonly number[]): number {
  let result = -Infinity;
  for (const value of values) if (value > result) result = value;
  return result;
}

export function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Population standard deviation, or the sample one (divided by n − 1) when `sample` is set. */
export function stddev(values: readonly number[], sample: boolean): number {
  const mean = average(values);
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (sample ? values.length - 1 : values.length));
}

/** F(n) with F(0) = 0 and F(1) = 1, exact, as a decimal string. */
export function fibonacci(n: number): string {
  let previous = 0n;
  let current = 1n;
  for (let i = 0; i < n; i++) [previous, current] = [current, previous + current];
  return previous.toString();
}

/** n!, exact, as a decimal string. */
export function factorial(n: number): string {
  let result = 1n;
  for (let i = 2n; i <= BigInt(n); i++) result *= i;
  return result.toString();
}
