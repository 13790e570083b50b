/** The git agent's configuration variables (read through lib/config; named here for the CDK app). */
export const GIT_ENV = {
  workspace: 'SYNTOR_GIT_WORKSPACE',
  token: 'SYNTOR_GIT_TOKEN',
  tokenSecretArn: 'SYNTOR_GIT_TOKEN_SECRET_ARN',
  tokenHosts: 'SYNTOR_GIT_TOKEN_HOSTS',
  credentials: 'SYNTOR_GIT_CREDENTIALS',
  credentialsSecretArn: 'SYNTOR_GIT_CREDENTIALS_SECRET_ARN',
  authorName: 'SYNTOR_GIT_AUTHOR_NAME',
  authorEmail: 'SYNTOR_GIT_AUTHOR_EMAIL',
} as const;
