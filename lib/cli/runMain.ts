import { ConfigInvalidError } from '../config/index.js';

/** Turns an error into what a person at a terminal should read: its name and message, no stack. */
export type ErrorReport = (error: unknown) => { message: string; exitCode: number } | undefined;

/**
 * Runs a command-line `main`, exits with the code it returns, and reports a thrown error as one
 * readable message (exit 1) — a bad SYNTOR_* variable as the list of problems, nothing else.
 * `explain` may claim errors of its own (usage errors exit 2, for instance).
 */
export function runMain(main: (argv: string[]) => Promise<number>, explain?: ErrorReport): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const claimed = explain?.(error);
      if (claimed) {
        console.error(claimed.message);
        process.exit(claimed.exitCode);
      }
      if (error instanceof ConfigInvalidError) console.error(error.message);
      else console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
      process.exit(1);
    },
  );
}
