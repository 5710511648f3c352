// The audit trail: every write and sensitive read leaves a record only the auditor can read.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { auditItem } from '../../functions/src/shared/audit-writer';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { api, cloud, dynamo, eventually, login, s3 } from '../support/cloud';

const AUDIT_TABLE = 'sifasuo-local-audit';

/** An audit record of a past instant, laid out by the real writer (no API can backdate a record). */
const pastRecord = (at: string, id: string, officeId: string, n: number) =>
  auditItem({
    id, at, actor: 'admin', roles: ['county_admin'], action: 'org.office.update', targetType: 'office', targetId: officeId,
    outcome: 'success', after: { name: `名称${n}` },
  });
const VAULT = 'sifasuo-local-audit-vault';

const range = () => ({ from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() });
const query = (params: Record<string, string>) => `/api/audit/records?${new URLSearchParams({ ...range(), ...params })}`;

describe('audit', () => {
  it('records a write with before/after, and a refusal with its outcome', async () => {
    const token = await login('staff-0102');
    const list = (await api('/api/org/offices/0102/staff', { token })).body.items;
    const s = list[0];
    const body = { name: s.name, sex: s.sex, phone: '13700007777', post: s.post, education: s.education, legalExamCertificate: s.legalExamCertificate, certificateNo: s.certificateNo, status: s.status, version: s.version };
    expect((await api(`/api/org/staff/${s.id}`, { method: 'PUT', token, body })).status).toBe(200);
    // A valid body for another office: refused for its scope (a bad body would be refused at the edge,
    // 400); the office answers as missing, and the refusal is recorded as a denial.
    const { version: _v, ...fresh } = body;
    expect((await api(`/api/org/offices/0201/staff`, { method: 'POST', token, body: fresh })).status).toBe(404);

    const auditor = await login('auditor');
    const mine = await api(query({ actor: 'staff-0102' }), { token: auditor });
    expect(mine.status).toBe(200);
    const update = mine.body.items.find((r: { action: string }) => r.action === 'org.staff.update');
    expect(update).toMatchObject({ outcome: 'success', targetId: s.id, before: { phone: s.phone }, after: { phone: '13700007777' } });
    expect(update.after.idNumber).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    const denied = mine.body.items.find((r: { action: string }) => r.action === 'org.staff.create');
    expect(denied).toMatchObject({ outcome: 'denied', targetType: 'office', targetId: '0201' });

    const byTarget = await api(query({ targetType: 'staff', targetId: s.id }), { token: auditor });
    expect(byTarget.body.items.some((r: { action: string }) => r.action === 'org.staff.update')).toBe(true);
    const byTime = await api(query({ limit: '2' }), { token: auditor });
    expect(byTime.body.items).toHaveLength(2);
    expect(typeof byTime.body.cursor).toBe('string');
  });

  it('only the auditor reads it — not even the admin', async () => {
    for (const user of ['admin', 'leader', 'staff-0101']) {
      const r = await api(query({}), { token: await login(user) });
      expect(r.status).toBe(403);
    }
    const auditor = await login('auditor');
    const bad = await api('/api/audit/records?from=yesterday', { token: auditor });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields)).toEqual(expect.arrayContaining(['from', 'to']));
    const badDay = await api('/api/audit/digests?from=2024-13-01&to=2024-13-02', { token: auditor });
    expect(badDay.status).toBe(400);
    expect(badDay.body.fields).toEqual({ from: '开始日期不是有效日期', to: '结束日期不是有效日期' });
    const backwards = await api('/api/audit/digests?from=2024-02-01&to=2024-01-01', { token: auditor });
    expect(backwards.body.fields).toEqual({ to: '结束日期不能早于开始日期' });
    // A cursor for a far-off day must not walk the table day by day.
    const farCursor = Buffer.from(JSON.stringify({ day: '2999-12-31' })).toString('base64url');
    const far = await api(query({ cursor: farCursor }), { token: auditor });
    expect(far.status).toBe(400);
    expect(far.body.fields.cursor).toBe('分页游标与查询条件不符，请从第一页重新查询');
  });

  it('the daily digest chains a finished day and detects a record altered in storage', async () => {
    // Records of a past day, written straight into the table as the writer lays them out (no API can
    // backdate a record), then digested by the scheduled job as it would run the next night.
    const day = '2020-01-01';
    const items = [1, 2, 3].map((n) => pastRecord(`2019-12-31T1${6 + n}:00:00.000Z`, `01DIGESTTEST00000000000${n}`, '0101', n)); // 01:00–03:00 on 2020-01-01 in Shanghai
    for (const Item of items) await dynamo().send(new PutCommand({ TableName: AUDIT_TABLE, Item }));

    const run = await fetch(`${cloud().url}/__local/schedules/audit-daily-digest/run`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('admin')}` }, body: JSON.stringify({ time: '2020-01-01T17:10:00.000Z' }),
    });
    expect(run.status).toBe(200);

    const auditor = await login('auditor');
    const verify = () => api(`/api/audit/digests?from=${day}&to=${day}`, { token: auditor });
    const first = await verify();
    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([expect.objectContaining({ day, count: 3, intact: true })]);

    await dynamo().send(new PutCommand({ TableName: AUDIT_TABLE, Item: { ...items[1], after: { name: '被篡改' } } }));
    expect((await verify()).body.items).toEqual([expect.objectContaining({ day, intact: false })]);
  });

  it('the nightly digest copies to the vault any record the stream did not (run after the chain test)', async () => {
    const items = [1, 2].map((n) => pastRecord(`2020-01-01T1${6 + n}:00:00.000Z`, `01VAULTRECONCILE000000000${n}`, '0102', n)); // 01:00–02:00 on 2020-01-02 in Shanghai
    for (const Item of items) await dynamo().send(new PutCommand({ TableName: AUDIT_TABLE, Item }));
    const key = (i: (typeof items)[number]) => `records/${i.PK}/${i.SK}.json`;
    const inVault = async (k: string) => {
      try {
        await s3().send(new HeadObjectCommand({ Bucket: VAULT, Key: k }));
        return true;
      } catch {
        return false;
      }
    };
    await eventually(async () => (await inVault(key(items[0]!))) && (await inVault(key(items[1]!))));
    // The stream's copy of the second record is lost (in AWS: its retries ran out); locally, delete it.
    await s3().send(new DeleteObjectCommand({ Bucket: VAULT, Key: key(items[1]!) }));
    expect(await inVault(key(items[1]!))).toBe(false);

    const run = await fetch(`${cloud().url}/__local/schedules/audit-daily-digest/run`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${await login('admin')}` }, body: JSON.stringify({ time: '2020-01-02T17:10:00.000Z' }),
    });
    expect(run.status).toBe(200);
    const copy = await s3().send(new GetObjectCommand({ Bucket: VAULT, Key: key(items[1]!) }));
    expect(JSON.parse(await copy.Body!.transformToString())).toMatchObject({ id: items[1]!.id, after: { name: '名称2' } });
  });
});
