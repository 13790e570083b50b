import { runMain } from '../../lib/cli/runMain.js';
import { parseChaosArgs, USAGE } from './cliArgs.js';
import { ChaosError, ChaosUsageError } from './errors.js';
import { formatReport } from './report.js';
import { runChaos } from './runChaos.js';

async function main(argv: string[]): Promise<number> {
  const parsed = parseChaosArgs(argv);
  if (parsed.help) {
    console.log(USAGE);
    return 0;
  }
  const report = await runChaos({ ...parsed.options, log: (line) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${line}`) });
  console.log(formatReport(report));
  return report.passed ? 0 : 1;
}

runMain(main, (error) =>
  error instanceof ChaosUsageError
    ? { message: `${error.message}\n\n${USAGE}`, exitCode: 2 }
    : error instanceof ChaosError
      ? { message: `${error.code}: ${error.message}`, exitCode: 1 }
      : undefined,
);
