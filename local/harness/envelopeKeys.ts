import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { COORDINATOR_AGENT, deriveAgentKey, derivedKeyring, keyBytes, MIN_KEY_CHARS, type EnvelopeAuth, type EnvelopeSigner } from '../../lib/kafka/auth/index.js';
import { HarnessUsageError } from './errors.js';

/** The harness's envelope keys: one master, from which each agent's signing key is derived. */
export interface HarnessEnvelopeKeys {
  /** The variables an agent's execution environment gets: its own key, and the master for the coordinator only. */
  environmentFor(agent: string): Record<string, string>;
  /** The same, for an invocation in the harness's process (`isolation: false`). */
  authFor(agent: string): EnvelopeAuth;
  /** Signs as `agent`: for tests that put records on the topics in an agent's name. */
  signerFor(agent: string): EnvelopeSigner;
}

/** Where the master key is kept between runs, so records signed before a restart still verify after it. */
export function defaultMasterKeyFile(): string {
  return join(tmpdir(), `syntor-${userInfo().uid}`, 'envelope-master.key');
}

/**
 * The master key: SYNTOR_ENVELOPE_MASTER_KEY, else the key file, made on first use (0600, in a 0700
 * directory). Two harnesses starting at once agree: the file appears whole (a hard link of a written
 * file) or not at all.
 */
export async function loadMasterKey(env: NodeJS.ProcessEnv = process.env, file: string = defaultMasterKeyFile()): Promise<string> {
  const given = env.SYNTOR_ENVELOPE_MASTER_KEY;
  if (given !== undefined && given !== '') {
    if (given.length < MIN_KEY_CHARS) throw new HarnessUsageError(`SYNTOR_ENVELOPE_MASTER_KEY must be at least ${MIN_KEY_CHARS} characters`);
    return given;
  }
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (existing !== undefined) return checkedKeyFile(file, existing);
  await mkdir(join(file, '..'), { recursive: true, mode: 0o700 });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, randomBytes(48).toString('base64url'), { mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(draft, { force: true });
  }
  return checkedKeyFile(file, await readFile(file, 'utf8'));
}

function checkedKeyFile(file: string, text: string): string {
  const key = text.trim();
  if (key.length < MIN_KEY_CHARS) throw new HarnessUsageError(`${file} does not hold an envelope master key (at least ${MIN_KEY_CHARS} characters); delete it to have a new one made`);
  return key;
}

/**
 * Every agent signs with its own key; only the coordinator gets the master, to check the others. A
 * worker's environment therefore cannot sign as another agent, as on AWS, where each has its own secret.
 *
 * @example
 * const keys = harnessEnvelopeKeys(await loadMasterKey());
 * keys.environmentFor('worker-alpha'); // { SYNTOR_ENVELOPE_KEY: '…', SYNTOR_ENVELOPE_MASTER_KEY: '' }
 */
export function harnessEnvelopeKeys(master: string): HarnessEnvelopeKeys {
  const keyring = derivedKeyring(master);
  const signerFor = (agent: string): EnvelopeSigner => ({ agent, key: keyBytes(deriveAgentKey(master, agent)) });
  return {
    signerFor,
    // An empty variable is an unset one: the harness's own SYNTOR_ENVELOPE_MASTER_KEY must not reach a worker.
    environmentFor: (agent) => ({ SYNTOR_ENVELOPE_KEY: deriveAgentKey(master, agent), SYNTOR_ENVELOPE_MASTER_KEY: agent === COORDINATOR_AGENT ? master : '' }),
    authFor: (agent) => {
      const signer = signerFor(agent);
      return { signer: async () => signer, keyring: agent === COORDINATOR_AGENT ? keyring : undefined };
    },
  };
}
