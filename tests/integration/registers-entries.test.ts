// The declared books end to end on the real emulators, through one register's declaration (petitions):
// the catalogue; create with its due dates, refusals with Chinese field messages; list by filter and
// filing days; get, update (409 stale), withdraw (then 409); another office's record 404/403, audited;
// the year's Excel export opened with exceljs; imports by presigned upload — bad rows all listed and
// nothing written, wrong headers refused naming them, a clean file of several transactions written
// once however often it is posted; each fact reaching the bus exactly once.
// Its records are filed in 2024 (before the demo year) in offices 0703 and 0704, so the demo's own
// entries never change what it counts.
import { existsSync, readFileSync } from 'node:fs';
import { factIdOf, idNumberCheckChar, registerById, shanghaiDay, type FactKind, type RegisterEntry } from '@sifasuo/domain';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { importedEntryId } from '../../functions/src/registers/import';
import { keys } from '../../functions/src/registers/keys';
import { registerWorkbook } from '../../functions/src/registers/workbook';
import { readWorkbook, workbookBytes } from '../../functions/src/shared/xlsx';
import { api, auditRecordsOf, cloud, dynamo, eventually, localName, login } from '../support/cloud';
import { probeLog } from '../support/test-wiring';

const OFFICE = '0703';
const IMPORT_OFFICE = '0704';
const USER = 'registers-0703';
const PASSWORD = 'Initial#Pass1';
const YEAR = 2024;
const petitions = registerById('petitions')!;

let token: string;
let admin: string;
beforeAll(async () => {
  admin = await login('admin');
  const user = await api('/api/org/users', { method: 'POST', token: admin, body: { username: USER, displayName: '台账测试员', roles: ['office_staff'], officeId: OFFICE } });
  expect([201, 409]).toContain(user.status);
  expect((await api(`/api/auth/accounts/${USER}/password`, { method: 'PUT', token: admin, body: { password: PASSWORD } })).status).toBe(204);
  token = await login(USER, PASSWORD);
});

const ENTRIES = '/api/registers/petitions/entries';
const petition = (over: Record<string, unknown> = {}) => ({
  officeId: OFFICE,
  receivedAt: `${YEAR}-03-05T09:30:00+08:00`,
  channel: 'visit',
  visitors: [{ name: '张三' }, { name: '李四' }],
  peopleCount: 2,
  request: '反映邻居违建影响采光，请求协调处理',
  handler: '王五',
  ...over,
});
const create = async (over: Record<string, unknown> = {}, as = token) => {
  const r = await api<RegisterEntry>(ENTRIES, { method: 'POST', token: as, body: petition(over) });
  expect([r.status, r.body]).toEqual([201, expect.anything()]);
  return r.body;
};
const requestId = (r: { headers: Headers }) => r.headers.get('x-request-id')!;

// ---- Facts, as the bus delivered them to the test's facts queue (tests/support/test-wiring.ts) ------

const factEvents = () => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; record: { body: string } })
    .filter((d) => d.kind === 'sqs').map((d) => JSON.parse(d.record.body) as { 'detail-type': string; detail: { id: string } })
    .filter((e) => /^Fact(Recorded|Retracted)$/.test(e['detail-type']));
};
const factId = (kind: FactKind, id: string) => factIdOf(kind, { context: 'registers', type: 'petitions', id });
/** The events of these fact ids, in arrival order, as `Recorded <id>`/`Retracted <id>`. */
const eventsOf = (ids: string[]) => factEvents().filter((e) => ids.includes(e.detail.id)).map((e) => `${e['detail-type'].slice(4)} ${e.detail.id}`);
/** Waits for a marker fact written after everything else: the stream is ordered, so what came before has arrived. */
const settle = async () => {
  const marker = await create({ request: '标记：等待事实送达' });
  await eventually(async () => factEvents().some((e) => e.detail.id === factId('registers.petition.received', marker.id)), 30_000);
};

// ---- Uploads --------------------------------------------------------------------------------------

