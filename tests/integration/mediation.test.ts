// The mediation context end to end on the real emulators: the case lifecycle with its audit records
// and facts, refusals (400 with Chinese field messages and nothing written, 403/404 out of scope,
// 409 stale), screenings and the board, the month's report, submissions, committees and mediators.
// Its records live in two offices the test adds to area 07 (0791, 0792), so the demo year's data in
// the seeded offices never changes what it counts. Dates are relative to today in Asia/Shanghai.
import { existsSync, readFileSync } from 'node:fs';
import { factIdOf, idNumberCheckChar, previousMonthOf, nextMonthOf, shanghaiDay, type FactKind } from '@sifasuo/domain';
import { api, auditRecordsOf, cloud, eventually, login } from '../support/cloud';
import { probeLog } from '../support/test-wiring';

const OFFICE = '0791';
const OTHER = '0792';
const USER = 'mediation-0791';
const PASSWORD = 'Initial#Pass1';

const today = shanghaiDay(new Date());
const month = today.slice(0, 7);
const lastMonth = previousMonthOf(month);
const daysFrom = (day: string, n: number) => shanghaiDay(new Date(Date.parse(`${day}T12:00:00+08:00`) + n * 86_400_000));

/** A valid ID number of the test (region 110105, distinct from the demo county's 360721). */
const idNo = (n: number) => {
  const first17 = `110105198${n % 10}0${(n % 9) + 1}1${n % 10}${String(100 + n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

let token: string;
beforeAll(async () => {
  const admin = await login('admin');
  for (const id of [OFFICE, OTHER]) {
    const r = await api('/api/org/offices', { method: 'POST', token: admin, body: { id, name: `测试${id}司法所`, township: `测试${id}乡`, areaId: '07', officeClass: 'regular' } });
    expect([201, 409]).toContain(r.status);
  }
  const user = await api('/api/org/users', { method: 'POST', token: admin, body: { username: USER, displayName: '调解测试员', roles: ['office_staff'], officeId: OFFICE } });
  expect([201, 409]).toContain(user.status);
  expect((await api(`/api/auth/accounts/${USER}/password`, { method: 'PUT', token: admin, body: { password: PASSWORD } })).status).toBe(204);
  token = await login(USER, PASSWORD);
});

const newCase = (over: Record<string, unknown> = {}) => ({
  officeId: OFFICE,
  receivedOn: daysFrom(today, -3),
  source: 'cs-01',
  disputeType: 'dt-02',
  summary: '相邻两户因排水沟堵塞引发纠纷',
  parties: [
    { name: '张三', role: 'applicant', idNumber: idNo(1), phone: '13800001111' },
    { name: '李四', role: 'respondent' },
  ],
  mediators: ['王调解'],
  ...over,
});
const agreement = (over: Record<string, unknown> = {}) => ({ form: 'written', terms: '李四于十日内疏通排水沟并赔偿损失', amountFen: 123456, performBy: daysFrom(today, 10), ...over });

const createCase = async (over: Record<string, unknown> = {}) => {
  const r = await api('/api/mediation/cases', { method: 'POST', token, body: newCase(over) });
  expect(r.status).toBe(201);
  return r.body;
};
const step = (id: string, action: string, body: unknown, as = token) => api(`/api/mediation/cases/${id}/${action}`, { method: 'POST', token: as, body });

// ---- Facts, as the bus delivered them to the test's facts queue (tests/support/test-wiring.ts) ------

interface Delivery {
  kind: string;
  id?: string;
  record: { body: string };
}
const factEvents = () => {
  const file = probeLog(cloud().pid);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Delivery)
    .filter((d) => d.kind === 'sqs').map((d) => JSON.parse(d.record.body) as { 'detail-type': string; source: string; detail: { id: string; quantity?: number } })
    .filter((e) => /^Fact(Recorded|Retracted)$/.test(e['detail-type']));
};
const factId = (kind: FactKind, type: string, id: string) => factIdOf(kind, { context: 'mediation', type, id });
/** The events of these fact ids, in arrival order, as `Recorded`/`Retracted`. */
const eventsOf = (ids: string[]) => factEvents().filter((e) => ids.includes(e.detail.id)).map((e) => `${e['detail-type'].slice(4)} ${e.detail.id}`);
/**
 * Waits until a marker fact written after everything else has arrived: the table's stream is ordered,
 * so every fact written before it has been forwarded by then and the counts read afterwards are final.
 */
const settle = async () => {
  const marker = await api('/api/mediation/submissions', { method: 'POST', token, body: { officeId: OFFICE, kind: 'news', title: '标记', content: '用于等待事实送达' } });
  expect(marker.status).toBe(201);
  const id = factId('mediation.news.submitted', 'submission', marker.body.id);
  await eventually(async () => factEvents().some((e) => e.detail.id === id), 20_000);
};

describe('mediation cases', () => {
  it('runs the whole lifecycle with audit records and one closed-case fact; ID numbers masked unless revealed', async () => {
    const created = await api('/api/mediation/cases', { method: 'POST', token, body: newCase() });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(c).toMatchObject({ officeId: OFFICE, areaId: '07', status: 'registered', version: 1 });
    expect(c.caseNo).toMatch(new RegExp(`^（${newCase().receivedOn.slice(0, 4)}）人调字第${OFFICE}-\\d{4}号$`));
    expect(c.parties[0].idNumber).toBe('110105********' + idNo(1).slice(14));

    const recorded = await step(c.id, 'records', { version: 1, on: daysFrom(today, -2), content: '组织双方面对面调解' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ status: 'mediating', version: 2 });
    const closed = await step(c.id, 'close', { version: 2, result: 'agreement', agreement: agreement() });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 3, closure: { result: 'agreement', closedOn: today, agreement: { amountFen: 123456 } } });
    const visited = await step(c.id, 'follow-up', { version: 3, visitedOn: today, performance: 'performed', satisfaction: 'satisfied' });
    expect(visited.status).toBe(200);
    const confirmed = await step(c.id, 'confirmation', { version: 4, appliedOn: today, court: '青山县人民法院', result: 'confirmed' });
    expect(confirmed.status).toBe(200);
    const entered = await step(c.id, 'enter-online', { version: 5 });
    expect(entered.status).toBe(200);
    expect(entered.body.enteredOnlineAt).toBeDefined();
    // The office may not review its own case; 人民调解股 may.
    expect((await step(c.id, 'review', { version: 6 })).status).toBe(403);
    const dept = await login('dept-mediation');
    const reviewed = await step(c.id, 'review', { version: 6, comment: '卷宗齐全' }, dept);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ status: 'reviewed', version: 7, review: { by: 'dept-mediation', comment: '卷宗齐全' } });
    // Reviewed: nothing more to do but archive it (409 naming the state).
    const again = await step(c.id, 'close', { version: 7, result: 'failed', reason: '再次结案' });
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('案件当前状态为「已审核」，不能结案');

    const requests = [created, recorded, closed, visited, confirmed, entered].map((r) => r.headers.get('x-request-id')!);
    const records = await auditRecordsOf(USER, requests);
    expect(records.map((r) => [r.action, r.outcome, r.targetId])).toEqual([
      ['mediation.case.create', 'success', c.id],
      ['mediation.case.record', 'success', c.id],
      ['mediation.case.close', 'success', c.id],
      ['mediation.case.follow-up', 'success', c.id],
      ['mediation.case.confirmation', 'success', c.id],
      ['mediation.case.enter-online', 'success', c.id],
    ]);
    // The audit trail never holds a full ID number.
    expect(JSON.stringify(records[0]!.after)).not.toContain(idNo(1));
    expect((await auditRecordsOf('dept-mediation', [reviewed.headers.get('x-request-id')!])).map((r) => r.action)).toEqual(['mediation.case.review']);

    // The full ID number for the office, audited; refused (and audited) for a reviewer who does not keep the record.
    const revealed = await api(`/api/mediation/cases/${c.id}?reveal=idNumber`, { token });
    expect(revealed.body.parties[0].idNumber).toBe(idNo(1));
    const refused = await api(`/api/mediation/cases/${c.id}?reveal=idNumber`, { token: dept });
    expect(refused.status).toBe(403);
    expect((await auditRecordsOf(USER, [revealed.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'mediation.case.reveal-id-number', outcome: 'success' });
    expect((await auditRecordsOf('dept-mediation', [refused.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'mediation.case.reveal-id-number', outcome: 'denied' });

    await settle();
    const closedFact = factId('mediation.case.closed', 'case', c.id);
    const onlineFact = factId('mediation.case.entered-online', 'case', c.id);
    expect(eventsOf([closedFact, onlineFact])).toEqual([`Recorded ${closedFact}`, `Recorded ${onlineFact}`]);
  });

  it('refuses bad input with Chinese field messages and writes nothing', async () => {
    const before = (await api(`/api/mediation/cases?officeId=${OFFICE}&limit=100`, { token })).body.items.length;
    const bad = async (body: unknown, field: string, message: string) => {
      const r = await api('/api/mediation/cases', { method: 'POST', token, body });
      expect([r.status, r.body.fields?.[field]]).toEqual([400, message]);
    };
    await bad(newCase({ receivedOn: daysFrom(today, 1) }), 'receivedOn', '受理日期不能晚于今天');
    await bad(newCase({ parties: [{ name: '张三', role: 'applicant', idNumber: '110105198001011234' }, { name: '李四', role: 'respondent' }] }), 'parties.0.idNumber', expect.stringContaining('身份证号') as unknown as string);
    await bad(newCase({ disputeType: 'dt-99' }), 'disputeType', '纠纷类型「dt-99」不存在或已停用');
    await bad(newCase({ officeId: '0999' }), 'officeId', '司法所 0999 不存在');
    expect((await api(`/api/mediation/cases?officeId=${OFFICE}&limit=100`, { token })).body.items.length).toBe(before);

    const c = await createCase();
    const close = (body: Record<string, unknown>) => step(c.id, 'close', { version: 1, ...body });
    const refusals = [
      [await close({ result: 'agreement', agreement: agreement({ amountFen: -1 }) }), 'agreement.amountFen', '金额不能为负数'],
      [await close({ result: 'agreement', agreement: agreement({ amountFen: 100.5 }) }), 'agreement.amountFen', '金额应为整数（单位：分），不能有不足一分的零头'],
      [await close({ result: 'failed', reason: '双方分歧大', closedOn: daysFrom(today, 1) }), 'closedOn', '结案日期不能晚于今天'],
      [await close({ result: 'failed', reason: '双方分歧大', closedOn: daysFrom(c.receivedOn, -1) }), 'closedOn', `结案日期不能早于受理日期（${c.receivedOn}）`],
      [await close({ reason: '没有结果' }), 'result', '请选择调解结果'],
    ] as const;
    for (const [r, field, message] of refusals) expect([r.status, r.body.code, r.body.fields?.[field]]).toEqual([400, 'VALIDATION', message]);
    const after = await api(`/api/mediation/cases/${c.id}`, { token });
    expect(after.body).toMatchObject({ status: 'registered', version: 1 });
    expect(after.body.closure).toBeUndefined();
  });

  it("another office's case answers as missing to those outside its scope, and is 403 to readers who do not keep it; both audited", async () => {
    const c = await createCase();
    const outsider = await login('staff-0201');
    const read = await api(`/api/mediation/cases/${c.id}`, { token: outsider });
    expect([read.status, read.body.message]).toEqual([404, '调解案件不存在']);
    const write = await step(c.id, 'records', { version: 1, on: today, content: '越权登记' }, outsider);
    expect(write.status).toBe(404);
    const dept = await login('dept-mediation');
    const forbidden = await step(c.id, 'records', { version: 1, on: today, content: '越权登记' }, dept);
    expect(forbidden.status).toBe(403);
    const listed = await api(`/api/mediation/cases?officeId=${OFFICE}`, { token: outsider });
    expect(listed.status).toBe(403);
    const [denied] = await auditRecordsOf('staff-0201', [write.headers.get('x-request-id')!]);
    expect(denied).toMatchObject({ action: 'mediation.case.record', targetId: c.id, outcome: 'denied' });
    const [refused] = await auditRecordsOf('dept-mediation', [forbidden.headers.get('x-request-id')!]);
    expect(refused).toMatchObject({ action: 'mediation.case.record', targetId: c.id, outcome: 'denied' });
    expect((await api(`/api/mediation/cases/${c.id}`, { token })).body.version).toBe(1);
  });

  it('two closes of the same version: one succeeds, the other is 409, and one closed-case fact is sent', async () => {
    const c = await createCase();
    const answers = await Promise.all([
      step(c.id, 'close', { version: 1, result: 'failed', reason: '申请人撤回申请' }),
      step(c.id, 'close', { version: 1, result: 'agreement', agreement: agreement() }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.body;
    const stored = await api(`/api/mediation/cases/${c.id}`, { token });
    expect(stored.body).toMatchObject({ status: 'closed', version: 2, closure: { result: winner.closure.result } });
    await settle();
    expect(eventsOf([factId('mediation.case.closed', 'case', c.id)])).toHaveLength(1);
  });

  it('withdrawing a closed case retracts its fact and takes it out of the statistics', async () => {
    const statsOf = async () => (await api(`/api/mediation/statistics?month=${month}&officeId=${OFFICE}`, { token })).body;
    const c = await createCase({ receivedOn: today, disputeType: 'dt-05', source: 'cs-03' });
    const closed = await step(c.id, 'close', { version: 1, result: 'agreement', agreement: agreement({ amountFen: 5000, form: 'oral' }) });
    expect(closed.status).toBe(200);
    const withStats = await statsOf();
    const typeRow = (s: any) => s.byType.find((r: { code: string }) => r.code === 'dt-05');
    expect(typeRow(withStats)).toMatchObject({ received: 1, closed: 1, agreements: 1, oral: 1, amountFen: 5000, successPermille: 1000 });
    expect(typeRow(withStats).label).toBe('生产经营');

    const withdrawn = await step(c.id, 'withdraw', { version: 2, reason: '登记错误' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawal: { from: 'closed', reason: '登记错误' } });
    expect(typeRow(await statsOf())).toMatchObject({ received: 0, closed: 0, amountFen: 0 });
    expect((await step(c.id, 'withdraw', { version: 3, reason: '再次撤销' })).body.message).toBe('案件当前状态为「已撤销」，不能撤销');

    await settle();
    const id = factId('mediation.case.closed', 'case', c.id);
    expect(eventsOf([id])).toEqual([`Recorded ${id}`, `Retracted ${id}`]);
  });

  it('the agreement PDF: only for a written agreement of a closed case; audited', async () => {
    const c = await createCase();
    const early = await api(`/api/mediation/cases/${c.id}/agreement.pdf`, { token });
    expect([early.status, early.body.message]).toEqual([409, '只有调解成功并已结案的案件才能生成人民调解协议书']);
    expect((await step(c.id, 'close', { version: 1, result: 'agreement', agreement: agreement() })).status).toBe(200);
    const pdf = await api(`/api/mediation/cases/${c.id}/agreement.pdf`, { token });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(pdf.headers.get('content-disposition')!)).toContain(`人民调解协议书-${c.caseNo}.pdf`);
    expect((await auditRecordsOf(USER, [pdf.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'mediation.case.agreement', outcome: 'success', targetId: c.id });
    const oral = await createCase();
    await step(oral.id, 'close', { version: 1, result: 'agreement', agreement: agreement({ form: 'oral' }) });
    expect((await api(`/api/mediation/cases/${oral.id}/agreement.pdf`, { token })).body.message).toBe('该案件达成的是口头协议，没有书面调解协议书');
  });

  it('statistics: the month received and closed, by type and source, in fen; the trend ends with the month', async () => {
    const [a, b, f] = [await createCase({ receivedOn: today, disputeType: 'dt-07', source: 'cs-06' }), await createCase({ receivedOn: today, disputeType: 'dt-07', source: 'cs-06' }), await createCase({ receivedOn: today, disputeType: 'dt-07', source: 'cs-06' })];
    await step(a.id, 'close', { version: 1, result: 'agreement', agreement: agreement({ amountFen: 100 }) });
    await step(b.id, 'close', { version: 1, result: 'agreement', agreement: agreement({ amountFen: 250, form: 'oral' }) });
    await step(f.id, 'close', { version: 1, result: 'terminated', reason: '一方拒绝调解' });
    const stats = (await api(`/api/mediation/statistics?month=${month}&officeId=${OFFICE}`, { token })).body;
    const row = stats.byType.find((r: { code: string }) => r.code === 'dt-07');
    expect(row).toEqual({ code: 'dt-07', label: '山林土地', received: 3, closed: 3, agreements: 2, written: 1, oral: 1, failed: 0, terminated: 1, amountFen: 350, successPermille: 667 });
    expect(stats.bySource.find((r: { code: string }) => r.code === 'cs-06')).toMatchObject({ received: 3, closed: 3, agreements: 2 });
    expect(stats.total.received).toBeGreaterThanOrEqual(3);
    const trend = (await api(`/api/mediation/trend?to=${month}&officeId=${OFFICE}`, { token })).body;
    expect(trend.months).toHaveLength(12);
    expect(trend.months[11]).toMatchObject({ month, received: stats.total.received, closed: stats.total.closed, agreements: stats.total.agreements });
    // Out of scope: another office's statistics are 403.
    expect((await api(`/api/mediation/statistics?month=${month}&officeId=${OFFICE}`, { token: await login('staff-0201') })).status).toBe(403);
    const xlsx = await api(`/api/mediation/statistics.xlsx?month=${month}&officeId=${OFFICE}`, { token });
    expect([xlsx.status, xlsx.headers.get('content-type')]).toEqual([200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    expect((await auditRecordsOf(USER, [xlsx.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'mediation.statistics.export', outcome: 'success' });
  });
});

const dispute = (over: Record<string, unknown> = {}) => ({
  name: '村民土地边界纠纷', disputeType: 'dt-07', parties: '赵某、钱某', peopleCount: 2, riskLevel: 'yellow', major: false,
  measures: '实地勘界，组织协商', responsible: '王调解', dueOn: daysFrom(today, 7), ...over,
});
const screening = (over: Record<string, unknown> = {}) => ({
  officeId: OFFICE, kind: 'half-month', period: `${lastMonth}-2`, screenedOn: `${lastMonth}-28`, participants: '全体所员', disputes: [], ...over,
});

describe('mediation screenings', () => {
  it('a zero report of last month is late; the same period again is 409; a period not yet open is 400; withdrawal frees the period', async () => {
    const zero = await api('/api/mediation/screenings', { method: 'POST', token, body: screening() });
    expect(zero.status).toBe(201);
    expect(zero.body).toMatchObject({ zeroReport: true, late: true, month: lastMonth, disputeIds: [] });
    const again = await api('/api/mediation/screenings', { method: 'POST', token, body: screening() });
    expect([again.status, again.body.message]).toEqual([409, '该期排查已报送']);
    const early = await api('/api/mediation/screenings', { method: 'POST', token, body: screening({ period: `${nextMonthOf(month)}-1`, screenedOn: today }) });
    expect([early.status, early.body.fields?.period]).toEqual([400, `该期排查自 ${nextMonthOf(month)}-01 开始，不能提前报送`]);
    const future = await api('/api/mediation/screenings', { method: 'POST', token, body: screening({ period: `${month}-1`, screenedOn: daysFrom(today, 1) }) });
    expect([future.status, future.body.fields?.screenedOn]).toEqual([400, '排查日期不能晚于今天']);
    const tooMany = await api('/api/mediation/screenings', { method: 'POST', token, body: screening({ period: `${month}-1`, screenedOn: today, disputes: Array.from({ length: 31 }, () => dispute()) }) });
    expect([tooMany.status, tooMany.body.fields?.disputes]).toEqual([400, '一次最多登记30件纠纷，更多的请分次报送']);

    const withdrawn = await api(`/api/mediation/screenings/${zero.body.id}/withdraw`, { method: 'POST', token, body: { version: 1, reason: '期次选错' } });
    expect(withdrawn.status).toBe(200);
    const resubmitted = await api('/api/mediation/screenings', { method: 'POST', token, body: screening() });
    expect(resubmitted.status).toBe(201);

    await settle();
    const zeroFacts = [factId('mediation.screening.submitted', 'screening', zero.body.id), factId('mediation.screening.zero-report', 'screening', zero.body.id)];
    expect(eventsOf(zeroFacts).sort()).toEqual([...zeroFacts.map((i) => `Recorded ${i}`), ...zeroFacts.map((i) => `Retracted ${i}`)].sort());
  });

  it('a major dispute is due for its report within 4 hours; reporting removes it from the unreported list and sends the report fact', async () => {
    const s = await api('/api/mediation/screenings', {
      method: 'POST', token,
      body: screening({ period: `${month}-1`, screenedOn: today, disputes: [dispute(), dispute({ name: '拆迁补偿群体纠纷', major: true, riskLevel: 'red', peopleCount: 30 })] }),
    });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ zeroReport: false, month, late: today > `${month}-15` });
    const detail = (await api(`/api/mediation/screenings/${s.body.id}`, { token })).body;
    const major = detail.disputes.find((d: { major: boolean }) => d.major);
    expect(Date.parse(major.reportDueAt) - Date.parse(major.registeredAt)).toBe(4 * 3_600_000);
    const unreported = async () => (await api(`/api/mediation/disputes?officeId=${OFFICE}&unreported=true`, { token })).body.items.map((d: { id: string }) => d.id);
    expect(await unreported()).toContain(major.id);

    const board = (await api(`/api/mediation/screening-board?month=${month}`, { token })).body;
    expect(board.rows).toEqual([expect.objectContaining({ officeId: OFFICE, firstHalf: s.body.late ? 'late' : 'done', disputes: 2, unreportedMajor: 1 })]);

    const notMajor = detail.disputes.find((d: { major: boolean }) => !d.major);
    expect((await api(`/api/mediation/disputes/${notMajor.id}/report`, { method: 'POST', token, body: { version: 1 } })).body.message).toBe('该纠纷不是重大纠纷，无需上报');
    const reported = await api(`/api/mediation/disputes/${major.id}/report`, { method: 'POST', token, body: { version: 1 } });
    expect(reported.status).toBe(200);
    expect(reported.body.reportedAt).toBeDefined();
    expect(await unreported()).not.toContain(major.id);
    expect((await api(`/api/mediation/disputes/${major.id}/report`, { method: 'POST', token, body: { version: 2 } })).body.message).toBe('该纠纷已上报');

    const updated = await api(`/api/mediation/disputes/${notMajor.id}`, {
      method: 'PUT', token, body: { version: 1, measures: '已勘界', responsible: '王调解', dueOn: today, riskLevel: 'yellow', result: 'resolved', resultNote: '双方认可边界' },
    });
    expect(updated.body).toMatchObject({ result: 'resolved', version: 2 });

    await settle();
    const registered = factId('mediation.dispute.major-registered', 'dispute', major.id);
    const report = factId('mediation.dispute.major-reported', 'dispute', major.id);
    expect(eventsOf([registered, report])).toEqual([`Recorded ${registered}`, `Recorded ${report}`]);
    expect(factEvents().find((e) => e.detail.id === report)!.detail.quantity).toBe(0);
  });

  it("the month's report only once the month has ended, once; its figures come from the records", async () => {
    const open = await api('/api/mediation/monthly-reports', { method: 'POST', token, body: { officeId: OFFICE, month } });
    expect([open.status, open.body.fields?.month]).toEqual([400, '该月尚未结束，月度排查报表须在次月报送']);
    const r = await api('/api/mediation/monthly-reports', { method: 'POST', token, body: { officeId: OFFICE, month: lastMonth, note: '本月无重大纠纷' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ officeId: OFFICE, month: lastMonth, figures: { screenings: expect.any(Number), casesReceived: expect.any(Number) } });
    expect(r.body.figures.screenings).toBeGreaterThanOrEqual(1);
    expect((await api('/api/mediation/monthly-reports', { method: 'POST', token, body: { officeId: OFFICE, month: lastMonth } })).status).toBe(409);
    expect((await api('/api/mediation/monthly-reports', { method: 'POST', token, body: { officeId: '0201', month: lastMonth } })).status).toBe(403);
    const board = (await api(`/api/mediation/screening-board?month=${lastMonth}`, { token })).body;
    expect(board.rows[0]).toMatchObject({ officeId: OFFICE, report: r.body.late ? 'late' : 'done', secondHalf: 'late' });
  });
});

describe('mediation submissions', () => {
  it('returned (fact retracted), corrected and resubmitted, adopted (fact with its level); each step by whom the rules allow', async () => {
    const s = await api('/api/mediation/submissions', { method: 'POST', token, body: { officeId: OFFICE, kind: 'typical-case', title: '一起排水纠纷的化解', content: '案情与做法' } });
    expect(s.status).toBe(201);
    expect(s.body).toMatchObject({ status: 'submitted', month, version: 1 });
    const id = s.body.id;
    expect((await api(`/api/mediation/submissions/${id}`, { method: 'PUT', token, body: { version: 1, title: '改', content: '改' } })).status).toBe(409);
    // The office neither returns nor adopts its own.
    expect((await api(`/api/mediation/submissions/${id}/return`, { method: 'POST', token, body: { version: 1, comment: '自己退回' } })).status).toBe(403);
    expect((await api(`/api/mediation/submissions/${id}/adopt`, { method: 'POST', token, body: { version: 1, level: 'county' } })).status).toBe(403);
    const dept = await login('dept-mediation');
    const returned = await api(`/api/mediation/submissions/${id}/return`, { method: 'POST', token: dept, body: { version: 1, comment: '请补充调解过程' } });
    expect(returned.body).toMatchObject({ status: 'returned', returns: [{ by: 'dept-mediation', comment: '请补充调解过程' }] });
    const resubmitted = await api(`/api/mediation/submissions/${id}`, { method: 'PUT', token, body: { version: 2, title: '一起排水纠纷的化解', content: '补充了调解过程' } });
    expect(resubmitted.body).toMatchObject({ status: 'submitted', version: 3 });
    const adopted = await api(`/api/mediation/submissions/${id}/adopt`, { method: 'POST', token: await login('leader'), body: { version: 3, level: 'city' } });
    expect(adopted.body).toMatchObject({ status: 'adopted', adoption: { level: 'city', by: 'leader' } });
    expect((await api(`/api/mediation/submissions/${id}/withdraw`, { method: 'POST', token, body: { version: 4 } })).status).toBe(409);

    await settle();
    const fact = factId('mediation.typical-case.submitted', 'submission', id);
    expect(eventsOf([fact])).toEqual([`Recorded ${fact}`, `Retracted ${fact}`, `Recorded ${fact}`, `Recorded ${fact}`]);
    expect(factEvents().filter((e) => e.detail.id === fact).at(-1)!.detail.quantity).toBe(2);
  });
});

describe('mediation committees and mediators', () => {
  const mediator = (committeeId: string, n: number, over: Record<string, unknown> = {}) => ({
    officeId: OFFICE, committeeId, name: `调解员${n}`, sex: n % 2 ? 'male' : 'female', idNumber: idNo(100 + n), ethnicity: '汉族', education: '大学本科',
    post: 'member', fullTime: false, phone: '13900001111', termStart: '2025-03-01', termEnd: '2028-02-29', ...over,
  });

  it('a committee serves three years; at most nine members; one roster entry per ID number; ID numbers masked', async () => {
    const committee = await api('/api/mediation/committees', { method: 'POST', token, body: { officeId: OFFICE, name: '测试乡人民调解委员会', kind: 'township', termStart: '2025-03-01' } });
    expect(committee.status).toBe(201);
    expect(committee.body.termEnd).toBe('2028-02-29');
    const cid = committee.body.id;
    for (let n = 1; n <= 9; n++) expect((await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, n, n === 1 ? { post: 'director' } : {}) })).status).toBe(201);
    const tenth = await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, 10) });
    expect([tenth.status, tenth.body.fields?.post]).toEqual([400, '调委会委员（主任、副主任、委员）最多9人，测试乡人民调解委员会已有9人；可登记为调解员']);
    const appointed = await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, 10, { post: 'mediator' }) });
    expect(appointed.status).toBe(201);
    expect(appointed.body.idNumber).toBe(`110105********${idNo(110).slice(14)}`);
    const duplicate = await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, 10, { post: 'mediator', name: '重复' }) });
    expect([duplicate.status, duplicate.body.message]).toEqual([409, `身份证号为 110105********${idNo(110).slice(14)} 的人员已在本县人民调解员花名册中`]);

    const admin = await login('admin');
    const otherCommittee = await api('/api/mediation/committees', { method: 'POST', token: admin, body: { officeId: OTHER, name: '邻所调委会', kind: 'township', termStart: '2024-01-01' } });
    expect(otherCommittee.body.termEnd).toBe('2026-12-31');
    const foreign = await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(otherCommittee.body.id, 11) });
    expect([foreign.status, foreign.body.fields?.committeeId]).toEqual([400, '所选调委会不存在或不属于该司法所']);
    const badTerm = await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, 12, { post: 'mediator', termEnd: '2024-01-01' }) });
    expect([badTerm.status, badTerm.body.fields?.termEnd]).toEqual([400, '任期结束日期不能早于开始日期']);

    const listed = (await api(`/api/mediation/mediators?officeId=${OFFICE}&committeeId=${cid}`, { token })).body.items;
    expect(listed).toHaveLength(10);
    expect(listed.every((m: { idNumber: string }) => m.idNumber.includes('********'))).toBe(true);
    // Moving a member to appointed mediator makes room.
    const first = listed.find((m: { post: string }) => m.post === 'member');
    const { id, areaId: _a, version, updatedAt: _u, officeId: _o, idNumber: _i, ...rest } = first;
    const demoted = await api(`/api/mediation/mediators/${id}`, { method: 'PUT', token, body: { ...rest, post: 'mediator', version } });
    expect(demoted.status).toBe(200);
    expect((await api('/api/mediation/mediators', { method: 'POST', token, body: mediator(cid, 13) })).status).toBe(201);
    expect((await api(`/api/mediation/committees?officeId=${OFFICE}`, { token: await login('staff-0201') })).status).toBe(403);
    const exported = await api(`/api/mediation/mediators/export.xlsx?officeId=${OFFICE}`, { token });
    expect(exported.status).toBe(200);
    expect((await auditRecordsOf(USER, [exported.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'mediation.mediator.export', outcome: 'success' });
  });
});

describe('mediation summary', () => {
  it("counts the office's open cases and this month's screenings within the caller's scope", async () => {
    const before = (await api('/api/mediation/summary', { token })).body;
    await createCase();
    const after = (await api('/api/mediation/summary', { token })).body;
    expect(after.openCases).toBe(before.openCases + 1);
    expect(after.screeningsDue.every((s: { officeId: string }) => s.officeId === OFFICE)).toBe(true);
    expect((await api('/api/mediation/summary', { token: await login('auditor') })).status).toBe(403);
  });
});
