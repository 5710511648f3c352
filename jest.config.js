// One jest run, five projects: unit (pure, fast), integration (HTTP against the local cloud),
// generated (the suites generated from the wiring: the scope matrix and the fuzz test, on a cloud of
// their own, as the matrix changes what the integration tests count), infra (CDK template
// assertions), e2e (the portal in headless Chromium). The local cloud is started by the global setup,
// once per run for each of the integration, generated and e2e projects selected.
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // ESM-only dependencies must be transformed to run in jest's CommonJS registry.
  transformIgnorePatterns: ['/node_modules/(?!(@middy|jose|ulid|@aws-lambda-powertools)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
};

export default {
  globalSetup: '<rootDir>/tests/support/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/global-teardown.mjs',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common, displayName: 'integration', globals: { SIFASUO_PROJECT: 'integration' },
      setupFilesAfterEnv: ['<rootDir>/tests/support/integration-timeout.ts'], testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
    {
      ...common, displayName: 'generated', globals: { SIFASUO_PROJECT: 'generated' },
      setupFilesAfterEnv: ['<rootDir>/tests/support/integration-timeout.ts'], testMatch: ['<rootDir>/tests/generated/**/*.test.ts'],
    },
    { ...common, displayName: 'infra', testMatch: ['<rootDir>/tests/infra/**/*.test.ts'] },
    { ...common, displayName: 'e2e', globals: { SIFASUO_PROJECT: 'e2e' }, testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'] },
  ],
};
