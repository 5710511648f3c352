// Stands in for `@aws-sdk/credential-provider-node` in the Lambda bundles (an esbuild alias, see
// infra/lib/bundling.ts); same export, same signature. In Lambda the execution role's credentials are
// always in the environment, which is the first link of the SDK's default chain, and the chain stops
// there. The other links (SSO, shared ini files, credential_process, web identity, container/IMDS) and
// the STS/SSO clients they carry are dead code in Lambda, yet cost ~130 KiB of every bundle and a large
// share of its init (child_process, and the SDK core wrapped for lazy loading). Code run outside the
// bundles (local cloud, tests, scripts) keeps the real chain.

export interface EnvironmentCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
  credentialScope?: string;
  accountId?: string;
}

/** What `fromEnv()` of `@aws-sdk/credential-provider-env` reads, read the same way. */
export const defaultProvider = (_init?: unknown) => async (): Promise<EnvironmentCredentials> => {
  const env = process.env;
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(
      'AWS credentials: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set (bundles resolve credentials from the Lambda environment only)',
    );
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN && { sessionToken: env.AWS_SESSION_TOKEN }),
    ...(env.AWS_CREDENTIAL_EXPIRATION && { expiration: new Date(env.AWS_CREDENTIAL_EXPIRATION) }),
    ...(env.AWS_CREDENTIAL_SCOPE && { credentialScope: env.AWS_CREDENTIAL_SCOPE }),
    ...(env.AWS_ACCOUNT_ID && { accountId: env.AWS_ACCOUNT_ID }),
  };
};
