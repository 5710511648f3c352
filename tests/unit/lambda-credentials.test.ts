// The bundles' stand-in for the SDK's default credential chain (infra/lib/bundling.ts): the Lambda
// environment's credentials, read as the SDK's own fromEnv() reads them.
import { defaultProvider } from '../../functions/src/shared/lambda-credentials';

describe('lambda credentials', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test('returns the execution role credentials Lambda puts in the environment', async () => {
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 'secret', AWS_SESSION_TOKEN: 'token' });
    delete process.env.AWS_CREDENTIAL_EXPIRATION;
    delete process.env.AWS_CREDENTIAL_SCOPE;
    delete process.env.AWS_ACCOUNT_ID;
    await expect(defaultProvider({})()).resolves.toEqual({ accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: 'token' });
  });

  test('refuses loudly when there are none', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    await expect(defaultProvider()()).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
  });
});
