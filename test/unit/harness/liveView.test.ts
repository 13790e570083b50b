import { describe, expect, it } from 'vitest';
import { startLiveTerminal } from '../../../local/harness/liveTerminal.js';
import { renderLiveView } from '../../../local/harness/liveView.js';
import { newTriggerStatus } from '../../../local/harness/triggerStatus.js';

describe('the harness\'s live view', () => {
  it('sums each function\'s pollers into one row, names what is retrying, and cuts lines to the terminal', () => {
    const a = { ...newTriggerStatus('coordination-complete', 0, 'kafka syntor.tasks.complete'), state: 'running' as const, invocations: 3, records: 30 };
    const b = { ...newTriggerStatus('coordination-complete', 1, 'kafka syntor.tasks.complete'), state: 'running' as const, invocations: 2, failures: 1, consecutiveFailures: 1, records: 20, lastError: 'ECONNREFUSED' };
    const tick = { ...newTriggerStatus('coordination-sweeper', 0, 'schedule rate(1 minute)'), state: 'running' as const, invocations: 1 };
    const view = renderLiveView({ header: ['SYNTOR local harness'], statuses: [a, b, tick], lag: 7, recent: ['x'.repeat(200)], width: 160 }).split('\n');
    expect(view[0]).toBe('SYNTOR local harness');
    expect(view.find((l) => l.startsWith('coordination-complete'))).toMatch(/^coordination-complete\s+kafka syntor.tasks.complete\s+retrying\/running\s+5\s+1\s+50\s+0\s+ECONNREFUSED$/);
    expect(view.find((l) => l.startsWith('coordination-sweeper'))).toMatch(/running\s+1\s+0\s+0\s+0$/);
    expect(view).toContain('6 invocations (1 failed) · 50 records · 0 filtered · lag 7');
    expect(view.at(-1)).toHaveLength(160);
    expect(view.at(-1)!.endsWith('…')).toBe(true);
  });
});

describe('the live terminal', () => {
  it('keeps what is written as the view\'s last lines and redraws in place; stop gives the streams back', async () => {
    const drawn: string[] = [];
    const stream = (sink?: string[]) => ({ columns: 200, write: (chunk: string) => (sink?.push(chunk), true) }) as unknown as NodeJS.WriteStream;
    const stdout = stream(drawn);
    const stderr = stream();
    const originalWrite = stdout.write;
    const live = startLiveTerminal({ header: () => ['header'], status: () => [], lag: async () => 3, intervalMs: 20, stdout, stderr });
    stdout.write('\x1b[32minfo\x1b[39m first line\nsecond line\n');
    stderr.write('an error line');
    await new Promise((resolve) => setTimeout(resolve, 60));
    live.stop();
    const last = drawn.at(-1)!;
    expect(last.startsWith('\x1b[H\x1b[2Jheader')).toBe(true);
    expect(last).toContain('lag 3');
    expect(last).toContain('  info first line\n  second line\n  an error line');
    expect(stdout.write).toBe(originalWrite);
  });
});
