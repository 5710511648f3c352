// The environment the local cloud gives its functions (physical names, emulator endpoints, the
// emulators' credentials), set in this test process for one test file: kit code imported from
// functions/src then runs here against the run's test cloud, as it runs in a function.
import { ENV, functionEnvironment } from '@sifasuo/wiring';
import { STAGE } from '@sifasuo/local-cloud/src/config';
import { cloud, credentials, region } from './cloud';

const environment = (): Record<string, string> => ({
  // No function here signs session tokens: the signing key is left out.
  ...functionEnvironment(STAGE, { signingKey: '' }),
  [ENV.localS3]: '1',
  AWS_REGION: region,
  AWS_ACCESS_KEY_ID: credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
  AWS_ENDPOINT_URL_DYNAMODB: cloud().endpoints.dynamodb,
  AWS_ENDPOINT_URL_S3: cloud().endpoints.s3,
  AWS_ENDPOINT_URL_SQS: cloud().endpoints.sqs,
  AWS_ENDPOINT_URL_EVENTBRIDGE: cloud().endpoints.eventbridge,
});

/** Registers hooks that set the functions' environment before the file's tests and restore the old one after. */
export function useFunctionEnvironment() {
  let saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    const env = environment();
    saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    Object.assign(process.env, env);
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  });
}
