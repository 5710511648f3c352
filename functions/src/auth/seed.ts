// The auth context's demo seed (local only): the demo password for every demo account, and the
// county's setting with the second factor NOT required — a laptop demo has no phones enrolled
// (`npm start` says so; a deployed environment requires it of privileged roles by default).
import * as demo from '@sifasuo/domain/src/demo-county';
import type { SeedResult } from '@sifasuo/wiring/src/types';
import type { RequestContext } from '../shared/request-context';
import { provisionCredential, provisionSettings } from './provision';

export const seedDemoCredentials = async (now: Date): Promise<SeedResult> => {
  const ctx: RequestContext = { actor: { username: 'system-seed', displayName: '演示数据初始化', roles: [] }, requestId: 'seed', now };
  await provisionSettings(ctx, { totpRequiredForPrivileged: false });
  let created = 0;
  for (const u of demo.demoUsers) if (await provisionCredential(ctx, u.username, demo.DEMO_PASSWORD)) created++;
  return { summary: `${created} demo passwords set; second factor not required in the demo county` };
};

export const handler = async (): Promise<SeedResult> => seedDemoCredentials(new Date());
