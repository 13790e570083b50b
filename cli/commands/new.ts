import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseCommand, positionals, type Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { addToList } from '../scaffold/editSource.js';
import { checkAgentName, checkCapabilityName, identifierOf } from '../scaffold/names.js';
import { agentFiles, capabilityFile, capabilityTest } from '../scaffold/templates.js';

const USAGE = `Usage: syntor new agent <name> [--capability NAME] [--dir DIR]
       syntor new capability <name> --agent <agent> [--dir DIR]

Scaffolds what the README describes adding by hand, in the checkout at DIR (default: here):
  agent        functions/<name>/ (definition, execute, heartbeat, agent manifest), a first capability
               (--capability, default <name>.hello) and its passing test, listed in functions/index.ts
  capability   functions/<agent>/<capability>.ts and its passing test, added to the agent's definition
Then: npm test -- test/unit/agents/<agent>, and npm run local runs it.`;

function writeNew(path: string, text: string, written: string[], root: string): void {
  if (existsSync(path)) throw new CliUsageError(`${relative(root, path)} exists already; nothing was written over`);
  writeFileSync(path, text);
  written.push(relative(root, path));
}

export const scaffold: Command = {
  name: 'new',
  summary: 'scaffold an agent or a capability, with a passing test',
  usage: USAGE,
  async run(argv, context) {
    const parsed = parseCommand(argv, { capability: { type: 'string' }, agent: { type: 'string' }, dir: { type: 'string' } }, scaffold, context.terminal);
    if (!parsed) return 0;
    const root = parsed.values.dir ?? process.cwd();
    const index = join(root, 'functions', 'index.ts');
    if (!existsSync(index)) throw new CliUsageError(`${root} is not a SYNTOR checkout (no functions/index.ts); run this at its root or give --dir`);
    const [kind, rawName] = positionals(parsed.positionals, ['agent|capability', 'name'], USAGE);
    const written: string[] = [];
    if (kind === 'agent') {
      const agent = checkAgentName(rawName);
      const capability = checkCapabilityName(parsed.values.capability ?? `${agent}.hello`);
      const dir = join(root, 'functions', agent);
      if (existsSync(dir)) throw new CliUsageError(`functions/${agent} exists already`);
      mkdirSync(dir, { recursive: true });
      for (const [file, text] of Object.entries({ ...agentFiles(agent, capability), [`${identifierOf(capability)}.ts`]: capabilityFile(capability) })) writeNew(join(dir, file), text, written, root);
      addToList(index, `import ${identifierOf(agent)} from './${agent}/agent.js';`, /agents: readonly AgentManifest\[\] = \[/, identifierOf(agent));
      written.push('functions/index.ts (listed)');
      writeTest(root, agent, capability, written);
    } else if (kind === 'capability') {
      const capability = checkCapabilityName(rawName);
      const agent = checkAgentName(parsed.values.agent);
      const definition = join(root, 'functions', agent, 'definition.ts');
      if (!existsSync(definition)) throw new CliUsageError(`functions/${agent}/definition.ts does not exist: is "${agent}" a worker agent? (syntor new agent ${agent} makes one)`);
      writeNew(join(root, 'functions', agent, `${identifierOf(capability)}.ts`), capabilityFile(capability), written, root);
      addToList(definition, `import { ${identifierOf(capability)} } from './${identifierOf(capability)}.js';`, /capabilities: \[/, identifierOf(capability));
      written.push(`functions/${agent}/definition.ts (listed)`);
      writeTest(root, agent, capability, written);
    } else {
      throw new CliUsageError(`syntor new makes an agent or a capability, not "${kind}"\n\n${USAGE}`);
    }
    context.terminal.out(parsed.values.json ? JSON.stringify({ written }) : written.map((w) => `  ${w}`).join('\n'));
    return 0;
  },
};

function writeTest(root: string, agent: string, capability: string, written: string[]): void {
  const dir = join(root, 'test', 'unit', 'agents', agent);
  mkdirSync(dir, { recursive: true });
  writeNew(join(dir, `${identifierOf(capability)}.test.ts`), capabilityTest(agent, capability), written, root);
}
