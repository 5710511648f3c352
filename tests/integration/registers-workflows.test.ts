// The registers workflows end to end on the real emulators: leave approved, refused, cancelled and
// withdrawn (with the 409s and the scope answers), absences without leave with their facts, a report
// returned and resubmitted (its fact retracted and re-emitted, each event once on the bus), the
// month's board, a task to two offices — one completes it with an attachment, the daily sweep marks the
// other overdue exactly once even when run twice — and the homes' summary. Its records live in area 06
// (offices 0601–0604), dates relative to today in Asia/Shanghai; single reports are for next month,
// which the demo's past year never fills.
import { existsSync, readFileSync } from 'node:fs';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { factIdOf, nextMonthOf, reportsDueIn, shanghaiDay, shanghaiDayStart, type FactKind } from '@sifasuo/domain';
import { UPLOAD_PREFIXES } from '@sifasuo/wiring/src/types';
import { ulid } from 'ulid';
import { accountToken, api, auditRecordsOf, cloud, dynamo, eventually, localName, login, s3 } from '../support/cloud';
import { keys } from '../../functions/src/registers/keys';
import { probeLog } from '../support/test-wiring';

const AREA = '06';
const CENTRAL = '0601';
const OFFICE = '0603';
const OTHER = '0604';
const PASSWORD = 'Initial#Pass1';
const today = shanghaiDay(new Date());
const nextMonth = nextMonthOf(today.slice(0, 7));
const daysFrom = (day: string, n: number) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86_400_000));

const USERS = {
  staff: { username: 'wf-staff-0603', displayName: '请假测试员', roles: ['office_staff'], officeId: OFFICE },
  other: { username: 'wf-staff-0604', displayName: '湖滨测试员', roles: ['office_staff'], officeId: OTHER },
  director: { username: 'wf-director-06', displayName: '河口片区所长', roles: ['area_director'], officeId: CENTRAL },
  grassroots: { username: 'wf-grassroots', displayName: '基层股测试员', roles: ['department'], departmentId: 'grassroots' },
} as const;
const token: Partial<Record<keyof typeof USERS | 'farDirector' | 'dept', string>> = {};
const as = (who: keyof typeof token) => token[who]!;

beforeAll(async () => {
  const admin = await login('admin');
  for (const [key, user] of Object.entries(USERS)) {
    token[key as keyof typeof USERS] = await accountToken(admin, user, PASSWORD);
  }
  token.farDirector = await login('director-01');
  token.dept = await login('dept-mediation');
});

const post = (path: string, who: keyof typeof token, body: unknown) => api(`/api/registers/${path}`, { method: 'POST', token: as(who), body });
const put = (path: string, who: keyof typeof token, body: unknown) => api(`/api/registers/${path}`, { method: 'PUT', token: as(who), body });
const get = (path: string, who: keyof typeof token) => api(`/api/registers/${path}`, { token: as(who) });

// ---- Facts, as the bus delivered them to the test's facts queue (tests/support/test-wiring.ts) ------

const factEvents = () => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { kind: string; record: { body: string } })
    .filter((d) => d.kind === 'sqs').map((d) => JSON.parse(d.record.body) as { 'detail-type': string; detail: { id: string; occurredAt?: string; month: string } })
    .filter((e) => /^Fact(Recorded|Retracted)$/.test(e['detail-type']));
};
const factId = (kind: FactKind, type: string, id: string) => factIdOf(kind, { context: 'registers', type, id });
/** The events of a fact id, in arrival order, as `Recorded`/`Retracted`. */
const eventsOf = (id: string) => factEvents().filter((e) => e.detail.id === id).map((e) => e['detail-type'].slice(4));
/** Waits until a marker absence written after everything else has arrived: the stream is ordered, so the counts read afterwards are final. */
const settle = async () => {
  const marker = await post('absences', 'grassroots', { officeId: OTHER, name: `标记${ulid()}`, on: today, note: '用于等待事实送达' });
  expect(marker.status).toBe(201);
  const id = factId('registers.absence.unexcused', 'absence', marker.body.id);
  await eventually(async () => eventsOf(id).length > 0, 20_000);
};

