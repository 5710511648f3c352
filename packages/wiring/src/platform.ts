// platform: what belongs to no business context — the health check.
import { defineContext, reply, route } from './types';

export const platform = defineContext({
  context: 'platform',
  // The archive context will own it; declared now so deployed stacks keep its Object Lock from day one.
  // Browsers PUT imports and attachments here by presigned URL (functions/src/shared/uploads.ts); unkept ones expire after a week.
  buckets: [{ id: 'archive', objectLock: true }, { id: 'uploads', objectLock: false, uploads: { expireDays: 7 } }],
  functions: [
    { id: 'platform-api', context: 'platform', kind: 'api', entry: 'functions/src/platform/api.ts', tables: [], timeoutSeconds: 5, memoryMb: 256 },
  ],
  routes: [route('GET', '/api/health', 'platform-api', { auth: 'none', response: reply<{ status: 'ok'; time: string }>() })],
});
