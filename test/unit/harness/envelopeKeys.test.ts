import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveAgentKey, envelopeAuthFromEnv } from '../../../lib/kafka/auth/index.js';
import { harnessEnvelopeKeys, loadMasterKey } from '../../../local/harness/envelopeKeys.js';

describe('the harness master key', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'syntor-envelope-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is made on first use, readable by its owner only, and the same on the next start', async () => {
    const file = join(dir, 'keys', 'envelope-master.key');

    const first = await loadMasterKey({}, file);
    const again = await loadMasterKey({}, file);

    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(again).toBe(first);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'keys'))).mode & 0o777).toBe(0o700);
  });

  it('is one key for harnesses starting at the same moment', async () => {
    const file = join(dir, 'envelope-master.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadMasterKey({}, file)));
    expect(new Set(keys).size).toBe(1);
    expect(await readFile(file, 'utf8')).toBe(keys[0]);
  });

  it('comes from SYNTOR_ENVELOPE_MASTER_KEY when set, and refuses a short one', async () => {
    const file = join(dir, 'unused.key');
    await expect(loadMasterKey({ SYNTOR_ENVELOPE_MASTER_KEY: 'k'.repeat(40) }, file)).resolves.toBe('k'.repeat(40));
    await expect(loadMasterKey({ SYNTOR_ENVELOPE_MASTER_KEY: 'short' }, file)).rejects.toThrow(/at least 32 characters/);
  });

  it('names a damaged key file and how to recover', async () => {
    const file = join(dir, 'envelope-master.key');
    await writeFile(file, 'oops');
    await expect(loadMasterKey({}, file)).rejects.toThrow(`${file} does not hold an envelope master key (at least 32 characters); delete it to have a new one made`);
  });
});

describe('what each execution environment gets', () => {
  const master = 'the harness master key, long enough to count';
  const keys = harnessEnvelopeKeys(master);

  it('gives a worker its own key and not the master, so it cannot sign as anyone else', async () => {
    const env = keys.environmentFor('worker-alpha');
    expect(env).toEqual({ SYNTOR_ENVELOPE_KEY: deriveAgentKey(master, 'worker-alpha'), SYNTOR_ENVELOPE_MASTER_KEY: '' });

    const auth = envelopeAuthFromEnv({ ...env, SYNTOR_AGENT: 'worker-alpha' });
    expect((await auth.signer())?.agent).toBe('worker-alpha');
    expect(auth.keyring).toBeUndefined();
  });

  it('gives the coordinator the master, to check every agent', async () => {
    const auth = envelopeAuthFromEnv({ ...keys.environmentFor('coordination'), SYNTOR_AGENT: 'coordination' });
    expect(await auth.keyring?.keyFor('worker-alpha')).toEqual(keys.signerFor('worker-alpha').key);
  });
});