describe('leave (请销假)', () => {
  const request = (over: Record<string, unknown> = {}, who: keyof typeof token = 'staff') =>
    post('leave', who, { officeId: OFFICE, kind: 'personal', from: daysFrom(today, 3), to: daysFrom(today, 5), reason: '家中有事', ...over });

  it('is approved by the area director and cancelled by the applicant on return; the 409s name the state', async () => {
    const asked = await request();
    expect(asked.status).toBe(201);
    const l = asked.body;
    expect(l).toMatchObject({ officeId: OFFICE, areaId: AREA, username: USERS.staff.username, name: '请假测试员', days: 3, status: 'requested', version: 1 });

    // The director's queue holds it; a colleague's list shows it but not as theirs to decide.
    const queue = await get('leave?toDecide=true', 'director');
    expect(queue.body.items.map((x: { id: string }) => x.id)).toContain(l.id);
    expect((await get('leave?toDecide=true', 'other')).body.items).toEqual([]);
    expect((await get('summary', 'director')).body.leaveToDecide).toBeGreaterThanOrEqual(1);

    // Another area's director does not see it (404, as if missing); the applicant may not decide their own.
    expect((await get(`leave/${l.id}`, 'farDirector')).status).toBe(404);
    expect((await post(`leave/${l.id}/decide`, 'farDirector', { version: 1, decision: 'approve' })).status).toBe(404);
    expect((await post(`leave/${l.id}/decide`, 'staff', { version: 1, decision: 'approve' })).status).toBe(403);

    const approved = await post(`leave/${l.id}/decide`, 'director', { version: 1, decision: 'approve', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: USERS.director.username, decidedByName: '河口片区所长', comment: '同意', version: 2 });
    const again = await post(`leave/${l.id}/decide`, 'director', { version: 2, decision: 'refuse' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('请假当前状态为「已批准」，不能审批');

    // 销假: the applicant only, back within the leave or the day after it.
    expect((await post(`leave/${l.id}/cancel`, 'director', { version: 2, returnedOn: daysFrom(today, 5) })).status).toBe(403);
    const early = await post(`leave/${l.id}/cancel`, 'staff', { version: 2, returnedOn: daysFrom(today, 2) });
    expect(early.status).toBe(400);
    expect(early.body.fields).toEqual({ returnedOn: '销假日期不能早于请假开始日期' });
    const cancelled = await post(`leave/${l.id}/cancel`, 'staff', { version: 2, returnedOn: daysFrom(today, 5) });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', returnedOn: daysFrom(today, 5), version: 3 });
    expect((await post(`leave/${l.id}/cancel`, 'staff', { version: 3, returnedOn: daysFrom(today, 5) })).status).toBe(409);

    const ids = [asked, approved, cancelled].map((r) => r.headers.get('x-request-id')!);
    const records = [...(await auditRecordsOf(USERS.staff.username, [ids[0]!, ids[2]!])), ...(await auditRecordsOf(USERS.director.username, [ids[1]!]))];
    expect(records.map((r) => `${r.action}:${r.outcome}`).sort()).toEqual(['registers.leave.cancel:success', 'registers.leave.decide:success', 'registers.leave.request:success']);
  });

  it('is refused by 基层股, withdrawn while it waits, and only ever asked for at the own office', async () => {
    const refusedOne = (await request({ kind: 'sick', from: daysFrom(today, 10), to: daysFrom(today, 10) })).body;
    const refused = await post(`leave/${refusedOne.id}/decide`, 'grassroots', { version: 1, decision: 'refuse', comment: '工作安排冲突' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'refused', comment: '工作安排冲突' });
    const notCancellable = await post(`leave/${refusedOne.id}/cancel`, 'staff', { version: 2, returnedOn: daysFrom(today, 10) });
    expect(notCancellable.status).toBe(409);
    expect(notCancellable.body.message).toBe('请假当前状态为「未批准」，不能销假');

    const waiting = (await request({ from: daysFrom(today, 20), to: daysFrom(today, 21) })).body;
    expect((await post(`leave/${waiting.id}/withdraw`, 'director', { version: 1, reason: '代为撤回' })).status).toBe(403);
    const withdrawn = await post(`leave/${waiting.id}/withdraw`, 'staff', { version: 1, reason: '行程取消' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 2 });
    expect((await post(`leave/${waiting.id}/decide`, 'director', { version: 2, decision: 'approve' })).status).toBe(409);

    expect((await request({ officeId: OTHER })).status).toBe(403);
    const backwards = await request({ from: daysFrom(today, 5), to: daysFrom(today, 4) });
    expect(backwards.status).toBe(400);
    expect(backwards.body.fields).toEqual({ to: '结束日期不能早于开始日期' });
    expect((await request({ kind: 'holiday' })).body.fields).toEqual({ kind: '请选择请假类别' });
  });
});

describe('absences without leave', () => {
  it('are refused on a day an approved leave covers, recorded otherwise as a fact, and retracted when withdrawn', async () => {
    const from = daysFrom(today, -4);
    const leave = (await post('leave', 'staff', { officeId: OFFICE, kind: 'annual', from, to: daysFrom(today, -3), reason: '年休' })).body;
    expect((await post(`leave/${leave.id}/decide`, 'director', { version: 1, decision: 'approve' })).status).toBe(200);

    const record = (on: string, who: keyof typeof token = 'director') => post('absences', who, { officeId: OFFICE, name: '请假测试员', on, note: '未到岗' });
    const covered = await record(from);
    expect(covered.status).toBe(409);
    expect(covered.body.message).toContain('有已批准的请假');
    expect((await record(daysFrom(today, -1), 'staff')).status).toBe(403);
    expect((await record(daysFrom(today, -1), 'farDirector')).status).toBe(403);
    expect((await record(daysFrom(today, 2))).body.fields).toEqual({ on: '缺勤日期不能晚于今天' });

    const absent = await record(daysFrom(today, -1));
    expect(absent.status).toBe(201);
    expect(absent.body).toMatchObject({ officeId: OFFICE, areaId: AREA, status: 'active', recordedBy: USERS.director.username });
    const listed = await get(`absences?officeId=${OFFICE}`, 'staff');
    expect(listed.body.items.map((a: { id: string }) => a.id)).toContain(absent.body.id);
    const withdrawn = await post(`absences/${absent.body.id}/withdraw`, 'director', { version: 1, reason: '经核实已请假' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnReason: '经核实已请假', version: 2 });
    expect((await post(`absences/${absent.body.id}/withdraw`, 'director', { version: 2, reason: '再次撤销' })).status).toBe(409);

    await settle();
    const id = factId('registers.absence.unexcused', 'absence', absent.body.id);
    expect(eventsOf(id)).toEqual(['Recorded', 'Retracted']);
    const recorded = factEvents().find((e) => e.detail.id === id)!;
    expect(recorded.detail.occurredAt).toBe(shanghaiDayStart(daysFrom(today, -1)).toISOString());
  });
});

describe('plans and reports', () => {
  const submit = (over: Record<string, unknown> = {}, who: keyof typeof token = 'staff') =>
    post('reports', who, { officeId: OFFICE, kind: 'platform-data', period: nextMonth, title: '平台数据录入确认', content: '已全部录入', ...over });

  it('one a period for a single kind; returned by the area director, it counts as not submitted until resubmitted', async () => {
    const first = await submit();
    expect(first.status).toBe(201);
    const r = first.body;
    expect(r).toMatchObject({ officeId: OFFICE, areaId: AREA, status: 'submitted', onTime: true, returns: 0, version: 1, attachments: [] });
    const second = await submit({ title: '再次报送' });
    expect(second.status).toBe(409);
    expect(second.body.message).toMatch(/^本期已报送司法行政平台数据录入确认/);
    expect((await submit({ officeId: OTHER })).status).toBe(403);
    expect((await submit({ period: nextMonth.slice(0, 4) })).body.fields).toEqual({ period: '司法行政平台数据录入确认的所属期间应为月份（YYYY-MM）' });
    expect((await submit({ kind: 'research-article', period: today.slice(0, 4) })).body.fields).toEqual({ author: '调研文章须填写作者' });

    const board = async () => (await get(`reports/board?month=${nextMonth}&officeId=${OFFICE}`, 'director')).body.rows[0].cells as Array<{ kind: string; state: string; submitted: number; required: number }>;
    expect((await board()).find((c) => c.kind === 'platform-data')).toMatchObject({ state: 'done', submitted: 1, required: 1 });

    // Another area's director does not see it; the office cannot return its own.
    expect((await post(`reports/${r.id}/return`, 'farDirector', { version: 1, comment: '不规范' })).status).toBe(404);
    expect((await post(`reports/${r.id}/return`, 'staff', { version: 1, comment: '不规范' })).status).toBe(403);
    const returned = await post(`reports/${r.id}/return`, 'director', { version: 1, comment: '数据不完整，请补充' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnComment: '数据不完整，请补充', returnedBy: USERS.director.username, returns: 1, version: 2 });
    expect((await post(`reports/${r.id}/return`, 'director', { version: 2, comment: '再退' })).body.message).toBe('材料当前状态为「已退回」，不能退回');
    expect((await board()).find((c) => c.kind === 'platform-data')).toMatchObject({ state: 'returned', submitted: 0 });
    const summary = (await get('summary', 'staff')).body;
    expect(summary.returnedReports).toContainEqual(expect.objectContaining({ id: r.id, returnComment: '数据不完整，请补充' }));

    const stale = await put(`reports/${r.id}`, 'staff', { version: 1, title: '平台数据录入确认（补充）', content: '已补充' });
    expect(stale.status).toBe(409);
    const resubmitted = await put(`reports/${r.id}`, 'staff', { version: 2, title: '平台数据录入确认（补充）', content: '已补充全部数据' });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', title: '平台数据录入确认（补充）', version: 3 });
    expect(Date.parse(resubmitted.body.submittedAt)).toBeGreaterThan(Date.parse(r.submittedAt));
    expect((await board()).find((c) => c.kind === 'platform-data')).toMatchObject({ state: 'done', submitted: 1 });
    // A correction of a submitted report keeps its time and earns nothing new.
    const corrected = await put(`reports/${r.id}`, 'staff', { version: 3, title: '平台数据录入确认（更正）', content: '更正' });
    expect(corrected.body).toMatchObject({ status: 'submitted', submittedAt: resubmitted.body.submittedAt, version: 4 });

    // Facts: recorded, retracted on return, recorded again with the new time — each event once.
    await settle();
    const id = factId('registers.platform-data.confirmed', 'report', r.id);
    expect(eventsOf(id)).toEqual(['Recorded', 'Retracted', 'Recorded']);
    expect(factEvents().filter((e) => e.detail.id === id && e['detail-type'] === 'FactRecorded').map((e) => e.detail.occurredAt)).toEqual([r.submittedAt, resubmitted.body.submittedAt]);
    expect(factEvents().find((e) => e.detail.id === id)!.detail.month).toBe(nextMonth);

    // Withdrawn: the fact retracted, the period free again.
    const withdrawn = await post(`reports/${r.id}/withdraw`, 'staff', { version: 4, reason: '重新整理后报送' });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: 5 });
    expect((await submit({ title: '重新报送' })).status).toBe(201);
  });

  it('the board: information wants two items a month; the many kinds take any number', async () => {
    const cellOf = async (kind: string) =>
      ((await get(`reports/board?month=${nextMonth}`, 'director')).body.rows as Array<{ officeId: string; cells: Array<{ kind: string }> }>)
        .find((row) => row.officeId === OFFICE)!.cells.find((c) => c.kind === kind);
    expect((await submit({ kind: 'information', title: '信息一' })).status).toBe(201);
    expect(await cellOf('information')).toMatchObject({ state: 'due', submitted: 1, required: 2 });
    expect((await submit({ kind: 'information', title: '信息二' })).status).toBe(201);
    expect(await cellOf('information')).toMatchObject({ state: 'done', submitted: 2, required: 2 });
    expect(await cellOf('monthly-feedback')).toMatchObject({ state: 'due', submitted: 0, reportIds: [] });

    // An area director's board is the area; another area's office is refused; an office sees only itself.
    const area = (await get(`reports/board?month=${nextMonth}`, 'director')).body;
    expect([...new Set(area.rows.map((row: { officeId: string }) => row.officeId.slice(0, 2)))]).toEqual([AREA]);
    expect(area.kinds).toEqual(reportsDueIn(nextMonth).map((d) => d.kind));
    expect((await get(`reports/board?month=${nextMonth}&officeId=0101`, 'director')).status).toBe(403);
    expect((await get(`reports/board?month=${nextMonth}`, 'staff')).body.rows.map((row: { officeId: string }) => row.officeId)).toEqual([OFFICE]);
    const listed = await get(`reports?period=${nextMonth}&kind=information`, 'staff');
    expect(listed.body.items).toHaveLength(2);
  });
});

