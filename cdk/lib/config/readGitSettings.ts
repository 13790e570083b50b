import { CONTEXT_KEYS } from './defaults.js';
import type { DeploymentSettings } from './types.js';

const SECRET_ARN = /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/;
const HOST = /^(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$/;

/**
 * The git credential settings. A token secret without `syntor:gitTokenHosts` is refused at synth
 * time: the function would send the token to any server that answers 401 (issue 13), and the
 * runtime refuses SYNTOR_GIT_TOKEN_SECRET_ARN without SYNTOR_GIT_TOKEN_HOSTS at start-up anyway.
 */
export function readGitSettings(raw: (key: string) => string | undefined, problems: string[]): DeploymentSettings['git'] {
  const tokenSecretArn = raw(CONTEXT_KEYS.gitTokenSecretArn);
  const credentialsSecretArn = raw(CONTEXT_KEYS.gitCredentialsSecretArn);
  const hostsText = raw(CONTEXT_KEYS.gitTokenHosts);
  const tokenHosts = hostsText?.split(',').map((h) => h.trim()).filter(Boolean);
  for (const [key, arn] of [[CONTEXT_KEYS.gitTokenSecretArn, tokenSecretArn], [CONTEXT_KEYS.gitCredentialsSecretArn, credentialsSecretArn]] as const) {
    if (arn !== undefined && !SECRET_ARN.test(arn)) problems.push(`${key}: expected a Secrets Manager secret ARN, got "${arn}"`);
  }
  const badHosts = tokenHosts?.filter((h) => !HOST.test(h)) ?? [];
  if (badHosts.length > 0) problems.push(`${CONTEXT_KEYS.gitTokenHosts}: expected host names such as github.com or *.example.com, got "${badHosts.join('", "')}"`);
  if (tokenSecretArn !== undefined && (tokenHosts === undefined || tokenHosts.length === 0)) {
    problems.push(`${CONTEXT_KEYS.gitTokenHosts}: required with ${CONTEXT_KEYS.gitTokenSecretArn} — the hosts the token may be sent to, e.g. -c ${CONTEXT_KEYS.gitTokenHosts}=github.com,*.example.com`);
  }
  if (tokenSecretArn === undefined && tokenHosts !== undefined) {
    problems.push(`${CONTEXT_KEYS.gitTokenHosts}: names the hosts of ${CONTEXT_KEYS.gitTokenSecretArn}'s token; set that too, or drop it (named credentials carry their own hosts)`);
  }
  return {
    ...(tokenSecretArn === undefined ? {} : { tokenSecretArn }),
    ...(tokenSecretArn === undefined || tokenHosts === undefined ? {} : { tokenHosts }),
    ...(credentialsSecretArn === undefined ? {} : { credentialsSecretArn }),
  };
}
