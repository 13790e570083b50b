import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../services/constants.js';
import { ChaosServiceError } from './errors.js';
import { logTail } from './logTail.js';
import { portOpen } from './portOpen.js';
import { waitUntil } from './waitUntil.js';

/** An exit of the harness that the chaos did not cause. */
export interface UnexpectedExit {
  readonly at: number;
  readonly pid: number;
  readonly how: string;
  /** The end of the harness log when it died. */
  readonly logTail: string;
}

export interface HarnessProcess {
  readonly logFile: string;
  readonly httpUrl: string;
  readonly unexpectedExits: readonly UnexpectedExit[];
  /** SIGKILLs the harness (an expected exit), then starts it again and waits until it serves HTTP. */
  killAndRestart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** The agents the suite runs: the coordinator and the two compute workers (docs and git add nothing here). */
const AGENTS = 'coordination,worker-alpha,worker-beta';
const READY_TIMEOUT_MS = 90_000;

/**
 * Runs `node --import tsx local/harness/cli.ts --fire-schedules` as a child with `env`, its output
 * appended to `<workDir>/harness.log`. An exit the suite did not ask for is recorded (with the end
 * of the log) and the harness is started again, so one crash does not hide the next fault's effect.
 */
export async function startHarnessProcess(options: {
  readonly workDir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly httpPort: number;
  readonly healthPort: number;
  readonly log?: (line: string) => void;
}): Promise<HarnessProcess> {
  const log = options.log ?? (() => undefined);
  const logFile = join(options.workDir, 'harness.log');
  const httpUrl = `http://127.0.0.1:${options.httpPort}`;
  const unexpectedExits: UnexpectedExit[] = [];
  let child: ChildProcess | undefined;
  let expectingExit = false;
  let stopped = false;

  // Up means listening: /health answers (whatever it says) and the HTTP routes accept connections.
  // Whether it also gets work done is what the load and the verdict measure.
  const serving = async () => {
    await fetch(`http://127.0.0.1:${options.healthPort}/health`, { signal: AbortSignal.timeout(2_000) });
    return portOpen(options.httpPort);
  };
  const launch = async () => {
    const out = openSync(logFile, 'a');
    const started = spawn(process.execPath, ['--import', 'tsx', 'local/harness/cli.ts', '--fire-schedules', '--agents', AGENTS, '--summary-seconds', '0'], {
      cwd: REPO_ROOT,
      env: options.env,
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    child = started;
    started.once('exit', (code, signal) => {
      if (child === started) child = undefined;
      if (expectingExit || stopped) return;
      const how = signal ? `killed by ${signal}` : `exit code ${code}`;
      void logTail(logFile, 30).then((tail) => {
        unexpectedExits.push({ at: Date.now(), pid: started.pid ?? 0, how, logTail: tail });
        log(`Harness (pid ${started.pid}) died on its own (${how}); restarting it. Log tail:\n${tail}`);
        if (!stopped) void launch().catch((error: unknown) => log(`Harness restart failed: ${(error as Error).message}`));
      });
    });
    if (!(await waitUntil(serving, READY_TIMEOUT_MS, 250))) {
      throw new ChaosServiceError('harness', `did not listen on ${httpUrl} and /health within ${READY_TIMEOUT_MS / 1000} s; see ${logFile}`);
    }
  };
  const kill = async (signal: NodeJS.Signals) => {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  await launch();
  log(`Harness: serving ${httpUrl} (log ${logFile})`);
  return {
    logFile,
    httpUrl,
    unexpectedExits,
    async killAndRestart(downMs) {
      expectingExit = true;
      try {
        await kill('SIGKILL');
      } finally {
        expectingExit = false;
      }
      await new Promise((resolve) => setTimeout(resolve, downMs));
      await launch();
    },
    async stop() {
      stopped = true;
      const timer = setTimeout(() => child?.kill('SIGKILL'), 15_000);
      await kill('SIGTERM');
      clearTimeout(timer);
    },
  };
}
