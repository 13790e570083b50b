import { DependencyUnavailableError } from '../errors/dependencyOutage.js';
import { SyntorError } from '../errors/index.js';

/** The MSK bootstrap brokers could not be looked up (API error, or the cluster has no IAM listener). */
export class AwsBrokersLookupError extends SyntorError {
  readonly code = 'aws-brokers-lookup-failed';

  constructor(
    readonly clusterArn: string,
    reason: string,
    options: { retriable?: boolean; cause?: unknown } = {},
  ) {
    super(`Cannot look up the bootstrap brokers of ${clusterArn}: ${reason}`, { retriable: options.retriable ?? true, cause: options.cause });
  }
}

/** Secrets Manager did not return the secret (throttling, network, permissions): retried by the trigger. */
export class AwsSecretReadError extends SyntorError {
  readonly code = 'aws-secret-read-failed';

  constructor(
    readonly secretArn: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Cannot read secret ${secretArn}: ${(options.cause as Error | undefined)?.message ?? 'no value'}`, { retriable: true, cause: options.cause });
  }
}

/** The secret exists but does not have the expected shape. Its values are never put in the message. */
export class AwsSecretInvalidError extends SyntorError {
  readonly code = 'aws-secret-invalid';

  constructor(
    readonly secretArn: string,
    detail: string,
    options: { cause?: unknown } = {},
  ) {
    super(`Secret ${secretArn} is not usable: ${detail}`, { retriable: false, cause: options.cause });
  }
}

/**
 * PostgreSQL refused the login even with the password read again from its secret. Retriable: during a
 * single-user rotation the database may already have the new password while the secret's AWSCURRENT
 * still holds the old one, a window that closes within seconds. The message names the secret, never a password.
 */
export class DatabaseAuthFailedError extends SyntorError {
  readonly code = 'database-auth-failed';

  constructor(
    readonly secretArn: string,
    options: { cause?: unknown } = {},
  ) {
    // Wrapped as a PostgreSQL outage so `dependencyOutage` finds one: the Kafka triggers then retry the
    // batch instead of dead-lettering its records, and the API answers 503 with Retry-After.
    super(`PostgreSQL refused the credentials of secret ${secretArn}, also after reading it again`, {
      retriable: true,
      cause: new DependencyUnavailableError('postgres', { cause: options.cause }),
    });
  }
}
