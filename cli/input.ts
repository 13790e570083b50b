import { readFileSync } from 'node:fs';
import { CliUsageError } from './errors.js';

/**
 * A JSON argument given inline or as `@file` (`-` after `@` reads stdin), parsed; unparsable text
 * is refused naming the argument, the file and JSON's complaint.
 */
export function readJsonArgument(raw: string, what: string): unknown {
  let text = raw;
  let source = 'the argument';
  if (raw.startsWith('@')) {
    const path = raw.slice(1);
    source = path === '-' ? 'stdin' : path;
    try {
      text = readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (error) {
      throw new CliUsageError(`${what}: cannot read ${source}: ${(error as Error).message}`);
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliUsageError(`${what} must be JSON (inline or @file): ${source} is not (${(error as Error).message})`);
  }
}

/** A JSON object argument (payloads, workflows). */
export function readJsonObject(raw: string, what: string): Record<string, unknown> {
  const value = readJsonArgument(raw, what);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliUsageError(`${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

export function wholeNumber(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) throw new CliUsageError(`${flag} expects a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** `k=v` pairs of a repeatable flag. */
export function keyValues(flag: string, raw: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries(
    (raw ?? []).map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new CliUsageError(`${flag} expects name=value, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );
}
