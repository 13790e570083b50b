export { authenticateRecord, COORDINATOR_AGENT, type RecordAuthentication } from './authenticateRecord.js';
export { currentEnvelopeAuth, envelopeAuthFromEnv, type EnvelopeAuth } from './envelopeAuth.js';
export { envelopeEnvSchema, envelopeKeySecretSchema, readEnvelopeEnv, type EnvelopeEnv } from './envelopeEnv.js';
export { deriveAgentKey, derivedKeyring, keyBytes, lookupKeyring, MIN_KEY_CHARS, type EnvelopeKeyring } from './envelopeKeys.js';
export { readSignature, signRecord, SIGNATURE_HEADER, type EnvelopeSigner, type SignedParts } from './envelopeSignature.js';
