import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AWS_ENV } from '../../../lib/aws/index.js';
import { MIGRATIONS_DIR } from '../../../lib/store/postgres/migrate.js';
import type { BundleCatalog } from '../../../lib/bundling/types.js';
import type { DeploymentSettings } from '../config/types.js';
import { Cache } from '../constructs/Cache.js';
import { Database, DATABASE_NAME } from '../constructs/Database.js';
import { dataKey } from '../constructs/dataKey.js';
import { ProvisioningResource } from '../constructs/ProvisioningResource.js';
import { SyntorFunction } from '../constructs/SyntorFunction.js';
import { secretReadStatements } from '../constructs/secretReadStatements.js';
import { PROVISIONING_BUNDLES } from '../../../lib/bundling/provisioning.js';
import type { SyntorNetwork } from './NetworkStack.js';

export interface DataStackProps extends StackProps {
  readonly settings: DeploymentSettings;
  readonly network: SyntorNetwork;
  readonly bundles: BundleCatalog;
}

/** What the functions need to reach the data: secrets to read and where Redis is. */
export interface SyntorData {
  readonly key: kms.IKey;
  readonly databaseSecret: secretsmanager.ISecret;
  readonly cacheAuthSecret: secretsmanager.ISecret;
  readonly cacheAddress: string;
}

/**
 * PostgreSQL (the source of truth), Redis/Valkey, the key that encrypts them, and the migrations,
 * applied by a custom resource on every deploy whose SQL files changed.
 */
export class DataStack extends Stack {
  readonly data: SyntorData;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { settings, network } = props;
    const key = dataKey(this, 'data-key', settings, 'SYNTOR PostgreSQL, Redis/Valkey and their secrets');
    const database = new Database(this, 'postgres', { settings, network, key });
    const cache = new Cache(this, 'cache', { settings, network, key });
    this.data = { key, databaseSecret: database.secret, cacheAuthSecret: cache.authSecret, cacheAddress: cache.address };

    const migrator = new SyntorFunction(this, 'migrations-handler', {
      functionName: `${settings.prefix}-provision-migrations`,
      description: 'Applies the SYNTOR PostgreSQL migrations (custom resource)',
      bundle: props.bundles.get(PROVISIONING_BUNDLES.migrations.entry),
      memoryMb: 512,
      timeoutSeconds: 300,
      network,
      settings,
      environment: {
        SYNTOR_ENVIRONMENT: settings.environment,
        SYNTOR_POSTGRES_DATABASE: DATABASE_NAME,
        SYNTOR_POSTGRES_SSL: 'require',
        [AWS_ENV.postgresSecretArn]: database.secret.secretArn,
      },
      statements: secretReadStatements(this, key, [database.secret]),
    });
    const migrations = new ProvisioningResource(this, 'migrations', {
      handler: migrator,
      settings,
      properties: { MigrationsHash: hashMigrations() },
    });
    migrations.node.addDependency(database.resource);
  }
}

/** Changes when any migration file changes, so CloudFormation updates the resource and they run. */
function hashMigrations(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 16);
}
