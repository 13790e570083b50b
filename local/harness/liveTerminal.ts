import { renderLiveView } from './liveView.js';
import type { TriggerStatus } from './triggerStatus.js';

export interface LiveTerminalOptions {
  header: () => readonly string[];
  status: () => readonly TriggerStatus[];
  lag: () => Promise<number | undefined>;
  intervalMs?: number;
  /** Log lines kept for the view. @default 8 */
  keep?: number;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

// eslint-disable-next-line no-control-regex -- the escape sequences of colourised log lines
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * Redraws the live view every second in place of the log stream: whatever this process (and its
 * execution environments, whose output it forwards) writes is kept as the view's last lines instead
 * of scrolling it away. `stop()` gives the terminal back.
 */
export function startLiveTerminal({ header, status, lag, intervalMs = 1000, keep = 8, stdout = process.stdout, stderr = process.stderr }: LiveTerminalOptions): { stop(): void } {
  const recent: string[] = [];
  const writes = { out: stdout.write, err: stderr.write };
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).replace(ANSI, '').split('\n')) if (line.trim()) recent.push(line);
    recent.splice(0, Math.max(0, recent.length - keep));
    return true;
  };
  stdout.write = capture as typeof stdout.write;
  stderr.write = capture as typeof stderr.write;
  let drawing = false;
  const draw = async () => {
    if (drawing) return;
    drawing = true;
    try {
      const view = renderLiveView({ header: header(), statuses: status(), lag: await lag().catch(() => undefined), recent, width: stdout.columns || 120 });
      writes.out.call(stdout, `\x1b[H\x1b[2J${view}\n`);
    } finally {
      drawing = false;
    }
  };
  void draw();
  const timer = setInterval(() => void draw(), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      stdout.write = writes.out;
      stderr.write = writes.err;
    },
  };
}
