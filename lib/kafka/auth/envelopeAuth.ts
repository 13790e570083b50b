import { currentScope } from '../../manifest/invocationScope.js';
import { defaultSecretClient, readSecretOnce, type SecretClientFactory } from '../../aws/secretOnce.js';
import { derivedKeyring, keyBytes, lookupKeyring, type EnvelopeKeyring } from './envelopeKeys.js';
import { envelopeKeySecretSchema, readEnvelopeEnv } from './envelopeEnv.js';
import type { EnvelopeSigner } from './envelopeSignature.js';

/** How the running function signs what it sends and checks what it receives. */
export interface EnvelopeAuth {
  /** Who its records are signed as; undefined: they go out unsigned (a test, a script, the CLI). */
  signer(): Promise<EnvelopeSigner | undefined>;
  /** How it checks a record's signer; undefined: it has no keys to check with. */
  readonly keyring: EnvelopeKeyring | undefined;
}

/**
 * The envelope keys a function's environment gives it: its own from SYNTOR_ENVELOPE_KEY (or the
 * secret SYNTOR_ENVELOPE_KEY_SECRET_ARN) as SYNTOR_AGENT, and, for the coordinator, the others' from
 * SYNTOR_ENVELOPE_MASTER_KEY (or one secret per agent, SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS).
 *
 * @throws ConfigInvalidError for a malformed variable, or a key without SYNTOR_AGENT to sign as.
 */
export function envelopeAuthFromEnv(env: NodeJS.ProcessEnv, secrets: SecretClientFactory = defaultSecretClient): EnvelopeAuth {
  const e = readEnvelopeEnv(env);
  const readKey = (arn: string) => async () => (await readSecretOnce(arn, envelopeKeySecretSchema, secrets)).key;
  const ownKey = e.SYNTOR_ENVELOPE_KEY !== undefined ? async () => e.SYNTOR_ENVELOPE_KEY! : e.SYNTOR_ENVELOPE_KEY_SECRET_ARN !== undefined ? readKey(e.SYNTOR_ENVELOPE_KEY_SECRET_ARN) : undefined;
  const agent = e.SYNTOR_AGENT;
  let signer: Promise<EnvelopeSigner> | undefined;
  const keyring = e.SYNTOR_ENVELOPE_MASTER_KEY !== undefined
    ? derivedKeyring(e.SYNTOR_ENVELOPE_MASTER_KEY)
    : e.SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS !== undefined
      ? lookupKeyring(Object.fromEntries(Object.entries(e.SYNTOR_ENVELOPE_VERIFY_SECRET_ARNS).map(([name, arn]) => [name, readKey(arn)])))
      : undefined;
  return {
    keyring,
    signer: async () => {
      if (!ownKey || agent === undefined) return undefined;
      if (!signer) {
        signer = ownKey().then((key) => ({ agent, key: keyBytes(key) }));
        signer.catch(() => (signer = undefined));
      }
      return signer;
    },
  };
}

let fromProcess: EnvelopeAuth | undefined;

/**
 * The envelope keys of the code running now: the harness's in-process invocation's, else this
 * process's environment's (a Lambda instance, a harness execution environment).
 */
export function currentEnvelopeAuth(): EnvelopeAuth {
  const scoped = currentScope()?.envelope;
  if (scoped) return scoped;
  fromProcess ??= envelopeAuthFromEnv(process.env);
  return fromProcess;
}
