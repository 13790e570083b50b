import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SyntorError } from '../../../lib/errors/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_DIRS = ['lib', 'functions', 'local', 'cdk'];
const CLASS = /^export (abstract )?class (\w+) extends (\w+)/gm;

/**
 * How to build one of each concrete error class. A new class fails the completeness check until it
 * has a line here; its code is then checked like every other.
 */
const EXAMPLES: Record<string, readonly unknown[]> = {
  ManifestInvalidError: ['worker', 'name: required'],
  HttpRouteNotFoundError: ['GET', '/nowhere'],
  HttpRequestBodyError: [{ statusCode: 400, body: '{"message":"not JSON"}' }, 'not JSON'],
  ConfigInvalidError: [[{ variable: 'SYNTOR_X', expected: 'a number' }]],
  AwsBrokersLookupError: ['arn:aws:kafka:eu-west-1:1:cluster/c/1', 'no IAM listener'],
  AwsSecretReadError: ['arn:aws:secretsmanager:eu-west-1:1:secret:s'],
  AwsSecretInvalidError: ['arn:aws:secretsmanager:eu-west-1:1:secret:s', 'no password'],
  DatabaseAuthFailedError: ['arn:aws:secretsmanager:eu-west-1:1:secret:s'],
  CapabilityInputError: ['compute', [{ path: 'values', message: 'too small' }]],
  CapabilityRefusedError: ['http.request', 'scheme', 'example.com', 'only https'],
  CapabilityFailedError: ['compute', 'boom'],
  CapabilityOutputInvalidError: ['compute', [{ path: 'result', message: 'not a number' }]],
  CapabilityDefinitionError: ['Bad Name', 'not kebab-case'],
  GitError: ['git-failed', 'it failed'],
  GitPathError: ['../x', 'climbs out'],
  GitUrlError: ['not https'],
  GitAuthError: ['example.com', '401'],
  GitCredentialError: ['github', 'is not configured'],
  GitMergeConflictError: ['feature', ['a.txt']],
  GitDirtyWorktreeError: ['checkout', ['a.txt']],
  GitNotFoundError: ['no such ref'],
  GitNetworkError: ['example.com', 'ECONNRESET'],
  GitTransferTooLargeError: ['example.com', 10],
  GitCheckoutTooLargeError: [{ bytes: 20, limitBytes: 10 }],
  GitTimeoutError: ['example.com', 'silent', 1000],
  GitPackTooLargeError: ['example.com', { bytes: 20, limitBytes: 10 }],
  GitPackInvalidError: ['example.com', 'no PACK signature'],
  ModelProviderError: ['bedrock', 'throttled'],
  DependencyUnavailableError: ['postgres'],
  MskRecordDecodeError: ['invalid-json', { topic: 't', partition: 0, offset: '1' }, 'not JSON'],
  MskEventInvalidError: ['no records'],
  KafkaMessageInvalidError: ['task.submit', 'id: required'],
  KafkaMessageTooLargeError: ['t', 2, 1],
  KafkaTopicNotAllowedError: ['worker-execute', 't', []],
  StoreIllegalTransitionError: ['task-1', 'running', ['completed']],
  StoreMigrationError: ['cannot migrate'],
  DocsError: ['docs-failed', 'it failed'],
  DocsSourceError: ['path', 'not a repository'],
  DocsNotFoundError: ['no such document'],
  DocsRepositoryTakenError: ['inventory'],
  ChaosError: ['CHAOS_X', 'it failed'],
  ChaosPrerequisiteError: [['java']],
  ChaosServiceError: ['kafka', 'did not start'],
  ChaosUsageError: ['--bad'],
  ServicesUnavailableError: [{ service: 'redis', address: '127.0.0.1:6379', reason: 'refused', remedy: 'start it' }],
  ServicesCommandError: ['java -version', 1, ''],
  ServicesLockTimeoutError: ['.syntor/lock', 1],
  ServicesResetRefusedError: ['127.0.0.1:9092', '.syntor/kafka'],
  EnvironmentInitError: ['worker-execute', 'cannot import'],
  EnvironmentCrashedError: ['worker-execute', 'out of memory'],
  HandlerResultNotJsonError: ['worker-execute', 'a BigInt'],
  HttpRouteInvalidError: ['GET /x', 'bad'],
  HttpResponseInvalidError: ['no statusCode'],
  ScheduleExpressionInvalidError: ['rate(5 minute)', 'plural'],
  HandlerTimeoutError: ['worker-execute', 3],
  HandlerFailedError: ['worker-execute', { cause: new Error('boom') }],
  HandlerNotFoundError: ['worker-execute', 'no export'],
  HarnessUsageError: ['--bad'],
  HarnessKafkaUnreachableError: [['127.0.0.1:1'], { cause: new Error('refused') }],
  HarnessTopicsMissingError: [['t'], ['127.0.0.1:9092'], ['kafka-topics --create t'], 'staging'],
  HarnessApiExposedError: ['0.0.0.0'],
  HarnessBundleFailedError: ['cdk.out/bundles', [{ functionId: 'worker-execute', entry: 'functions/worker/execute.ts', cause: new Error('Could not resolve') }]],
  FilterPatternInvalidError: [{}, 'value', 'empty'],
  CdkContextInvalidError: [['environment: unknown']],
  CdkManifestUnsupportedError: [['worker: too much memory']],
};

