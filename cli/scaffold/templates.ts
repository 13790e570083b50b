import { identifierOf } from './names.js';

/** The files of a new worker agent, as `functions/worker-alpha` is written: a definition and three one-line modules. */
export function agentFiles(agent: string, capability: string): Record<string, string> {
  const definition = `${identifierOf(agent)}Agent`;
  const cap = identifierOf(capability);
  return {
    'definition.ts': `import type { Capability } from '../../lib/capabilities/index.js';
import type { WorkerDefinition } from '../../lib/worker/index.js';
import { ${cap} } from './${cap}.js';

/** ${agent}: adding a capability is adding it to this list (\`syntor new capability <name> --agent ${agent}\`). */
export const ${definition}: WorkerDefinition = {
  name: '${agent}',
  concurrency: 4,
  capabilities: [${cap}] as Capability[],
};
`,
    'execute.ts': `import { createWorker } from '../../lib/worker/index.js';
import { ${definition} } from './definition.js';

export const { execute: handler } = createWorker(${definition});
`,
    'heartbeat.ts': `import { createWorker } from '../../lib/worker/index.js';
import { ${definition} } from './definition.js';

export const { heartbeat: handler } = createWorker(${definition});
`,
    'agent.ts': `import { workerEntries, workerManifest } from '../../lib/worker/index.js';
import { ${definition} } from './definition.js';

export default workerManifest(${definition}, workerEntries(import.meta.url));
`,
  };
}

/** A capability that works as written (it greets), for its author to change, with a test that passes. */
export function capabilityFile(capability: string): string {
  return `import { z } from 'zod';
import { defineCapability } from '../../lib/capabilities/index.js';

export const ${identifierOf(capability)} = defineCapability({
  name: '${capability}',
  description: 'Greets someone by name: replace with what ${capability} does.',
  input: z.strictObject({ name: z.string().min(1, 'a name to greet') }),
  output: z.object({ greeting: z.string() }),
  async run({ name }, ctx) {
    await ctx.reportProgress(50, 'greeting');
    return { greeting: \`Hello, \${name}!\` };
  },
});
`;
}

export function capabilityTest(agent: string, capability: string): string {
  const cap = identifierOf(capability);
  return `import { describe, expect, it } from 'vitest';
import { runCapability } from '../../../../lib/capabilities/index.js';
import { capabilityContext } from '../../../../lib/testing/index.js';
import { ${cap} } from '../../../../functions/${agent}/${cap}.js';

describe('${capability}', () => {
  it('greets by name', async () => {
    expect(await runCapability(${cap}, { name: 'Ada' }, capabilityContext())).toEqual({ greeting: 'Hello, Ada!' });
  });

  it('refuses an empty name, naming the field', async () => {
    await expect(runCapability(${cap}, { name: '' }, capabilityContext())).rejects.toThrow('name: a name to greet');
  });
});
`;
}