describe('assigned tasks', () => {
  it('go to several offices: one completes with an attachment, the sweep marks the other overdue once', async () => {
    const dueOn = daysFrom(today, 1);
    expect((await post('tasks', 'staff', { title: '排查', content: '排查', officeIds: [OFFICE], dueOn })).status).toBe(403);
    expect((await post('tasks', 'dept', { title: '排查', content: '排查', officeIds: [OFFICE, '9999'], dueOn })).body.fields).toEqual({ officeIds: '司法所 9999 不存在' });
    const assigned = await post('tasks', 'dept', { title: '矛盾纠纷专项排查', content: '请于期限内完成排查并报告', officeIds: [OFFICE, OTHER], dueOn });
    expect(assigned.status).toBe(201);
    const task = assigned.body;
    expect(task).toMatchObject({ dueOn, assignedBy: 'dept-mediation', departmentId: 'mediation', officeIds: [OFFICE, OTHER], version: 1 });

    const mine = await get('tasks?state=open', 'staff');
    expect(mine.body.items).toContainEqual(expect.objectContaining({ taskId: task.id, officeId: OFFICE, state: 'open' }));
    const detail = await get(`tasks/${task.id}`, 'staff');
    expect(detail.body.assignments.map((a: { officeId: string }) => a.officeId)).toEqual([OFFICE]);
    expect((await get(`tasks/${task.id}`, 'farDirector')).status).toBe(404);

    // An attachment: the caller's own upload, arrived in incoming/.
    const uploadId = ulid();
    const bytes = Buffer.from('排查情况报告');
    await s3().send(new PutObjectCommand({ Bucket: localName('uploads'), Key: `${UPLOAD_PREFIXES.incoming}${uploadId}`, Body: bytes }));
    await dynamo().send(new PutCommand({
      TableName: localName('registers'),
      Item: { PK: `UPLOAD#${uploadId}`, SK: 'UPLOAD', entity: 'upload', owner: USERS.staff.username, purpose: 'attachment', fileName: '排查报告.txt', size: bytes.length },
    }));
    const path = (office: string) => `tasks/${task.id}/offices/${office}/complete`;
    expect((await post(path(OTHER), 'staff', { version: 1, note: '代报' })).status).toBe(404);
    const foreign = await post(path(OTHER), 'other', { version: 1, note: '已完成', attachments: [{ uploadId, fileName: '排查报告.txt' }] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fields).toEqual({ 'attachments.0.uploadId': '附件「排查报告.txt」的上传记录不存在' });
    const done = await post(path(OFFICE), 'staff', { version: 1, note: '已排查12户，未发现新的纠纷', attachments: [{ uploadId, fileName: '排查报告.txt' }] });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', completedBy: USERS.staff.username, version: 2, attachments: [{ uploadId, fileName: '排查报告.txt', size: bytes.length }] });
    expect(Buffer.from(await (await fetch(done.body.attachments[0].url)).arrayBuffer()).equals(bytes)).toBe(true);
    const twice = await post(path(OFFICE), 'staff', { version: 2, note: '再报' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('本所已报告该任务完成');

    // The sweep at 00:20 the day after the deadline, twice: one overdue fact for the office that did not finish.
    const admin = await login('admin');
    const sweepAt = new Date(Date.parse(`${daysFrom(dueOn, 1)}T00:20:00+08:00`)).toISOString();
    for (let run = 0; run < 2; run++) {
      const swept = await api('/__local/schedules/registers-task-overdue/run', { method: 'POST', token: admin, body: { time: sweepAt } });
      expect(swept.status).toBe(200);
    }
    const other = (await get(`tasks/${task.id}`, 'other')).body.assignments[0];
    expect(other).toMatchObject({ officeId: OTHER, state: 'overdue', overdueAt: sweepAt });
    expect((await get('summary', 'other')).body.tasks).toContainEqual(expect.objectContaining({ taskId: task.id, state: 'overdue' }));

    const board = (await get('tasks/board', 'dept')).body;
    const column = board.tasks.findIndex((t: { id: string }) => t.id === task.id);
    expect(board.tasks[column].counts).toEqual({ open: 0, done: 1, overdue: 1, 'done-late': 0 });
    const cellOf = (office: string) => board.offices.find((o: { officeId: string }) => o.officeId === office).cells[column];
    expect([cellOf(OFFICE), cellOf(OTHER), cellOf('0101')]).toEqual([{ taskId: task.id, state: 'done' }, { taskId: task.id, state: 'overdue' }, null]);
    const areaBoard = (await get('tasks/board', 'director')).body;
    expect([...new Set(areaBoard.offices.map((o: { officeId: string }) => o.officeId.slice(0, 2)))]).toEqual([AREA]);

    await settle();
    expect(eventsOf(factId('registers.task.completed', 'task-assignment', `${task.id}-${OFFICE}`))).toEqual(['Recorded']);
    expect(eventsOf(factId('registers.task.overdue', 'task-assignment', `${task.id}-${OTHER}`))).toEqual(['Recorded']);
    expect(eventsOf(factId('registers.task.overdue', 'task-assignment', `${task.id}-${OFFICE}`))).toEqual([]);
  });

  it('to every office of the county: written in chunks under the transaction limit, each office its part', async () => {
    const leader = await login('leader');
    const offices = (await api('/api/org/offices?limit=100', { token: leader })).body.items.map((o: { id: string }) => o.id);
    expect(offices.length).toBeGreaterThan(30);
    const assigned = await api('/api/registers/tasks', { method: 'POST', token: leader, body: { title: '全县专项排查', content: '各所于期限内完成', officeIds: offices, dueOn: daysFrom(today, 30) } });
    expect(assigned.status).toBe(201);
    expect(assigned.body.departmentId).toBeUndefined();
    const detail = (await api(`/api/registers/tasks/${assigned.body.id}`, { token: leader })).body;
    expect(detail.assignments.map((a: { officeId: string }) => a.officeId).sort()).toEqual([...offices].sort());
    expect(detail.assignments.every((a: { state: string }) => a.state === 'open')).toBe(true);
    const records = await auditRecordsOf('leader', [assigned.headers.get('x-request-id')!]);
    expect(records.map((r) => r.action)).toEqual(Array(Math.ceil(offices.length / 30)).fill('registers.task.assign'));
    // An area director sees the area's parts only.
    const mine = (await get(`tasks/${assigned.body.id}`, 'director')).body.assignments.map((a: { officeId: string }) => a.officeId.slice(0, 2));
    expect([...new Set(mine)]).toEqual([AREA]);
  });
});

describe('the homes summary', () => {
  it('lists the petitions in scope past their reply date and not answered (the books filed by keys.ts, as the entries part writes them)', async () => {
    // Written straight into the table by the contract's key layout: the books' routes are another part's.
    const petition = (id: string, receivedAt: string, answeredAt?: string) => {
      const e = {
        id, register: 'petitions', officeId: OFFICE, areaId: AREA, filedOn: shanghaiDay(new Date(receivedAt)), status: 'active', version: 1,
        createdAt: receivedAt, createdBy: USERS.staff.username, updatedAt: receivedAt, updatedBy: USERS.staff.username,
        receivedAt, channel: 'visit', visitors: [{ name: '来访人' }], peopleCount: 1, request: '反映邻里纠纷', handler: '请假测试员', ...(answeredAt ? { answeredAt } : {}),
      };
      return dynamo().send(new PutCommand({ TableName: localName('registers'), Item: { ...keys.entry(e), entity: 'entry', ...e } }));
    };
    const received = new Date(Date.parse(`${daysFrom(today, -20)}T09:00:00+08:00`)).toISOString();
    const [late, answered, recent] = [ulid(), ulid(), ulid()];
    await petition(late, received);
    await petition(answered, received, new Date(Date.parse(received) + 86_400_000).toISOString());
    await petition(recent, new Date(Date.parse(`${daysFrom(today, -2)}T09:00:00+08:00`)).toISOString());
    const ids = async (who: keyof typeof token) => (await get('summary', who)).body.petitionsOverdue.map((p: { entryId: string }) => p.entryId);
    expect((await get('summary', 'director')).body.petitionsOverdue).toContainEqual({
      entryId: late, officeId: OFFICE, receivedAt: received, replyDueOn: daysFrom(today, -5), finishDueOn: daysFrom(today, 40), reason: 'reply',
    });
    expect(await ids('director')).not.toEqual(expect.arrayContaining([answered]));
    expect(await ids('director')).not.toEqual(expect.arrayContaining([recent]));
    expect(await ids('farDirector')).not.toEqual(expect.arrayContaining([late]));
  });

  it("shows the office what it owes this month and last, and refuses a role without a scope", async () => {
    const s = (await get('summary', 'staff')).body;
    expect(Object.keys(s).sort()).toEqual(['leaveToDecide', 'petitionsOverdue', 'reportsDue', 'returnedReports', 'tasks']);
    expect(s.reportsDue.every((d: { officeId: string; state: string }) => d.officeId === OFFICE && !['done', 'late'].includes(d.state))).toBe(true);
    expect(s.leaveToDecide).toBe(0);
    const auditor = await login('auditor');
    expect((await api('/api/registers/summary', { token: auditor })).status).toBe(403);
  });
});
