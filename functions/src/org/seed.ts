// Seeds the demo county into a fresh local cloud (never in AWS): the county, a few staff per office,
// one account per role. Safe to run again after a partial failure.
import { ROLE_LABELS, type User } from '@sifasuo/domain';
import { ulid } from 'ulid';
import * as demo from './demo-county';
import { provisionCounty, provisionUser } from './provision';
import { createIfAbsent, keys } from './repository';

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

export async function seedDemoCounty(): Promise<{ demoPassword: string; users: Array<{ username: string; role: string; unit: string }> }> {
  const now = new Date();
  const ctx = { actor: { username: 'system-seed', displayName: '演示数据初始化', roles: [] }, requestId: 'seed', now };
  const offices = await provisionCounty(ctx, demo.county);
  for (const o of offices) {
    for (const s of demo.staffOf(o, now.toISOString(), demoStaffId)) {
      await createIfAbsent(ctx, { ...keys.staff(s), entity: 'staff', ...s }, { action: 'org.staff.provision', targetType: 'staff', targetId: s.id, after: s });
    }
  }
  const users = [];
  for (const u of demo.demoUsers) {
    const office = offices.find((o) => o.id === u.officeId);
    const user: User = { ...u, areaId: office?.areaId, enabled: true, version: 1, updatedAt: now.toISOString() };
    await provisionUser(ctx, user, demo.DEMO_PASSWORD);
    const unit = office?.name ?? demo.departmentName(u.departmentId) ?? demo.county.bureau.name;
    users.push({ username: u.username, role: u.roles.map((r) => ROLE_LABELS[r]).join('、'), unit });
  }
  return { demoPassword: demo.DEMO_PASSWORD, users };
}
