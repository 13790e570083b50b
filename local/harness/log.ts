/** Where the harness writes what a person watching the terminal needs to see. */
export interface HarnessLog {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export const consoleLog: HarnessLog = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

export const silentLog: HarnessLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