const upload = async (bytes: Uint8Array, as = token, fileName = '来信来访登记簿.xlsx') => {
  const ticket = await api('/api/registers/uploads', { method: 'POST', token: as, body: { purpose: 'import', fileName, size: bytes.byteLength } });
  expect(ticket.status).toBe(201);
  const put = await fetch(ticket.body.url, { method: 'PUT', headers: ticket.body.headers, body: Buffer.from(bytes) });
  expect(put.status).toBe(200);
  return ticket.body.uploadId as string;
};
const importFile = (uploadId: string, officeId = OFFICE, as = token) =>
  api('/api/registers/petitions/imports', { method: 'POST', token: as, body: { officeId, uploadId } });
/** A file answer's bytes (the JSON helper would read them as text). */
const download = async (path: string, as = token) => {
  const res = await fetch(`${cloud().url}${path}`, { headers: { authorization: `Bearer ${as}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};
const listAll = async (officeId: string, as = token) => {
  const all: RegisterEntry[] = [];
  let cursor: string | undefined;
  do {
    const r = await api(`${ENTRIES}?officeId=${officeId}&from=${YEAR}-01-01&to=${YEAR}-12-31&limit=100${cursor ? `&cursor=${cursor}` : ''}`, { token: as });
    expect(r.status).toBe(200);
    all.push(...r.body.items);
    cursor = r.body.cursor;
  } while (cursor);
  return all;
};

describe('the register catalogue', () => {
  it('describes every declared register to working roles, without its rules; others are refused', async () => {
    const r = await api('/api/registers', { token });
    expect(r.status).toBe(200);
    const described = r.body.registers.find((d: { id: string }) => d.id === 'petitions');
    expect(described).toMatchObject({ name: '来信来访登记簿', dateField: 'receivedAt', derived: [{ key: 'replyDueOn' }, { key: 'finishDueOn' }] });
    expect(described.fields.map((f: { key: string }) => f.key)).toEqual(petitions.fields.map((f) => f.key));
    expect(Object.keys(described)).not.toContain('checks');
    expect((await api('/api/registers', { token: await login('auditor') })).status).toBe(403);
  });
});

describe('petitions, through their declaration', () => {
  it('creates with its due dates, lists by filter and filing days, updates (409 when stale) and withdraws (then 409), audited', async () => {
    const created = await api<RegisterEntry>(ENTRIES, { method: 'POST', token, body: petition({ receivedAt: `${YEAR}-01-30T23:30:00+08:00`, channel: 'letter' }) });
    expect(created.status).toBe(201);
    const e = created.body;
    // 15 and 60 days from the Shanghai day it arrived (23:30 in Beijing is still the 30th; 2024 is a leap year).
    expect(e).toMatchObject({ register: 'petitions', officeId: OFFICE, areaId: '07', filedOn: `${YEAR}-01-30`, status: 'active', version: 1, replyDueOn: `${YEAR}-02-14`, finishDueOn: `${YEAR}-03-30` });
    const other = await create({ receivedAt: `${YEAR}-02-10T10:00:00+08:00` });

    const byFilter = await api(`${ENTRIES}?officeId=${OFFICE}&filter=channel:letter&from=${YEAR}-01-01&to=${YEAR}-01-31`, { token });
    expect(byFilter.status).toBe(200);
    expect(byFilter.body.items.map((i: RegisterEntry) => i.id)).toEqual([e.id]);
    const byDays = await api(`${ENTRIES}?officeId=${OFFICE}&from=${YEAR}-02-10&to=${YEAR}-02-10`, { token });
    expect(byDays.body.items.map((i: RegisterEntry) => i.id)).toEqual([other.id]);
    const badFilter = await api(`${ENTRIES}?filter=handler:abc`, { token });
    expect([badFilter.status, badFilter.body.fields?.filter]).toEqual([400, '来信来访不能按「handler」筛选，可按：channel、handling']);
    const badValue = await api(`${ENTRIES}?filter=channel:fax`, { token });
    expect([badValue.status, badValue.body.fields?.filter]).toEqual([400, '信访形式应为：letter、visit、phone、online、hotline-12345、transferred']);

    const got = await api(`${ENTRIES}/${e.id}`, { token });
    expect([got.status, got.body]).toEqual([200, e]);

    const { officeId: _o, ...fields } = petition({ receivedAt: e.receivedAt, channel: 'letter' });
    const answered = { ...fields, handling: 'answered', answeredAt: `${YEAR}-02-01T10:00:00+08:00`, extended: true, version: 1 };
    const updated = await api(`${ENTRIES}/${e.id}`, { method: 'PUT', token, body: answered });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ version: 2, answeredAt: answered.answeredAt, extended: true, finishDueOn: `${YEAR}-04-29`, createdAt: e.createdAt, createdBy: USER });
    const stale = await api(`${ENTRIES}/${e.id}`, { method: 'PUT', token, body: answered });
    expect([stale.status, stale.body.message]).toEqual([409, '数据已被他人修改，请刷新后重试']);

    const withdrawn = await api(`${ENTRIES}/${e.id}/withdraw`, { method: 'POST', token, body: { version: 2, reason: '重复登记' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '重复登记', withdrawnBy: USER, version: 3 });
    const afterWithdrawal = await api(`${ENTRIES}/${e.id}`, { method: 'PUT', token, body: { ...answered, version: 3 } });
    expect([afterWithdrawal.status, afterWithdrawal.body.message]).toEqual([409, '该台账记录已撤销，不能再修改']);
    // Withdrawn entries leave the default list and stay in `status=withdrawn`.
    expect((await api(`${ENTRIES}?officeId=${OFFICE}&from=${YEAR}-01-30&to=${YEAR}-01-30`, { token })).body.items).toEqual([]);
    expect((await api(`${ENTRIES}?officeId=${OFFICE}&from=${YEAR}-01-30&to=${YEAR}-01-30&status=withdrawn`, { token })).body.items.map((i: RegisterEntry) => i.id)).toEqual([e.id]);

    const records = await auditRecordsOf(USER, [created, updated, stale, withdrawn].map(requestId));
    expect(records.map((r) => [r.action, r.outcome, r.targetId])).toEqual([
      ['registers.entry.create', 'success', e.id],
      ['registers.entry.update', 'success', e.id],
      ['registers.entry.update', 'rejected', e.id],
      ['registers.entry.withdraw', 'success', e.id],
    ]);

    // Received once (the update changed nothing it says), answered once, both retracted on withdrawal.
    await settle();
    const [received, answeredFact] = [factId('registers.petition.received', e.id), factId('registers.petition.answered', e.id)];
    expect(eventsOf([received, answeredFact])).toEqual([`Recorded ${received}`, `Recorded ${answeredFact}`, `Retracted ${received}`, `Retracted ${answeredFact}`]);
  });

  it('refuses bad input with Chinese field messages and writes nothing; an unknown register is 404', async () => {
    const refusals: [Record<string, unknown>, string, string][] = [
      [{ request: undefined }, 'request', '请填写事由及诉求'],
      [{ receivedAt: `${YEAR}-02-30T09:00:00+08:00` }, 'receivedAt', '来访（信）时间格式应为 ISO 时间（含时区），如 2026-03-05T09:30:00+08:00'],
      [{ visitors: [] }, 'visitors', '请填写来访（信）人'],
      [{ handler: '接'.repeat(21) }, 'handler', expect.stringContaining('接待人') as unknown as string],
      [{ answeredAt: `${YEAR}-03-01T09:00:00+08:00` }, 'answeredAt', '答复时间不能早于来访（信）时间'],
      [{ receivedAt: new Date(Date.now() + 86_400_000).toISOString() }, 'receivedAt', '来访（信）时间不能晚于现在'],
      [{ finishedAt: `${YEAR}-03-06T09:00:00+08:00` }, 'handling', '办结的信访须填写处理方式'],
      [{ filedOn: '2024-01-01' }, 'filedOn', '不允许的字段'],
    ];
    for (const [over, field, message] of refusals) {
      const r = await api(ENTRIES, { method: 'POST', token, body: petition({ ...over, request: 'request' in over ? over.request : '拒绝测试' }) });
      expect([r.status, r.body.code, r.body.fields?.[field]]).toEqual([400, 'VALIDATION', message]);
    }
    expect((await api(`${ENTRIES}?officeId=${OFFICE}&from=${YEAR}-03-05&to=${YEAR}-03-05`, { token })).body.items.filter((i: RegisterEntry) => i.request === '拒绝测试')).toEqual([]);
    for (const r of [await api('/api/registers/ledgers/entries', { token }), await api('/api/registers/ledgers/entries', { method: 'POST', token, body: petition() })]) {
      expect([r.status, r.body.message]).toEqual([404, '台账不存在']);
    }
  });

  it("another office's entry answers as missing outside the scope and is 403 to readers who do not keep it; both audited", async () => {
    const e = await create();
    const outsider = await login('staff-0201');
    const read = await api(`${ENTRIES}/${e.id}`, { token: outsider });
    expect([read.status, read.body.message]).toEqual([404, '台账记录不存在']);
    const { officeId: _o, ...fields } = petition();
    const write = await api(`${ENTRIES}/${e.id}`, { method: 'PUT', token: outsider, body: { ...fields, version: 1 } });
    expect(write.status).toBe(404);
    const dept = await login('dept-mediation');
    expect((await api(`${ENTRIES}/${e.id}`, { token: dept })).status).toBe(200);
    const forbidden = await api(`${ENTRIES}/${e.id}/withdraw`, { method: 'POST', token: dept, body: { version: 1, reason: '越权' } });
    expect(forbidden.status).toBe(403);
    const filed = await api(ENTRIES, { method: 'POST', token: outsider, body: petition() });
    expect(filed.status).toBe(403);
    expect((await api(`${ENTRIES}?officeId=${OFFICE}`, { token: outsider })).status).toBe(403);
    expect((await auditRecordsOf('staff-0201', [requestId(write)]))[0]).toMatchObject({ action: 'registers.entry.update', targetId: e.id, outcome: 'denied' });
    expect((await auditRecordsOf('staff-0201', [requestId(filed)]))[0]).toMatchObject({ action: 'registers.entry.create', targetId: OFFICE, outcome: 'denied' });
    expect((await auditRecordsOf('dept-mediation', [requestId(forbidden)]))[0]).toMatchObject({ action: 'registers.entry.withdraw', targetId: e.id, outcome: 'denied' });
    expect((await api(`${ENTRIES}/${e.id}`, { token })).body.version).toBe(1);
  });

  it('keeps a stored ID number that an edit leaves out (answers carry it masked, so forms send none back)', async () => {
    const first17 = '11010519491231002';
    const idNumber = first17 + idNumberCheckChar(first17);
    const body = {
      officeId: OFFICE, receivedOn: `${YEAR}-04-02`, applicant: '赵六', idNumber, phone: '13800000000', category: 'elderly', aidType: 'consultation', cause: '追索赡养费',
    };
    const made = await api<RegisterEntry>('/api/registers/legal-aid/entries', { method: 'POST', token, body });
    expect(made.status).toBe(201);
    expect(made.body.idNumber).not.toBe(idNumber);
    const { officeId: _o, idNumber: _left, ...edited } = body;
    const put = await api<RegisterEntry>(`/api/registers/legal-aid/entries/${made.body.id}`, { method: 'PUT', token, body: { ...edited, cause: '追索赡养费纠纷', version: 1 } });
    expect([put.status, put.body.cause, put.body.idNumber]).toEqual([200, '追索赡养费纠纷', made.body.idNumber]);
    const stored = await dynamo().send(new GetCommand({ TableName: localName('registers'), Key: keys.entryId('legal-aid', made.body.id) }));
    expect(stored.Item?.idNumber).toBe(idNumber);
  });
});

/** `count` petitions of the import office as a book's rows (made by no request: their ids are the sheet's). */
const bookRows = (count: number, tag: string) =>
  Array.from({ length: count }, (_, i) => ({
    id: `R${i}`, register: 'petitions', officeId: IMPORT_OFFICE, areaId: '07', filedOn: '', status: 'active', version: 1, createdAt: '', createdBy: '', updatedAt: '', updatedBy: '',
    receivedAt: new Date(Date.parse(`${YEAR}-01-01T08:00:00+08:00`) + i * 2 * 86_400_000).toISOString(),
    channel: i % 2 ? 'visit' : 'phone', visitors: [{ name: `来访人${i}` }], peopleCount: 1 + (i % 3), request: `导入测试${tag}第${i}条`, handler: '王五',
    ...(i % 4 === 0 ? { handling: 'answered', answeredAt: new Date(Date.parse(`${YEAR}-01-02T08:00:00+08:00`) + i * 2 * 86_400_000).toISOString() } : {}),
  })) as unknown as RegisterEntry[];

describe('the year as a workbook, and back', () => {
  let exported: Uint8Array;

  it("exports the office's year in the book's layout: title, merged group headers, values in Shanghai time", async () => {
    const first = await create({ receivedAt: `${YEAR}-06-01T00:05:00+08:00`, contact: '13800001111', address: '东关村三组', handling: 'accepted', request: '导出测试一' });
    const r = await download(`/api/registers/petitions/export.xlsx?officeId=${OFFICE}&year=${YEAR}`);
    expect([r.status, r.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    exported = r.bytes;
    const sheet = (await readWorkbook(exported))!.worksheets[0]!;
    const office = (await api(`/api/org/offices/${OFFICE}`, { token })).body;
    expect(sheet.getCell(1, 1).value).toBe(`${office.name}来信来访登记簿（${YEAR}年）`);
    expect([3, 4].map((row) => [1, 2, 3, 4, 7, 10, 15, 16].map((c) => sheet.getCell(row, c).value))).toEqual([
      ['序号', '来访（信）时间', '来访（信）人', '来访（信）人', '信访形式', '办理情况', '期限', '期限'],
      ['序号', '来访（信）时间', '姓名', '人数', '信访形式', '处理方式', '答复期限', '办结期限'],
    ]);
    const rows = Array.from({ length: sheet.rowCount - 4 }, (_, i) => sheet.getRow(5 + i));
    const row = rows.find((x) => x.getCell(8).value === '导出测试一')!;
    expect([2, 3, 4, 5, 6, 7, 10, 15, 16].map((c) => row.getCell(c).value)).toEqual([
      `${YEAR}-06-01 00:05`, '张三、李四', 2, '13800001111', '东关村三组', '来访', '受理办理', `${YEAR}-06-16`, `${YEAR}-07-31`,
    ]);
    // Every active entry of the office's year, numbered in filing order; withdrawn ones are not in the book.
    const listed = await listAll(OFFICE);
    expect(rows.map((x) => x.getCell(1).value)).toEqual(listed.map((_, i) => i + 1));
    expect(listed.some((e) => e.id === first.id)).toBe(true);
    expect((await auditRecordsOf(USER, [requestId(r)]))[0]).toMatchObject({ action: 'registers.entry.export', outcome: 'success', targetId: `petitions#${YEAR}#${OFFICE}` });
  });

  it('refuses a file with bad rows whole, listing every problem by row and column, and writes nothing', async () => {
    const wb = (await readWorkbook(exported))!;
    const sheet = wb.worksheets[0]!;
    sheet.getCell(5, 2).value = '2024-02-30 10:00';
    sheet.getCell(5, 7).value = '传真';
    sheet.getCell(6, 8).value = null;
    sheet.getCell(6, 4).value = '很多';
    const before = await listAll(OFFICE);
    const r = await importFile(await upload(await workbookBytes(wb)));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      importId: expect.any(String),
      imported: 0,
      problems: [
        { row: 5, column: '来访（信）时间', message: '来访（信）时间应为时间，如 2026-03-05 09:30' },
        { row: 5, column: '信访形式', message: '信访形式应为：来信、来访、来电、网上信访、12345热线、部门转入' },
        { row: 6, column: '来访（信）人/人数', message: '人数应为整数' },
        { row: 6, column: '事由及诉求', message: '请填写事由及诉求' },
      ],
    });
    expect((await listAll(OFFICE)).length).toBe(before.length);
    expect((await auditRecordsOf(USER, [requestId(r)]))[0]).toMatchObject({ action: 'registers.entry.import', outcome: 'rejected' });
  });

  it('refuses a file with the wrong headers, naming the expected and the found ones; and uploads that are not the caller\'s', async () => {
    const bytes = await registerWorkbook(petitions, [], { officeNames: {}, year: YEAR, generatedAt: new Date() });
    const r = await importFile(await upload(bytes));
    expect(r.status).toBe(400);
    expect(r.body.fields.uploadId).toMatch(/^表头与来信来访登记簿不符。应为：序号、来访（信）时间、来访（信）人\/姓名.*；文件中为：序号、司法所、来访（信）时间/);
    const notAWorkbook = await importFile(await upload(new TextEncoder().encode('序号,来访时间')));
    expect([notAWorkbook.status, notAWorkbook.body.fields?.uploadId]).toEqual([400, '文件不是有效的 Excel 工作簿（.xlsx），请使用导出的台账作为模板']);
    const someoneElses = await importFile(await upload(exported, admin), OFFICE);
    expect([someoneElses.status, someoneElses.body.message]).toEqual([404, '上传文件不存在']);
  });

  it('imports a clean file of several transactions whole, once however often it is posted, each fact once', async () => {
    // One row in four earns two facts, the others one: 60 rows and their facts are more than one transaction holds.
    const count = 60;
    const rows = bookRows(count, 'A');
    const bytes = await registerWorkbook(petitions, rows, { officeName: '测试所', year: YEAR, generatedAt: new Date() });
    const uploadId = await upload(bytes, admin);
    const [first, again] = [await importFile(uploadId, IMPORT_OFFICE, admin), await importFile(uploadId, IMPORT_OFFICE, admin)];
    expect([first.status, first.body]).toEqual([200, { importId: uploadId, imported: count, problems: [] }]);
    expect([again.status, again.body]).toEqual([200, { importId: uploadId, imported: count, problems: [] }]);
    const listed = await listAll(IMPORT_OFFICE, admin);
    const imported = listed.filter((e) => e.importId === uploadId);
    expect(imported).toHaveLength(count);
    expect(imported.map((e) => e.request).sort()).toEqual(rows.map((r) => r.request).sort());
    const sample = imported.find((e) => e.request === '导入测试A第4条')!;
    expect(sample).toMatchObject({ channel: 'phone', handling: 'answered', visitors: [{ name: '来访人4' }], peopleCount: 2, filedOn: shanghaiDay(new Date(String(rows[4]!.receivedAt))) });
    expect(Date.parse(String(sample.answeredAt))).toBe(Date.parse(String(rows[4]!.answeredAt)));
    const audits = await auditRecordsOf('admin', [requestId(first), requestId(again)]);
    expect(audits.map((a) => [a.action, a.outcome, a.targetId])).toEqual([['registers.entry.import', 'success', uploadId]]);

    await settle();
    const ids = imported.flatMap((e) => [factId('registers.petition.received', e.id), ...(e.answeredAt ? [factId('registers.petition.answered', e.id)] : [])]);
    expect(ids).toHaveLength(count + count / 4);
    expect(eventsOf(ids).sort()).toEqual(ids.map((id) => `Recorded ${id}`).sort());
  });
  it('resumes an import that stopped part-way from the rows it had written, and writes only the rest', async () => {
    const rows = bookRows(12, 'B');
    const bytes = await registerWorkbook(petitions, rows, { officeName: '测试所', year: YEAR, generatedAt: new Date() });
    const uploadId = await upload(bytes, admin);
    // As a first request leaves it when it stops after its first chunk: 8 of the 12 rows written.
    const stopped = { id: uploadId, register: 'petitions', officeId: IMPORT_OFFICE, owner: 'admin', total: 12, written: 8, createdAt: new Date().toISOString() };
    await dynamo().send(new PutCommand({ TableName: localName('registers'), Item: { ...keys.import(uploadId), entity: 'register-import', ...stopped } }));
    const resumed = await importFile(uploadId, IMPORT_OFFICE, admin);
    expect([resumed.status, resumed.body]).toEqual([200, { importId: uploadId, imported: 12, problems: [] }]);
    const written = (await listAll(IMPORT_OFFICE, admin)).filter((e) => e.importId === uploadId);
    // The book's rows are sheet rows 5–16: the last four were still to write.
    expect(written.map((e) => e.id).sort()).toEqual([13, 14, 15, 16].map((row) => importedEntryId(uploadId, row)));
    expect(written.map((e) => e.request).sort()).toEqual(['导入测试B第10条', '导入测试B第11条', '导入测试B第8条', '导入测试B第9条']);
  });
});
