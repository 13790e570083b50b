import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/harness/cli.ts', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe('npm run local', () => {
  it('starts the agents, stays up, serves health, and stops gracefully on SIGTERM', async () => {
    const [http, metrics, health] = [await freePort(), await freePort(), await freePort()];
    const cli = runCli(['--manifest', 'test/fixtures/agents/probe/manifest.ts', '--summary-seconds', '1'], {
      SYNTOR_HTTP_PORT: String(http),
      SYNTOR_METRICS_PORT: String(metrics),
      SYNTOR_HEALTH_PORT: String(health),
    });
    const deadline = Date.now() + 30_000;
    while (!cli.output().includes('Running.') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1_500)); // long enough for one summary line

    const hello = await fetch(`http://127.0.0.1:${http}/hello/world`);
    const healthReply = await fetch(`http://127.0.0.1:${health}/health`);
    cli.child.kill('SIGTERM');
    const code = await cli.exited;

    expect(cli.output()).toContain('probe-echo  kafka syntor.system.events (batch 10');
    expect(cli.output()).toContain('probe-hello  http GET /hello/{name}');
    expect(cli.output()).toMatch(/summary: \d+ invocations/);
    expect(hello.status).toBe(200);
    expect(healthReply.status).toBe(200);
    expect(cli.output()).toContain('SIGTERM: finishing in-flight batches');
    expect(code).toBe(0);
  });

  it.each([
    [['--agents', 'nobody'], /Unknown agent\(s\): nobody/],
    [['--instances', 'worker=many'], /--instances worker expects a whole number from 1 to 64, got "many"/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with exit code 2 and says why', async (args, message) => {
    const cli = runCli(args, {});
    expect(await cli.exited).toBe(2);
    expect(cli.output()).toMatch(message);
    expect(cli.output()).toContain('Usage: npm run local');
  });

  it('fails at start-up naming a bad SYNTOR_* variable', async () => {
    const cli = runCli([], { SYNTOR_METRICS_PORT: 'nine' });
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toContain('SYNTOR_METRICS_PORT: a port number (1-65535)');
  });
});
