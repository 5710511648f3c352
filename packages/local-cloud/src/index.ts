export { startLocalCloud, REPO_ROOT } from './cloud';
export type { ExtraWiring, LocalCloud, LocalCloudOptions, ReadyInfo, DemoLogin } from './cloud';
export { AuthorizerCache, compileRoutes, matchRoute, simpleResponse, type GatewayRoute } from './gateway';
export { SIGNING_KEY_FILE } from './signing-key';
export { scheduledEvent } from './cron';
export { ACCOUNT, REGION, STAGE, localCredentials } from './config';
