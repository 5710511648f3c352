// The org context's demo seed (declared in its wiring; the local cloud runs it once per data folder,
// never in AWS): the demo county, a few staff per office, one account per role (their demo passwords
// are the auth context's seed). Safe to run again
// after a partial failure: deterministic ids, and only what is absent is created.
import { ORG_AUDIT, ROLE_LABELS, type User } from '@sifasuo/domain';
import * as demo from '@sifasuo/domain/src/demo-county';
import type { SeedResult } from '@sifasuo/wiring/src/types';
import { ulid } from 'ulid';
import type { RequestContext } from '../shared/request-context';
import { provisionCounty, provisionUser } from './provision';
import { keys, provisionItem } from './repository';

/** Deterministic ULIDs, so a re-run finds the staff it already wrote instead of adding more. */
const demoStaffId = (n: number) => {
  let state = n + 1;
  const prng = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return ulid(Date.parse('2026-01-01T00:00:00Z') + n, prng);
};

export const seedDemoCounty = async (now: Date): Promise<SeedResult> => {
  const ctx: RequestContext = { actor: { username: 'system-seed', displayName: '演示数据初始化', roles: [] }, requestId: 'seed', now };
  const offices = await provisionCounty(ctx, demo.county);
  let staffCount = 0;
  for (const o of offices) {
    for (const s of demo.staffOf(o, now.toISOString(), demoStaffId)) {
      await provisionItem(ctx, { ...keys.staff(s), entity: 'staff', ...s }, { action: ORG_AUDIT['staff.provision'], targetId: s.id, after: s });
      staffCount++;
    }
  }
  const logins = [];
  for (const u of demo.demoUsers) {
    const office = offices.find((o) => o.id === u.officeId);
    const user: User = { ...u, areaId: office?.areaId, enabled: true, version: 1, updatedAt: now.toISOString() };
    await provisionUser(ctx, user);
    const unit = office?.name ?? demo.departmentName(u.departmentId) ?? demo.county.bureau.name;
    logins.push({ username: u.username, role: u.roles.map((r) => ROLE_LABELS[r]).join('、'), unit });
  }
  return { demoPassword: demo.DEMO_PASSWORD, logins, summary: `${offices.length} offices, ${staffCount} staff, ${logins.length} accounts` };
};

export const handler = async (): Promise<SeedResult> => seedDemoCounty(new Date());
