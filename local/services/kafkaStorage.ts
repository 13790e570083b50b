import { appendFile } from 'node:fs/promises';
import { KAFKA_LOG4J_PATH } from './constants.js';
import { runCommand } from './runCommand.js';

export interface FormatStorageOptions {
  readonly java: string;
  readonly jarsDir: string;
  readonly serverProperties: string;
  /** StorageTool's output is appended here, ahead of the broker's own lines. */
  readonly logFile: string;
}

/**
 * Gives the fresh log.dirs a new cluster id (`kafka.tools.StorageTool random-uuid`, then `format`),
 * which KRaft requires before the first start.
 *
 * @returns the cluster id.
 * @throws ServicesCommandError when either StorageTool run fails.
 */
export async function formatKafkaStorage(options: FormatStorageOptions): Promise<string> {
  const classpath = ['-Dlog4j2.configurationFile=' + KAFKA_LOG4J_PATH, '-cp', `${options.jarsDir}/*`];
  const uuid = await runCommand(options.java, [...classpath, 'kafka.tools.StorageTool', 'random-uuid']);
  const clusterId = uuid.stdout.trim().split('\n').pop()?.trim() ?? '';
  // controller.quorum.voters is set in server.properties, hence no --standalone.
  const formatted = await runCommand(options.java, [
    ...classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    options.serverProperties,
  ]);
  await appendFile(options.logFile, `${formatted.stdout}${formatted.stderr}`);
  return clusterId;
}
