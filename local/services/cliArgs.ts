import { KAFKA_VERSION } from './constants.js';

export const COMMANDS = ['start', 'stop', 'status', 'reset'] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `Usage: npm run services -- <start|stop|status|reset>
       (or: npx tsx local/services/cli.ts <start|stop|status|reset>)

Runs Kafka, PostgreSQL and Redis for local development and tests, without Docker.

Commands:
  start   Make all three reachable at the configured addresses:
            - Kafka: unless a broker already answers, run Apache Kafka ${KAFKA_VERSION} from its jars
              (fetched once with Maven into $SYNTOR_CACHE_DIR, default ~/.cache/syntor) as a
              detached process that keeps running after this command exits. Its storage
              (.syntor/kafka/data) is formatted on the first start only: topics, records and
              committed offsets come back after a stop, a crash or a reboot;
            - PostgreSQL: start the local cluster (pg_ctlcluster) if it is installed but stopped,
              then create the configured role and database if they are missing;
            - Redis: start redis-server if it is installed but nothing answers.
  stop    Stop the Kafka broker that 'start' launched (SIGTERM, SIGKILL after 10 s), keeping
          its data. PostgreSQL and Redis are left running. Does nothing if no such broker runs.
  status  One line per service (kafka, postgres, redis): reachable or not, and for Kafka
          whether this project started it (with its pid).
  reset   Delete the local Kafka data: stop the broker 'start' launched if it runs, then
          delete .syntor/kafka/data (every topic, record and committed offset; the topic
          count is shown first). The next 'start' formats new storage. Refuses, touching
          nothing, when a broker this project did not start answers at the address.
          PostgreSQL and Redis data are not touched.

Options:
  -h, --help  Show this help.

Environment:
  SYNTOR_KAFKA_BROKERS, SYNTOR_POSTGRES_*, SYNTOR_REDIS_ADDRESS ...  addresses (lib/config)
  SYNTOR_KAFKA_CONTROLLER_PORT   KRaft controller port of the started broker (default 9093)
  SYNTOR_CACHE_DIR               cache for the Kafka jars (default $XDG_CACHE_HOME/syntor)
  SYNTOR_POSTGRES_ADMIN_USER     superuser that creates the role and database (default postgres)
  SYNTOR_POSTGRES_ADMIN_PASSWORD its password, if it needs one

Files: .syntor/kafka/ holds kafka.pid, server.properties, broker.log (broker.log.1: the run
before) and data/, the broker's data.

Exit status: 0 on success (for status: all reachable), 1 if a service is unavailable
(or reset refused), 2 on a usage error.`;

export type CliRequest =
  | { readonly kind: 'help' }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'usage-error'; readonly message: string };

/** Reads `process.argv.slice(2)`. */
export function parseCliArgs(args: readonly string[]): CliRequest {
  if (args.some((arg) => arg === '-h' || arg === '--help' || arg === 'help')) return { kind: 'help' };
  const [command, ...rest] = args;
  if (command === undefined) return { kind: 'usage-error', message: 'Missing command.' };
  if (!(COMMANDS as readonly string[]).includes(command)) {
    return { kind: 'usage-error', message: `Unknown command "${command}".` };
  }
  if (rest.length > 0) return { kind: 'usage-error', message: `Unexpected argument "${rest[0]}".` };
  return { kind: 'command', command: command as Command };
}