/** Codes that were class names on the wire before codes were declared, kept as they were (lib/capabilities/errors.ts). */
const WIRE_CLASS_NAME_CODES = new Set(['CapabilityInputError', 'CapabilityRefusedError', 'CapabilityFailedError', 'CapabilityOutputInvalidError']);
/** The chaos suite's codes, read by scripts since before this test. */
const CHAOS_CODE = /^CHAOS_[A-Z_]+$/;
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
/** One meaning in two areas: a git ref or repository, a stored document. */
const SHARED_CODES: Record<string, readonly string[]> = { 'not-found': ['DocsNotFoundError', 'GitNotFoundError'] };

type ErrorClass = new (...args: never[]) => SyntorError;
interface Declared {
  readonly name: string;
  readonly file: string;
  readonly abstract: boolean;
  readonly cls: ErrorClass;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every exported class in the source that extends an error, with the module that exports it. */
async function declaredErrorClasses(): Promise<Declared[]> {
  const found: Declared[] = [];
  for (const file of SOURCE_DIRS.flatMap((dir) => sourceFiles(join(ROOT, dir)))) {
    const text = readFileSync(file, 'utf8');
    const classes = [...text.matchAll(CLASS)].filter((m) => /Error$/.test(m[3]!));
    if (classes.length === 0) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const [, abstract, name] of classes) {
      const cls = module[name!];
      if (typeof cls === 'function' && cls.prototype instanceof SyntorError) {
        found.push({ name: name!, file: relative(ROOT, file), abstract: abstract !== undefined, cls: cls as ErrorClass });
      }
    }
  }
  return found;
}

/**
 * Builds the error as a minified bundle would: the same constructor, but `new.target` and
 * `this.constructor` named `t`. A code made from either comes out as "t".
 */
function constructMinified(cls: ErrorClass, args: readonly unknown[]): SyntorError {
  const renamed = function t() {} as unknown as ErrorClass;
  renamed.prototype = Object.create(cls.prototype, { constructor: { value: renamed } }) as SyntorError;
  return Reflect.construct(cls, args, renamed) as SyntorError;
}

let declared: Declared[];
let concrete: Declared[];
beforeAll(async () => {
  declared = await declaredErrorClasses();
  concrete = declared.filter((d) => !d.abstract);
}, 60_000);

describe('error codes', () => {
  it('finds the error classes of lib, functions, local and cdk', () => {
    expect(concrete.length).toBeGreaterThanOrEqual(55);
    expect(concrete.map((d) => d.name)).toEqual(expect.arrayContaining(['CapabilityInputError', 'GitError', 'HarnessUsageError', 'CdkContextInvalidError']));
  });

  it('has an example of every concrete error class', () => {
    const missing = concrete.filter((d) => !(d.name in EXAMPLES)).map((d) => `${d.name} (${d.file})`);

    expect(missing, 'add a line to EXAMPLES in test/unit/errors/errorCodes.test.ts').toEqual([]);
  });

  it('gives each error an explicit code that minifying its class name does not change', () => {
    for (const { name, cls } of concrete.filter((d) => d.name in EXAMPLES)) {
      const args = EXAMPLES[name]!;
      const error = Reflect.construct(cls, args) as SyntorError;
      const minified = constructMinified(cls, args);

      expect(minified.constructor.name, `${name}: the rename did not reach the constructor`).toBe('t');
      expect(typeof error.code, name).toBe('string');
      expect(error.code, name).not.toBe('');
      expect(minified.code, `${name}'s code comes from its class name`).toBe(error.code);
      expect(KEBAB.test(error.code) || CHAOS_CODE.test(error.code) || WIRE_CLASS_NAME_CODES.has(error.code), `${name}: "${error.code}" is not kebab-case`).toBe(true);
    }
  });

  it('keeps the codes already on the wire', () => {
    const codeOf = (name: string) => (Reflect.construct(concrete.find((d) => d.name === name)!.cls, EXAMPLES[name]!) as SyntorError).code;

    expect(codeOf('CapabilityInputError')).toBe('CapabilityInputError');
    expect(codeOf('CapabilityRefusedError')).toBe('CapabilityRefusedError');
    expect(codeOf('CapabilityFailedError')).toBe('CapabilityFailedError');
    expect(codeOf('CapabilityOutputInvalidError')).toBe('CapabilityOutputInvalidError');
    expect(codeOf('DependencyUnavailableError')).toBe('dependency-unavailable');
    expect(codeOf('KafkaTopicNotAllowedError')).toBe('topic-not-allowed');
    expect(codeOf('KafkaMessageTooLargeError')).toBe('message-too-large');
    expect(codeOf('DatabaseAuthFailedError')).toBe('database-auth-failed');
  });

  it('gives two classes the same code only where they mean the same thing', () => {
    const classesByCode = new Map<string, string[]>();
    for (const { name, cls } of concrete.filter((d) => d.name in EXAMPLES)) {
      const { code } = Reflect.construct(cls, EXAMPLES[name]!) as SyntorError;
      classesByCode.set(code, [...(classesByCode.get(code) ?? []), name]);
    }
    const shared = Object.fromEntries([...classesByCode].filter(([, names]) => names.length > 1).map(([code, names]) => [code, names.sort()]));

    expect(shared).toEqual(SHARED_CODES);
  });
});
