import { KAFKA_STOP_TIMEOUT_MS, REPO_ROOT } from './constants.js';
import { readLiveBrokerPid, removePidFile } from './kafkaPidFile.js';
import { kafkaStatePaths } from './paths.js';
import { waitForExit } from './processes.js';
import { seconds } from './seconds.js';

/** SIGTERM (a controlled shutdown), then SIGKILL if it has not exited in time. True if it had to be killed. */
export async function terminateBroker(pid: number, graceMs = KAFKA_STOP_TIMEOUT_MS): Promise<boolean> {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return false;
  }
  if (await waitForExit(pid, graceMs)) return false;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return false;
  }
  await waitForExit(pid, 5_000);
  return true;
}

/**
 * Stops the broker this project started (pid file in .syntor/kafka/); does nothing, successfully,
 * when none runs. A broker started by anything else is left alone. Its data stays for the next start:
 * `resetKafka` (`npm run services -- reset`) is the one way to delete it.
 */
export async function stopKafka(
  options: { readonly log?: (line: string) => void; readonly repoRoot?: string } = {},
): Promise<{ stopped: boolean; pid?: number; killed?: boolean }> {
  const log = options.log ?? (() => undefined);
  const paths = kafkaStatePaths(options.repoRoot ?? REPO_ROOT);
  const pid = await readLiveBrokerPid(paths.pidFile);
  if (pid === undefined) {
    await removePidFile(paths.pidFile);
    log('Kafka: no broker started by this project is running; nothing to stop.');
    return { stopped: false };
  }
  const startedAt = Date.now();
  const killed = await terminateBroker(pid);
  await removePidFile(paths.pidFile);
  log(
    `Kafka stopped (pid ${pid}${killed ? ', killed after SIGTERM timed out' : ''}) in ${seconds(Date.now() - startedAt)}; ` +
      `its data stays in ${paths.dataDir} (\`npm run services -- reset\` deletes it).`,
  );
  return { stopped: true, pid, killed };
}
