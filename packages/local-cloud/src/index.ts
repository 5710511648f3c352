export { startLocalCloud, REPO_ROOT } from './cloud';
export type { ExtraWiring, LocalCloud, LocalCloudOptions, ReadyInfo, DemoLogin } from './cloud';
export { flattenClaims, compileRoutes, matchRoute } from './gateway';
export { scheduledEvent } from './cron';
export { ACCOUNT, REGION, STAGE, localCredentials } from './config';
