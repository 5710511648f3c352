// Constants of the local world. One set of dummy credentials serves every emulator: s3rver accepts
// only S3RVER/S3RVER, the others accept anything.
export const REGION = 'us-east-1';
export const ACCOUNT = '000000000000';
export const STAGE = 'local';
export const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
