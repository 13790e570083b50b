import { parseArgs } from 'node:util';
import { getConfig } from '../config/index.js';
import { migrate } from './postgres/migrate.js';
import { runMain } from '../cli/runMain.js';

const USAGE = `Usage: npm run migrate -- <up|down> [--count N]

  up     apply every pending migration (lib/store/migrations); safe to repeat
  down   revert the last migration (or the last N with --count)

Connection from SYNTOR_POSTGRES_HOST, _PORT, _USER, _PASSWORD, _DATABASE.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, count: { type: 'string' } },
  });
  const direction = positionals[0];
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (direction !== 'up' && direction !== 'down') {
    console.error(direction === undefined ? USAGE : `Unknown command "${direction}".\n\n${USAGE}`);
    return 2;
  }
  const count = values.count === undefined ? undefined : Number(values.count);
  if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
    console.error(`--count must be a positive integer, got "${values.count}"`);
    return 2;
  }
  const { postgres } = getConfig();
  const ran = await migrate(postgres, { direction, ...(count === undefined ? {} : { count }) });
  console.log(
    ran.length === 0
      ? `migrations: database ${postgres.database} is up to date`
      : `migrations ${direction}: ${ran.join(', ')}`,
  );
  return 0;
}

runMain(main);
