import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourcesOf } from '../../../lib/contracts/index.js';
import { REDRIVABLE, STARTABLE, TASK_GUARDS, UNSETTLED } from '../../../lib/store/postgres/taskGuards.js';

describe('task repository guards', () => {
  it.each(Object.entries(TASK_GUARDS))('%s moves only from statuses TASK_TRANSITIONS allows for its move', (_move, { from, to }) => {
    expect(from.length).toBeGreaterThan(0);
    for (const target of to) expect(sourcesOf(target)).toEqual(expect.arrayContaining([...from]));
  });

  it.each([
    ['dispatch', ['pending']],
    ['start', ['assigned']],
    ['complete', ['assigned', 'running']],
    ['expire', ['assigned', 'running']],
    ['retry', ['failed']],
    ['bury', ['failed']],
    ['redrive', ['dead']],
    ['cancelSteps', ['pending', 'assigned', 'running']],
  ] as const)('%s guards on the statuses it always did (%j)', (move, statuses) => {
    expect(TASK_GUARDS[move]!.from).toEqual(statuses);
  });

  it.each([
    ['STARTABLE', STARTABLE],
    ['REDRIVABLE', REDRIVABLE],
    ['UNSETTLED', UNSETTLED],
  ] as const)('%s has one status: the history records it as the moved task\'s previous one', (_name, statuses) => {
    expect(statuses).toHaveLength(1);
  });

  it('leaves no literal status guard in the task repository\'s SQL', async () => {
    const dir = fileURLToPath(new URL('../../../lib/store/postgres/', import.meta.url));
    const sources = await Promise.all((await readdir(dir)).filter((f) => f.endsWith('.ts')).map(async (f) => [f, await readFile(join(dir, f), 'utf8')] as const));

    const literal = /(?:WHERE|AND)\s+(?:\w+\.)?status\s*(?:=\s*'|IN\s*\()/;
    expect(sources.filter(([, text]) => literal.test(text)).map(([file]) => file)).toEqual([]);
  });
});
