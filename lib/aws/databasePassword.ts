import { DatabaseAuthFailedError } from './errors.js';

/**
 * The database password of a rotated RDS secret, as the pool asks for it: the value read at cold start
 * until PostgreSQL refuses it, then the secret's current value, read again past the process cache.
 * It fits the pool's `PasswordSource` port (lib/store/postgres/pool.ts) without either importing the other.
 */
export interface DatabasePassword {
  /** The secret the password comes from: named in errors, never the password. */
  readonly secretArn: string;
  /** The password to log in with now. */
  current(): Promise<string>;
  /** Reads the secret again. Concurrent callers (every pool client refused at once) share one read. */
  refresh(): Promise<void>;
  /** The error for a login refused even with the re-read password. */
  refused(cause: unknown): DatabaseAuthFailedError;
}

/**
 * @example
 * const password = createDatabasePassword(arn, secret.password, async () => (await readJsonSecret(client, arn, databaseSecretSchema)).password);
 * const pool = createPool(config.postgres, { password });
 */
export function createDatabasePassword(secretArn: string, initial: string, read: () => Promise<string>): DatabasePassword {
  let current = initial;
  let refreshing: Promise<void> | undefined;
  return {
    secretArn,
    current: () => Promise.resolve(current),
    refresh() {
      refreshing ??= read()
        .then((password) => {
          current = password;
        })
        .finally(() => {
          refreshing = undefined;
        });
      return refreshing;
    },
    refused: (cause) => new DatabaseAuthFailedError(secretArn, { cause }),
  };
}
