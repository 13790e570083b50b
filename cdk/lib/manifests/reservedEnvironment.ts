import { AWS_ENV } from '../../../lib/aws/index.js';
import { API_ADMIN_PRINCIPALS_ENV } from '../../../lib/handlers/iamCaller.js';
import { envelopeEnvSchema } from '../../../lib/kafka/auth/index.js';

/**
 * Variables a manifest may not set: the ones the CDK app sets on every function (connections, TLS
 * trust) and those Lambda reserves. https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
export const RESERVED_ENVIRONMENT: ReadonlySet<string> = new Set([
  ...Object.values(AWS_ENV),
  // Who a function signs as, and whose records it can check, is the deployment's to say.
  ...Object.keys(envelopeEnvSchema.shape),
  API_ADMIN_PRINCIPALS_ENV,
  'SYNTOR_ENVIRONMENT',
  'SYNTOR_AGENT',
  'SYNTOR_FUNCTION',
  'AWS_LAMBDA_EXEC_WRAPPER',
  'OTEL_NODE_DISABLED_INSTRUMENTATIONS',
  'SYNTOR_KAFKA_BROKERS',
  'SYNTOR_KAFKA_TOPIC_PARTITIONS',
  'SYNTOR_KAFKA_REPLICATION_FACTOR',
  'SYNTOR_REDIS_ADDRESS',
  'SYNTOR_REDIS_PASSWORD',
  'SYNTOR_POSTGRES_HOST',
  'SYNTOR_POSTGRES_PORT',
  'SYNTOR_POSTGRES_USER',
  'SYNTOR_POSTGRES_PASSWORD',
  'SYNTOR_POSTGRES_DATABASE',
  'SYNTOR_POSTGRES_SSL',
  'NODE_EXTRA_CA_CERTS',
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);
