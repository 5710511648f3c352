export * from './errors';
export * from './id-number';
export * from './validation';
export * from './roles';
export * from './org';
export * from './auth';
export * from './audit';
export * from './time';
