import type { DestinationStream } from 'pino';

/** A pino destination that keeps each JSON line, parsed, and the raw text (to prove a secret is absent). */
export function captureLines(): DestinationStream & { lines: Record<string, unknown>[]; text(): string } {
  const raw: string[] = [];
  return {
    write(line: string) {
      raw.push(line);
    },
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    text: () => raw.join(''),
  };
}
