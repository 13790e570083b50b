import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from './runCommand.js';

/** Debian's layout: one folder per major version, each holding clusters (we only use `main`). */
const DEBIAN_CONF_ROOT = '/etc/postgresql';

export interface LocalCluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
}

/**
 * The `port` setting of a postgresql.conf; 5432 when absent (PostgreSQL's default).
 *
 * @example
 * parsePostgresPort("port = 5433\t\t# (change requires restart)"); // 5433
 */
export function parsePostgresPort(conf: string): number {
  let port = 5432;
  for (const line of conf.split('\n')) {
    // The last assignment wins, as in PostgreSQL itself.
    const match = /^\s*port\s*=?\s*'?(\d+)'?\s*(#.*)?$/.exec(line);
    if (match?.[1] !== undefined) port = Number(match[1]);
  }
  return port;
}

/** The `main` clusters that Debian's postgresql-common set up, with the port each listens on. */
export async function listLocalClusters(confRoot = DEBIAN_CONF_ROOT): Promise<LocalCluster[]> {
  const versions = await readdir(confRoot).catch(() => [] as string[]);
  const clusters: LocalCluster[] = [];
  for (const version of versions.sort()) {
    const conf = await readFile(join(confRoot, version, 'main', 'postgresql.conf'), 'utf8').catch(() => undefined);
    if (conf !== undefined) clusters.push({ version, name: 'main', port: parsePostgresPort(conf) });
  }
  return clusters;
}

/**
 * `pg_ctlcluster --skip-systemctl-redirect <version> main start`. The flag makes it start the server
 * directly, as containers and CI machines have no systemd to redirect to.
 *
 * @throws ServicesCommandError when pg_ctlcluster fails (e.g. not run as root or the cluster owner).
 */
export async function startLocalCluster(pgCtlCluster: string, cluster: LocalCluster): Promise<void> {
  await runCommand(pgCtlCluster, ['--skip-systemctl-redirect', cluster.version, cluster.name, 'start'], {
    timeoutMs: 60_000,
  });
}
