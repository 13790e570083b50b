import { createHmac } from 'node:crypto';

/** Where a verifier finds the key of the agent a record says signed it. */
export interface EnvelopeKeyring {
  /** The agent's key, or undefined for an agent it has none for (its records are refused). */
  keyFor(agent: string): Promise<Buffer | undefined>;
}

/**
 * Keys are text (an environment variable, a generated secret's string) and sign as their UTF-8
 * bytes; fewer characters than this is no HMAC-SHA256 key worth the name.
 */
export const MIN_KEY_CHARS = 32;

/** The bytes a key text signs with. */
export const keyBytes = (key: string): Buffer => Buffer.from(key, 'utf8');

/**
 * An agent's key derived from a master key (both text): the harness holds the master, gives each
 * function only its agent's key, and lets the coordinator derive any agent's to verify.
 *
 * @example
 * const key = deriveAgentKey(master, 'worker-alpha'); // 43 base64url characters
 */
export function deriveAgentKey(master: string, agent: string): string {
  return createHmac('sha256', keyBytes(master)).update(`syntor-envelope-key\n${agent}`).digest('base64url');
}

/** A keyring deriving every agent's key from `master`. */
export function derivedKeyring(master: string): EnvelopeKeyring {
  const keys = new Map<string, Buffer>();
  return {
    keyFor: async (agent) => {
      let key = keys.get(agent);
      if (!key) keys.set(agent, (key = keyBytes(deriveAgentKey(master, agent))));
      return key;
    },
  };
}

/** A keyring reading each agent's key once from its own source (a Secrets Manager secret on AWS). */
export function lookupKeyring(sources: Readonly<Record<string, () => Promise<string>>>): EnvelopeKeyring {
  const keys = new Map<string, Promise<Buffer>>();
  return {
    keyFor: async (agent) => {
      const read = Object.hasOwn(sources, agent) ? sources[agent] : undefined;
      if (!read) return undefined;
      let key = keys.get(agent);
      if (!key) {
        key = read().then(keyBytes);
        keys.set(agent, key);
        // A failed read is tried again by the next record, not cached for the instance's life.
        key.catch(() => keys.delete(agent));
      }
      return key;
    },
  };
}
