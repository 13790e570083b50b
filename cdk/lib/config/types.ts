import type { RemovalPolicy } from 'aws-cdk-lib';

export type SyntorEnvironment = 'local' | 'staging' | 'production';

/**
 * A Kafka cluster SYNTOR does not run (`-c syntor:kafka=self-managed`): its bootstrap servers, how
 * clients authenticate and the Secrets Manager secret holding the credentials — `{ username, password }`
 * for SASL/SCRAM-SHA-512, `{ certificate, privateKey, privateKeyPassword? }` (PEM) for mutual TLS, the
 * formats Lambda's event source mapping reads (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-configure.html).
 */
export interface SelfManagedKafkaSettings {
  readonly bootstrapServers: readonly string[];
  readonly auth: 'sasl-scram-512' | 'mtls';
  readonly secretArn: string;
  /** Where the event source mappings' pollers run; by default SYNTOR's private subnets. */
  readonly subnetIds?: readonly string[];
  /** The pollers' security group; by default SYNTOR's Kafka security group. */
  readonly securityGroupId?: string;
}

/** Everything the stacks vary by: read once from CDK context, validated, with per-environment defaults. */
export interface DeploymentSettings {
  readonly environment: SyntorEnvironment;
  /** Prefix of every physical name: `syntor-<environment>`. */
  readonly prefix: string;
  readonly network: { readonly natGateways: number; readonly maxAzs: number };
  readonly kafka: {
    /** `self-managed`: SYNTOR creates no MSK cluster and connects to the brokers in {@link SelfManagedKafkaSettings}. */
    readonly mode: 'serverless' | 'provisioned' | 'self-managed';
    /** Set exactly when `mode` is `self-managed`. */
    readonly selfManaged?: SelfManagedKafkaSettings;
    readonly brokers: number;
    readonly brokerInstanceType: string;
    readonly kafkaVersion: string;
    readonly topicPartitions: number;
    readonly replicationFactor: number;
    /** Event source mapping pollers: provisioned mode carries retries, partial batch responses and the DLQ topic. */
    readonly pollers: 'provisioned' | 'on-demand';
    readonly minPollers: number;
    readonly maxPollers: number;
  };
  readonly database: {
    readonly engine: 'postgres' | 'aurora-serverless';
    readonly instanceType: string;
    readonly multiAz: boolean;
    readonly minAcu: number;
    readonly maxAcu: number;
    readonly backupRetentionDays: number;
    readonly allocatedStorageGb: number;
  };
  readonly cache: { readonly engine: 'valkey' | 'redis'; readonly nodeType: string; readonly replicas: number };
  readonly http: {
    readonly auth: 'iam' | 'jwt';
    readonly jwtIssuer?: string;
    readonly jwtAudience: readonly string[];
    /** With IAM: the principals the API treats as admins (see lib/handlers/iamCaller.ts). */
    readonly adminPrincipals: readonly string[];
  };
  readonly monitoring: { readonly alarmEmail?: string; readonly lagThreshold: number };
  /**
   * Git credentials; only the git agent's functions may read the secrets. `tokenSecretArn`: a secret
   * `{ "token": "…" }` sent only to `tokenHosts` (required with it). `credentialsSecretArn`: named
   * credentials `{ "<name>": { "token": "…", "hosts": […] } }` that tasks choose with `credential`.
   */
  readonly git: { readonly tokenSecretArn?: string; readonly tokenHosts?: readonly string[]; readonly credentialsSecretArn?: string };
  /** The Bedrock model (id or ARN) the documentation agent summarizes with; none: no Bedrock access at all. */
  readonly models: { readonly bedrockModelId?: string };
  /**
   * `xray`: Lambda's active tracing (a segment per invocation). `adot`: also the AWS Distro for
   * OpenTelemetry layer, which registers the SDK so SYNTOR's spans (invocation, record, dispatch,
   * send) and the pg, ioredis and http client spans reach X-Ray.
   */
  readonly tracing: 'xray' | 'adot';
  readonly logRetentionDays: number;
  readonly removal: {
    /** Database and cache: `SNAPSHOT` keeps a final snapshot; production never destroys. */
    readonly snapshotable: RemovalPolicy;
    /** Keys, secrets, the MSK cluster, log groups: kept outside `local` (a lost key makes snapshots unreadable). */
    readonly durable: RemovalPolicy;
  };
  readonly deletionProtection: boolean;
}
