// Seeds the demo county into a fresh local cloud. Reference data is written directly (no user did
// it, so there is nothing to audit); accounts go through the directory like any other user.
import { isDomainError, DEFAULT_DICTIONARIES, DICTIONARY_LABELS, ROLE_LABELS, type DictionaryName, type User } from '@sifasuo/domain';
import { ulid } from 'ulid';
import { directory } from './directory';
import { keys, seedItem } from './repository';
import * as demo from './demo-county';

/** Deterministic ULIDs, so a seed re-run after a partial failure overwrites instead of duplicating. */
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

/** Safe to run again after a partial failure: every write is an overwrite of the same key. */
export async function seedDemoCounty(): Promise<{ demoPassword: string; users: Array<{ username: string; role: string; unit: string }> }> {
  const now = new Date();
  const at = now.toISOString();
  await seedItem({ ...keys.bureau(), entity: 'bureau', ...demo.bureau });
  for (const d of demo.departments) await seedItem({ ...keys.department(d.id), entity: 'department', ...d });
  for (const a of demo.areas) await seedItem({ ...keys.area(a.id), entity: 'area', ...a });
  const offices = demo.offices(at);
  for (const o of offices) {
    await seedItem({ ...keys.office(o), entity: 'office', ...o });
    for (const s of demo.staffOf(o, at, demoStaffId)) await seedItem({ ...keys.staff(s), entity: 'staff', ...s });
  }
  for (const [name, entries] of Object.entries(DEFAULT_DICTIONARIES)) {
    await seedItem({ ...keys.dictionary(name), entity: 'dictionary', name, label: DICTIONARY_LABELS[name as DictionaryName], entries, version: 1, updatedAt: at });
  }

  const users = [];
  for (const u of demo.demoUsers) {
    const office = offices.find((o) => o.id === u.officeId);
    const user: User = { ...u, areaId: office?.areaId, enabled: true, version: 1, updatedAt: at };
    try {
      await directory.createUser(user, demo.DEMO_PASSWORD);
    } catch (e) {
      // A seed interrupted half-way left the account behind: reuse it with the demo password.
      if (!(isDomainError(e) && e.code === 'CONFLICT')) throw e;
      await directory.setPassword(user.username, demo.DEMO_PASSWORD);
    }
    await directory.syncUser(user);
    await seedItem({ ...keys.user(user.username), entity: 'user', ...user });
    const unit = office?.name ?? demo.departments.find((d) => d.id === u.departmentId)?.name ?? demo.bureau.name;
    users.push({ username: u.username, role: u.roles.map((r) => ROLE_LABELS[r]).join('、'), unit });
  }
  return { demoPassword: demo.DEMO_PASSWORD, users };
}
