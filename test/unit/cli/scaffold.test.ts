import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../cli/main.js';
import type { Terminal } from '../../../cli/output/terminal.js';
import { runCapability, type Capability } from '../../../lib/capabilities/index.js';
import { capabilityContext } from '../../../lib/testing/index.js';

const repo = resolve(import.meta.dirname, '../../..');
/** A checkout to scaffold into: this one's lib and packages, and a functions/index.ts of its own. */
const checkout = mkdtempSync(join(tmpdir(), 'syntor-scaffold-'));
mkdirSync(join(checkout, 'functions'));
cpSync(join(repo, 'functions', 'index.ts'), join(checkout, 'functions', 'index.ts'));
symlinkSync(join(repo, 'lib'), join(checkout, 'lib'));
symlinkSync(join(repo, 'node_modules'), join(checkout, 'node_modules'));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

async function syntor(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const terminal: Terminal = { out: (t) => void out.push(t), err: (t) => void err.push(t), progress: () => undefined, done: () => undefined };
  const code = await main([...argv, '--dir', checkout], { env: {}, terminal });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('syntor new', () => {
  it('scaffolds a worker agent with a first capability that works, its test, and lists it in functions/index.ts', async () => {
    const made = await syntor('new', 'agent', 'orders', '--capability', 'orders.price');
    expect(made.code).toBe(0);
    for (const file of ['definition.ts', 'execute.ts', 'heartbeat.ts', 'agent.ts', 'ordersPrice.ts']) expect(existsSync(join(checkout, 'functions', 'orders', file))).toBe(true);
    expect(existsSync(join(checkout, 'test', 'unit', 'agents', 'orders', 'ordersPrice.test.ts'))).toBe(true);
    const index = readFileSync(join(checkout, 'functions', 'index.ts'), 'utf8');
    expect(index).toContain("import orders from './orders/agent.js';");
    expect(index).toMatch(/agents: readonly AgentManifest\[\] = \[coordination, .*docs, orders\];/);

    const { ordersPrice } = (await import(join(checkout, 'functions', 'orders', 'ordersPrice.ts'))) as { ordersPrice: Capability };
    expect(await runCapability(ordersPrice, { name: 'Ada' }, capabilityContext())).toEqual({ greeting: 'Hello, Ada!' });
    const { ordersAgent } = (await import(join(checkout, 'functions', 'orders', 'definition.ts'))) as { ordersAgent: { capabilities: Capability[] } };
    expect(ordersAgent.capabilities.map((c) => c.name)).toEqual(['orders.price']);
  });

  it('adds a capability to an agent\'s definition, and refuses to write over anything', async () => {
    expect((await syntor('new', 'capability', 'orders.refund', '--agent', 'orders')).code).toBe(0);
    const definition = readFileSync(join(checkout, 'functions', 'orders', 'definition.ts'), 'utf8');
    expect(definition).toContain("import { ordersRefund } from './ordersRefund.js';");
    expect(definition).toContain('capabilities: [ordersPrice, ordersRefund] as Capability[]');
    expect(await syntor('new', 'capability', 'orders.refund', '--agent', 'orders')).toMatchObject({ code: 2, stderr: expect.stringContaining('functions/orders/ordersRefund.ts exists already') });
    expect(await syntor('new', 'agent', 'orders')).toMatchObject({ code: 2, stderr: expect.stringContaining('functions/orders exists already') });
  });

  it('names what is wrong with a name or a missing agent', async () => {
    expect(await syntor('new', 'agent', 'Orders')).toMatchObject({ code: 2, stderr: expect.stringContaining('"Orders" is not an agent name') });
    expect(await syntor('new', 'capability', 'x.y', '--agent', 'nobody')).toMatchObject({ code: 2, stderr: expect.stringContaining('functions/nobody/definition.ts does not exist') });
    expect(await syntor('new', 'thing', 'x')).toMatchObject({ code: 2, stderr: expect.stringContaining('not "thing"') });
  });
});
