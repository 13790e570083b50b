import type { SyntorConfig } from '../../lib/config/index.js';
import { isLocalHost } from './address.js';
import { POSTGRES_READY_TIMEOUT_MS } from './constants.js';
import { ServicesUnavailableError } from './errors.js';
import { findExecutable } from './findExecutable.js';
import { listLocalClusters, startLocalCluster } from './postgresClusters.js';
import { probePostgres, type PostgresConfig, type PostgresFailure, type PostgresProbe } from './postgresProbe.js';
import { adminUser, manualProvisioningHint, provisionRoleAndDatabase } from './postgresProvision.js';
import { sleep } from './processes.js';
import { REMEDIES } from './remedies.js';

export interface PostgresOptions {
  readonly config: Pick<SyntorConfig, 'postgres'>;
  readonly log?: (line: string) => void;
  /** Only changes the wording of errors (CI=true). */
  readonly required?: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

export interface EnsurePostgresResult {
  readonly startedServer: boolean;
  readonly createdRole: boolean;
  readonly createdDatabase: boolean;
}

export interface PostgresStatus {
  readonly address: string;
  readonly reachable: boolean;
  readonly error?: string;
}

/** Failures that creating the role or database may cure; 28P01 because password auth hides a missing role. */
const PROVISIONABLE: ReadonlySet<PostgresFailure> = new Set(['missing-role', 'missing-database', 'auth-failed']);

export const postgresAddress = (config: PostgresConfig) => `${config.host}:${config.port}`;

async function waitUntilUp(config: PostgresConfig): Promise<PostgresProbe> {
  const deadline = Date.now() + POSTGRES_READY_TIMEOUT_MS;
  let probe = await probePostgres(config);
  while (!probe.reachable && probe.failure === 'down' && Date.now() < deadline) {
    await sleep(250);
    probe = await probePostgres(config);
  }
  return probe;
}

/**
 * Makes the configured PostgreSQL usable: starts the local Debian cluster if nothing listens, then
 * creates the configured role and database (as `SYNTOR_POSTGRES_ADMIN_USER`, default `postgres`) if
 * they are missing. Never stops or reconfigures a running server.
 *
 * @throws ServicesUnavailableError saying what is missing and what to run.
 * @example
 * await ensurePostgres({ config: loadConfig(), log: console.log });
 */
export async function ensurePostgres(options: PostgresOptions): Promise<EnsurePostgresResult> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const config = options.config.postgres;
  const address = postgresAddress(config);
  const unavailable = (reason: string, remedy: string, cause?: unknown) =>
    new ServicesUnavailableError(
      { service: 'postgres', address, reason, remedy, required: options.required },
      { cause },
    );
  const result = { startedServer: false, createdRole: false, createdDatabase: false };

  let probe = await probePostgres(config);
  if (!probe.reachable && probe.failure === 'down') {
    if (!isLocalHost(config.host)) {
      throw unavailable(`nothing answers (${probe.error}), and ${config.host} is not this machine`, 'start that server, or set SYNTOR_POSTGRES_HOST');
    }
    await startServer(config, log, unavailable, probe.error);
    result.startedServer = true;
    probe = await waitUntilUp(config);
  }
  if (!probe.reachable && PROVISIONABLE.has(probe.failure)) {
    log(`PostgreSQL: ${probe.error}; creating what is missing of role "${config.user}" and database "${config.database}" as "${adminUser(env)}"…`);
    try {
      const created = await provisionRoleAndDatabase(config, env);
      Object.assign(result, created);
    } catch (error) {
      throw unavailable(
        `${probe.error}, and checking or creating role "${config.user}" and database "${config.database}" as the admin user "${adminUser(env)}" failed: ${(error as Error).message}`,
        manualProvisioningHint(config),
        error,
      );
    }
    if (result.createdRole) log(`PostgreSQL: created role "${config.user}".`);
    if (result.createdDatabase) log(`PostgreSQL: created database "${config.database}" owned by "${config.user}".`);
    probe = await probePostgres(config);
  }
  if (!probe.reachable) {
    throw unavailable(
      `connecting as "${config.user}" to database "${config.database}" failed: ${probe.error}`,
      remedyFor(probe.failure, result.startedServer),
    );
  }
  log(`PostgreSQL reachable at ${address} (database "${config.database}" as "${config.user}").`);
  return result;
}

function remedyFor(failure: PostgresFailure, startedServer: boolean): string {
  switch (failure) {
    case 'auth-failed':
      return 'the role exists with another password: set SYNTOR_POSTGRES_PASSWORD, or ALTER ROLE it as a superuser';
    case 'down':
      return startedServer
        ? `the server was started but did not answer within ${POSTGRES_READY_TIMEOUT_MS / 1000} s: see /var/log/postgresql/`
        : REMEDIES.postgres;
    default:
      return "check the server's pg_hba.conf and the SYNTOR_POSTGRES_* settings";
  }
}

async function startServer(
  config: PostgresConfig,
  log: (line: string) => void,
  unavailable: (reason: string, remedy: string, cause?: unknown) => ServicesUnavailableError,
  probeError: string,
): Promise<void> {
  const pgCtlCluster = findExecutable('pg_ctlcluster');
  const clusters = await listLocalClusters();
  if (pgCtlCluster === undefined || clusters.length === 0) {
    const installed = pgCtlCluster !== undefined;
    throw unavailable(
      `nothing answers (${probeError}) and ${installed ? 'no PostgreSQL cluster is set up (/etc/postgresql is empty)' : 'PostgreSQL is not installed here (no pg_ctlcluster)'}`,
      installed ? 'create one: pg_createcluster <version> main --start (versions: ls /usr/lib/postgresql)' : REMEDIES.postgres,
    );
  }
  const matching = clusters.filter((cluster) => cluster.port === config.port);
  if (matching.length === 0) {
    throw unavailable(
      `nothing answers (${probeError}); the local clusters listen on other ports (${clusters.map((c) => `${c.version}/${c.name}:${c.port}`).join(', ')})`,
      'set SYNTOR_POSTGRES_PORT to one of those ports, or change port in /etc/postgresql/<version>/main/postgresql.conf',
    );
  }
  for (const cluster of matching) {
    log(`Starting PostgreSQL ${cluster.version}/${cluster.name} on port ${cluster.port}…`);
    try {
      await startLocalCluster(pgCtlCluster, cluster);
    } catch (error) {
      throw unavailable(
        `pg_ctlcluster could not start cluster ${cluster.version}/${cluster.name}`,
        `run it as root or the cluster owner: sudo pg_ctlcluster --skip-systemctl-redirect ${cluster.version} ${cluster.name} start`,
        error,
      );
    }
  }
}

/** One probe as the configured user; never starts nor creates anything. */
export async function postgresStatus(options: Pick<PostgresOptions, 'config'>): Promise<PostgresStatus> {
  const config = options.config.postgres;
  const probe = await probePostgres(config);
  return {
    address: postgresAddress(config),
    reachable: probe.reachable,
    ...(probe.reachable ? {} : { error: probe.error }),
  };
}
