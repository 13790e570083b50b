import { PinoPretty } from 'pino-pretty';
import { createLogger, setDefaultLogDestination, type Logger } from '../../lib/observability/index.js';

/** Where the harness writes what a person watching the terminal needs to see. */
export interface HarnessLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** The harness's lines through a SYNTOR logger. */
export function createHarnessLog(logger: Logger): HarnessLog {
  return {
    info: (line) => logger.info(line),
    warn: (line) => logger.warn(line),
    error: (line) => logger.error(line),
  };
}

/**
 * On a terminal, every SYNTOR logger of this process (the harness's and its handlers') prints
 * readable lines; piped or in CI they stay JSON lines. Call before the handlers log.
 */
export function prettyLogsOnTerminal(): void {
  if (process.stdout.isTTY) setDefaultLogDestination(PinoPretty({ sync: true, singleLine: true, ignore: 'component' }));
}

let terminal: HarnessLog | undefined;

// Created on first use, not at import: a bad SYNTOR_LOG_LEVEL must reach the CLI's own error report.
function terminalLog(): HarnessLog {
  terminal ??= createHarnessLog(createLogger({ bindings: { component: 'harness' } }));
  return terminal;
}

export const consoleLog: HarnessLog = {
  info: (line) => terminalLog().info(line),
  warn: (line) => terminalLog().warn(line),
  error: (line) => terminalLog().error(line),
};

export const silentLog: HarnessLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
