// What other workspaces (the local cloud, tests) may import from the functions package.
export { seedDemoCounty } from './org/seed';
export { DEMO_PASSWORD, demoUsers } from './org/demo-county';
