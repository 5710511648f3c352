// The assessment's live month, heat map, alerts, year-end funding and documents end to end on the real
// emulators. Facts travel the real way (a producer's outbox → the bus → the assessment queue → the
// ledger), written through the test's facts probe (tests/support/facts-probe.ts); monthly results are
// real runs started, scored and approved through the API. Its facts live in area 08 (湖滨, offices
// 0801–0806) and area 05 (0504), this month and last (Asia/Shanghai); its runs are of 2015, a year no
// demo data and no other test uses, so every figure is the test's own.
import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  allocateFunding,
  defaultRubric,
  factIdOf,
  scoreOffice,
  shanghaiDayStart,
  shanghaiMonth,
  type FactKind,
  type FundingAllocation,
  type LiveMonth,
  type Office,
  type OfficeScore,
} from '@sifasuo/domain';
import { ulid } from 'ulid';
import { keys } from '../../functions/src/assessment/keys';
import { readWorkbook, rowValues } from '../../functions/src/shared/xlsx';
import { accountToken, api, auditRecordsOf, cloud, dynamo, eventually, localName, login } from '../support/cloud';
import { renderPdf } from '../support/pdf-render';

const PASSWORD = 'Initial#Pass1';
const LIVE_OFFICE = '0805';
const AREA_OFFICE = '0804';
const FAR_OFFICE = '0504';
const YEAR = 2015;
const RUN_MONTHS = [`${YEAR}-01`, `${YEAR}-07`];
const run = Date.now().toString(36);

const USERS = {
  staff: { username: 'yr-staff-0805', displayName: '考核测试员', roles: ['office_staff'], officeId: LIVE_OFFICE },
  director: { username: 'yr-director-08', displayName: '湖滨片区所长', roles: ['area_director'], officeId: '0801' },
} as const;
const token: Record<string, string> = {};

beforeAll(async () => {
  const admin = await login('admin');
  for (const [key, user] of Object.entries(USERS)) {
    token[key] = await accountToken(admin, user, PASSWORD);
  }
  for (const who of ['leader', 'admin', 'auditor', 'dept-mediation', 'finance']) token[who] = await login(who);
});

const get = (path: string, who: string) => api(`/api/assessment/${path}`, { token: token[who] });
const post = (path: string, who: string, body: unknown) => api(`/api/assessment/${path}`, { method: 'POST', token: token[who], body });
/** A download's bytes (the JSON helper would decode them as text). */
const download = async (path: string, who: string) => {
  const res = await fetch(`${cloud().url}/api/assessment/${path}`, { headers: { authorization: `Bearer ${token[who]}` } });
  return { status: res.status, type: res.headers.get('content-type'), requestId: res.headers.get('x-request-id'), bytes: new Uint8Array(await res.arrayBuffer()) };
};

// ---- Facts through the bus --------------------------------------------------------------------------

interface FactSpec {
  kind: FactKind;
  officeId: string;
  occurredAt: string;
  dueAt?: string;
  month: string;
  ref: { context: string; type: string; id: string };
}
const fact = (kind: FactKind, officeId: string, ref: string, occurredAt: Date, over: Partial<FactSpec> = {}): FactSpec => ({
  kind, officeId, occurredAt: occurredAt.toISOString(), month: shanghaiMonth(occurredAt),
  ref: { context: kind.split('.')[0]!, type: kind.split('.')[1]!, id: `${run}-${ref}` }, ...over,
});
const idOf = (f: FactSpec) => factIdOf(f.kind, f.ref);
/** Writes the facts as a producer does and waits until the ledger holds every one of them. */
const publish = async (...facts: FactSpec[]) => {
  const w = await api(`/api/__test/facts/${run}-${ulid()}`, { method: 'POST', body: { facts } });
  expect(w.status).toBe(201);
  const ledger = localName('assessment');
  await eventually(async () => {
    for (const f of facts) {
      const r = await dynamo().send(new GetCommand({ TableName: ledger, Key: keys.fact({ id: idOf(f), officeId: f.officeId, month: f.month }) }));
      if (!r.Item?.fact) return false;
    }
    return true;
  }, 30_000);
};

const now = () => new Date();
const thisMonth = shanghaiMonth(now());
const monthStart = shanghaiDayStart(`${thisMonth}-01`);
const at = (ms: number) => new Date(monthStart.getTime() + ms);

// ---- The live month -------------------------------------------------------------------------------

describe('the live month (an office’s home)', () => {
  let answered: FactSpec;
  let waiting: FactSpec;
  beforeAll(async () => {
    // A petition due two seconds into the month, answered a moment ago: late. Another due in ten days, not answered: due.
    const lateOne = fact('registers.petition.received', LIVE_OFFICE, 'petition-late', at(1000), { dueAt: at(2000).toISOString() });
    // As the registers emit it: the answer carries the petition's due time.
    answered = { ...fact('registers.petition.answered', LIVE_OFFICE, 'petition-late', new Date(Date.now() - 1000)), dueAt: lateOne.dueAt, ref: lateOne.ref };
    waiting = fact('registers.petition.received', LIVE_OFFICE, 'petition-due', at(1000), { dueAt: new Date(Date.now() + 10 * 86_400_000).toISOString() });
    const publicity = fact('registers.publicity.held', LIVE_OFFICE, 'publicity', at(1500));
    await publish(lateOne, answered, waiting, publicity);
  });

  it('defaults to the caller’s own office: a provisional score by the monthly function, and the radar with late and due items', async () => {
    const r = await get('live', 'staff');
    expect(r.status).toBe(200);
    const live = r.body as LiveMonth;
    expect(live).toMatchObject({ officeId: LIVE_OFFICE, officeName: '湖心乡司法所', month: thisMonth });
    expect(live.provisional.rank).toBeUndefined();
    const radarOf = (id: string) => live.radar.find((i) => i.factIds.includes(id));
    expect(radarOf(idOf(answered))).toMatchObject({ item: 'D3', month: thisMonth, state: 'late' });
    expect(radarOf(idOf(waiting))).toMatchObject({ item: 'D3', month: thisMonth, state: 'due', dueAt: waiting.dueAt });
    expect(live.radar.find((i) => i.item === 'D2' && i.month === thisMonth)).toMatchObject({ state: 'done' });

    // The same function as the monthly run, on the ledger's facts of the month (whatever else is there).
    const ledger = await dynamo().send(new QueryCommand({
      TableName: localName('assessment'), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.facts(LIVE_OFFICE, thisMonth).PK },
    }));
    const facts = (ledger.Items ?? []).filter((i) => i.fact && !i.retractedAt).map((i) => i.fact);
    const office = (await api<Office>(`/api/org/offices/${LIVE_OFFICE}`, { token: token.leader })).body;
    const expected = scoreOffice({
      rubric: defaultRubric(Number(thisMonth.slice(0, 4))), runId: 'live', month: thisMonth,
      office: { id: office.id, name: office.name, areaId: office.areaId, officeClass: office.officeClass }, facts, adjustments: [], asOf: new Date(live.asOf),
    });
    expect(live.provisional.total).toBe(expected.total);
    const d3 = live.provisional.lines.find((l) => l.item === 'D3')!;
    // Two petitions this month, none answered on time: 0 of 5.
    expect(d3).toMatchObject({ applicable: true, points: 0, max: 5 });
    expect(live.provisional.lines.find((l) => l.item === 'D2')).toMatchObject({ points: 5, factIds: [idOf(fact('registers.publicity.held', LIVE_OFFICE, 'publicity', at(1500)))] });
  });

  it('names an office: the leader any, a director its area (another area answers as missing); no office or no scope is refused', async () => {
    expect((await get(`live?officeId=${LIVE_OFFICE}`, 'leader')).body.officeId).toBe(LIVE_OFFICE);
    expect((await get(`live?officeId=${LIVE_OFFICE}`, 'director')).status).toBe(200);
    expect((await get(`live?officeId=${FAR_OFFICE}`, 'director')).status).toBe(404);
    expect((await get(`live?officeId=${FAR_OFFICE}`, 'staff')).status).toBe(404);
    const none = await get('live', 'leader');
    expect([none.status, none.body.fields]).toEqual([400, { officeId: '请选择司法所' }]);
    expect((await get(`live?officeId=${LIVE_OFFICE}`, 'auditor')).status).toBe(403);
    expect((await get('live?officeId=9999', 'leader')).status).toBe(404);
  });
});

// ---- Alerts --------------------------------------------------------------------------------------

describe('alerts (the leader’s home)', () => {
  // Minutes ago, in order, and still this month (early in a month, the steps shrink).
  const step = Math.min(60_000, (Date.now() - monthStart.getTime()) / 40);
  const ago = (minutes: number) => new Date(Date.now() - minutes * step);
  const unreported = fact('mediation.dispute.major-registered', AREA_OFFICE, 'major-unreported', ago(30), { dueAt: ago(10).toISOString() });
  const reported = fact('mediation.dispute.major-registered', AREA_OFFICE, 'major-reported', ago(29), { dueAt: ago(9).toISOString() });
  const report = { ...fact('mediation.dispute.major-reported', AREA_OFFICE, 'major-reported', ago(20)), ref: reported.ref };
  const notYetDue = fact('mediation.dispute.major-registered', AREA_OFFICE, 'major-fresh', ago(1), { dueAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });
  const incident = fact('supervision.incident.recorded', FAR_OFFICE, 'incident', ago(25));
  const overdue = fact('registers.task.overdue', AREA_OFFICE, 'task-open', ago(15));
  const done = fact('registers.task.overdue', AREA_OFFICE, 'task-done', ago(14));
  const completed = { ...fact('registers.task.completed', AREA_OFFICE, 'task-done', ago(5)), ref: done.ref };
  beforeAll(() => publish(unreported, reported, report, notYetDue, incident, overdue, done, completed));

  it('raises an unreported major dispute past its due time, every incident, every overdue task not completed; newest first', async () => {
    const r = await get('alerts', 'leader');
    expect(r.status).toBe(200);
    const mine = r.body.items.filter((a: { factId: string }) => a.factId.includes(run));
    expect(mine.map((a: { factId: string; title: string }) => [a.factId, a.title])).toEqual([
      [idOf(overdue), '交办任务逾期未完成'],
      [idOf(incident), '社区矫正对象脱管/漏管'],
      [idOf(unreported), '重大矛盾纠纷逾期未报告'],
    ]);
    expect(mine[0]).toMatchObject({ kind: 'registers.task.overdue', officeId: AREA_OFFICE, officeName: '湖桥乡司法所', ref: overdue.ref });
    const times = r.body.items.map((a: { occurredAt: string }) => Date.parse(a.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('shows a director only its area’s; a role without an office scope is refused', async () => {
    const r = await get('alerts', 'director');
    expect(r.status).toBe(200);
    const ids = r.body.items.map((a: { factId: string }) => a.factId);
    expect(ids).toEqual(expect.arrayContaining([idOf(overdue), idOf(unreported)]));
    expect(ids).not.toContain(idOf(incident));
    expect(r.body.items.every((a: { officeId: string }) => a.officeId.startsWith('08'))).toBe(true);
    expect((await get('alerts', 'auditor')).status).toBe(403);
  });
});

// ---- Runs of 2015, the heat map, the notice ----------------------------------------------------------

/** Starts a month's run as the leader and waits until every office is scored. */
const scoredRun = async (month: string): Promise<string> => {
  const started = await post('runs', 'leader', { month });
  expect(started.status).toBe(202);
  const runId = started.body.runId as string;
  await eventually(async () => (await get(`runs/${runId}`, 'leader')).body.status === 'scored', 120_000, 500);
  return runId;
};
const runIds: string[] = [];
const scoresOf = async (runId: string): Promise<OfficeScore[]> => {
  const r = await get(`scores?month=${runId.slice(0, 7)}&runId=${runId}`, 'leader');
  expect(r.status).toBe(200);
  return r.body.items;
};

describe(`the year ${YEAR}: runs, the notice, the heat map`, () => {
  beforeAll(async () => {
    // One office of the county earns something in January, so the months are not all alike.
    await publish(fact('registers.publicity.held', LIVE_OFFICE, `publicity-${YEAR}`, new Date(Date.parse(`${YEAR}-01-15T10:00:00+08:00`))));
    for (const m of RUN_MONTHS) runIds.push(await scoredRun(m));
  }, 300_000);

  it('the notice of a scored run: assessors see it, other readers do not until it is approved; unknown runs are 404', async () => {
    const [january] = runIds as [string];
    expect((await download(`runs/${january}/notice.pdf`, 'dept-mediation')).status).toBe(200);
    expect((await download(`runs/${january}/notice.pdf`, 'staff')).status).toBe(404);
    expect((await download(`runs/${january}/notice.xlsx`, 'staff')).status).toBe(404);
    expect((await download(`runs/${YEAR}-03-v1/notice.pdf`, 'leader')).status).toBe(404);
    expect((await download('runs/not-a-run/notice.pdf', 'leader')).status).toBe(404);
    expect((await download(`runs/${january}/notice.pdf`, 'auditor')).status).toBe(403);
    for (const id of runIds) expect((await post(`runs/${id}/approve`, 'leader', {})).status).toBe(200);
  });

  it('the approved notice (PDF): the title with the bureau, state and version, every office ranked, the missing reports by office and item; audited', async () => {
    const [january] = runIds as [string];
    const pdf = await download(`runs/${january}/notice.pdf`, 'staff');
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    const text = renderPdf(pdf.bytes).text.replace(/\s/g, '');
    const scores = await scoresOf(january);
    expect(scores).toHaveLength(49);
    expect(text).toContain('青山县司法局');
    expect(text).toContain(`${YEAR}年1月司法所工作考核通报`);
    expect(text).toContain('状态：已发布');
    expect(text).toContain(`${YEAR}年默认评分细则`);
    const top = scores.find((s) => s.rank === 1)!;
    expect(top.officeId).toBe(LIVE_OFFICE);
    expect(text).toContain(`1${top.officeName}${top.total}`);
    // Nobody reported anything in that year: every office's January screening report is missing (漏报).
    expect(text).toContain('迟报、漏报情况');
    for (const s of scores) expect(text).toContain(`${s.officeName}：月度排查报告（漏报）`);
    expect((await auditRecordsOf(USERS.staff.username, [pdf.requestId!]))[0]).toMatchObject({ action: 'assessment.notice.export', outcome: 'success', targetId: january });
  });

  it('the approved notice (Excel): scores by rank on sheet 1, late and missing on sheet 2', async () => {
    const [january] = runIds as [string];
    const xlsx = await download(`runs/${january}/notice.xlsx`, 'director');
    expect(xlsx.status).toBe(200);
    const wb = (await readWorkbook(xlsx.bytes))!;
    const [scoresSheet, flagsSheet] = wb.worksheets as [any, any];
    const scores = (await scoresOf(january)).sort((a, b) => a.rank! - b.rank! || a.officeId.localeCompare(b.officeId));
    expect(scoresSheet.getCell(1, 1).value).toBe(`青山县司法局${YEAR}年1月司法所工作考核通报`);
    expect(rowValues(scoresSheet, 5, 3)).toEqual([1, scores[0]!.officeName, scores[0]!.total]);
    expect(rowValues(scoresSheet, 5 + 48, 3)).toEqual([scores[48]!.rank, scores[48]!.officeName, scores[48]!.total]);
    expect(rowValues(scoresSheet, 5 + 49, 1)).toEqual([undefined]);
    expect(rowValues(flagsSheet, 4, 4)).toEqual(['城关镇司法所', 'A1', '月度排查报告', '漏报']);
  });

  it('the heat map: the approved months’ totals, ranks and line counts; other months no score; a director its area only', async () => {
    const r = await get(`radar?year=${YEAR}`, 'leader');
    expect(r.status).toBe(200);
    expect(r.body.months).toHaveLength(12);
    expect(r.body.offices).toHaveLength(49);
    expect(r.body.cells).toHaveLength(49 * 12);
    const [january] = runIds as [string];
    const scores = await scoresOf(january);
    const mine = scores.find((s) => s.officeId === LIVE_OFFICE)!;
    const cell = r.body.cells.find((c: { officeId: string; month: string }) => c.officeId === LIVE_OFFICE && c.month === `${YEAR}-01`);
    const deadlineLines = mine.lines.filter((l) => l.applicable && (l.rule === 'deadline' || l.rule === 'rate'));
    expect(cell).toEqual({
      officeId: LIVE_OFFICE, month: `${YEAR}-01`, score: mine.total, rank: 1, provisional: false,
      onTime: deadlineLines.filter((l) => l.state === 'full').length, late: 0, missing: deadlineLines.filter((l) => l.state === 'missing').length,
    });
    expect(cell.missing).toBe(3);
    expect(r.body.cells.find((c: { officeId: string; month: string }) => c.officeId === LIVE_OFFICE && c.month === `${YEAR}-02`)).toEqual({
      officeId: LIVE_OFFICE, month: `${YEAR}-02`, onTime: 0, late: 0, missing: 0, provisional: false,
    });
    const area = await get(`radar?year=${YEAR}`, 'director');
    expect(area.body.offices.map((o: { id: string }) => o.id)).toEqual(['0801', '0802', '0803', '0804', '0805', '0806']);
    expect(area.body.cells.every((c: { officeId: string }) => c.officeId.startsWith('08'))).toBe(true);
    expect((await get(`radar?year=${YEAR}&areaId=05`, 'director')).status).toBe(403);
    expect((await get(`radar?year=${YEAR}&areaId=05`, 'leader')).body.offices).toHaveLength(6);
    expect((await get(`radar?year=${YEAR}`, 'auditor')).status).toBe(403);
  });

  it('the current month is a live, provisional cell: the office’s live score', async () => {
    const year = Number(thisMonth.slice(0, 4));
    const r = await get(`radar?year=${year}&areaId=08`, 'leader');
    const cell = r.body.cells.find((c: { officeId: string; month: string }) => c.officeId === LIVE_OFFICE && c.month === thisMonth);
    const live = (await get(`live?officeId=${LIVE_OFFICE}`, 'leader')).body as LiveMonth;
    expect(cell).toMatchObject({ provisional: true, score: live.provisional.total });
    expect(cell.rank).toBeUndefined();
    expect(r.body.months[r.body.months.length - 1]).toBe(thisMonth);
  });
});

// ---- Year-end funding -------------------------------------------------------------------------------

describe(`year-end funding of ${YEAR}`, () => {
  const annual = { [LIVE_OFFICE]: { onSite: 95, bonus: 2 }, [AREA_OFFICE]: { onSite: 90, bonus: 0 }, '0101': { onSite: 88, bonus: 1 }, '0201': { onSite: 70, bonus: 0 } };
  const pool = { year: YEAR, mode: 'pool', poolFen: 1_000_003, threshold: 20, excellent: 2, annual, note: '测试分配' };
  let offices: Office[];
  let monthly: Record<string, Record<string, number>>;
  beforeAll(async () => {
    offices = (await api('/api/org/offices?limit=100', { token: token.admin ?? token.leader })).body.items;
    expect(offices).toHaveLength(49);
    monthly = {};
    for (const id of runIds) for (const s of await scoresOf(id)) (monthly[s.officeId] ??= {})[s.month] = s.total;
  });

  it('pool mode: the approved months and the annual scores give every office its composite, and the parts sum exactly to the pool', async () => {
    const r = await post('funding', 'finance', pool);
    expect(r.status).toBe(201);
    const f = r.body as FundingAllocation;
    expect(f).toMatchObject({ year: YEAR, mode: 'pool', poolFen: 1_000_003, status: 'draft', months: RUN_MONTHS, createdBy: 'finance', note: '测试分配' });
    expect(f.id).toMatch(new RegExp(`^${YEAR}-`));
    expect(f.items).toHaveLength(49);
    expect(f.items.reduce((sum, i) => sum + i.amountFen, 0)).toBe(1_000_003);
    expect(f.totalFen).toBe(1_000_003);
    const expected = allocateFunding({ ...pool, mode: 'pool' }, offices.map((o) => ({ id: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass })), monthly);
    expect(f.items).toEqual(expected.items);
    // The four offices with on-site scores pass the threshold; the rest (on-site 0) do not and get nothing.
    expect(f.items.filter((i) => i.eligible).map((i) => i.officeId).sort()).toEqual(['0101', '0201', AREA_OFFICE, LIVE_OFFICE].sort());
    expect(f.items.filter((i) => !i.eligible).every((i) => i.amountFen === 0)).toBe(true);
    expect(f.items.find((i) => i.rank === 1)).toMatchObject({ officeId: LIVE_OFFICE, excellent: true });
    expect((await get(`funding/${f.id}`, 'leader')).body).toEqual(f);
    expect((await auditRecordsOf('finance', [r.headers.get('x-request-id')!]))[0]).toMatchObject({ action: 'assessment.funding.draft', outcome: 'success', targetId: f.id });
  });

  it('unit mode: a price per point by office class for those at the threshold', async () => {
    const body = { year: YEAR, mode: 'unit', unitFen: { central: 5000, regular: 3000 }, threshold: 20, annual };
    const r = await post('funding', 'leader', body);
    expect(r.status).toBe(201);
    const expected = allocateFunding({ ...body, mode: 'unit' }, offices.map((o) => ({ id: o.id, name: o.name, areaId: o.areaId, officeClass: o.officeClass })), monthly);
    expect(r.body.items).toEqual(expected.items);
    const central = r.body.items.find((i: { officeId: string }) => i.officeId === '0101');
    const regular = r.body.items.find((i: { officeId: string }) => i.officeId === LIVE_OFFICE);
    expect(central.amountFen).toBe(Math.round(central.composite * 5000));
    expect(regular.amountFen).toBe(Math.round(regular.composite * 3000));
    expect(r.body.totalFen).toBe(r.body.items.reduce((s: number, i: { amountFen: number }) => s + i.amountFen, 0));
  });

  it('refuses: office staff (403), a year without an approved month, an office that does not exist (400 on the field)', async () => {
    expect((await post('funding', 'staff', pool)).status).toBe(403);
    const empty = await post('funding', 'leader', { ...pool, year: 2017 });
    expect([empty.status, empty.body.fields]).toEqual([400, { year: '该年度尚无已发布的月度考核结果' }]);
    const unknown = await post('funding', 'leader', { ...pool, annual: { ...annual, '9999': { onSite: 80 } } });
    expect([unknown.status, Object.keys(unknown.body.fields)]).toEqual([400, ['annual']]);
    const noPool = await post('funding', 'leader', { ...pool, poolFen: undefined });
    expect([noPool.status, noPool.body.fields]).toEqual([400, { poolFen: '按总额分配须填写经费总额' }]);
    expect((await get(`funding?year=${YEAR}`, 'staff')).status).toBe(403);
    expect((await get(`funding?year=${YEAR}`, 'director')).status).toBe(403);
  });

  it('the leader approves a draft; approving it again is 409; a later approval supersedes it; others may not approve', async () => {
    const first = (await post('funding', 'finance', pool)).body as FundingAllocation;
    const second = (await post('funding', 'finance', { ...pool, poolFen: 2_000_000 })).body as FundingAllocation;
    expect((await post(`funding/${first.id}/approve`, 'finance', {})).status).toBe(403);
    expect((await post(`funding/${YEAR}-${ulid()}/approve`, 'leader', {})).status).toBe(404);
    const approved = await post(`funding/${first.id}/approve`, 'leader', { comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: first.id, status: 'approved', approvedBy: 'leader' });
    const again = await post(`funding/${first.id}/approve`, 'leader', {});
    expect([again.status, again.body.message]).toEqual([409, '只有草案状态的分配方案可以审批']);
    expect((await post(`funding/${second.id}/approve`, 'leader', {})).status).toBe(200);
    const list = (await get(`funding?year=${YEAR}`, 'finance')).body.items as FundingAllocation[];
    expect(list[0]!.id).toBe(second.id);
    expect(list.find((a) => a.id === first.id)!.status).toBe('superseded');
    expect(list.find((a) => a.id === second.id)!.status).toBe('approved');
    expect(list.filter((a) => a.status === 'approved')).toHaveLength(1);
    const [record] = await auditRecordsOf('leader', [approved.headers.get('x-request-id')!]);
    expect(record).toMatchObject({ action: 'assessment.funding.approve', outcome: 'success', targetId: first.id, reason: '同意' });
  });

  it('two approvals at once leave the year exactly one approved allocation (the loser is a 409, or superseded if it came first)', async () => {
    const [a, b] = [(await post('funding', 'finance', pool)).body.id, (await post('funding', 'finance', pool)).body.id];
    const answers = await Promise.all([post(`funding/${a}/approve`, 'leader', {}), post(`funding/${b}/approve`, 'leader', {})]);
    expect(answers.every((r) => r.status === 200 || (r.status === 409 && r.body.message === '分配方案状态已变化，请刷新后重试'))).toBe(true);
    const list = (await get(`funding?year=${YEAR}`, 'leader')).body.items as FundingAllocation[];
    const approved = list.filter((x) => x.status === 'approved').map((x) => x.id);
    expect(approved).toHaveLength(1);
    expect([a, b]).toContain(approved[0]);
    // Whichever lost is a draft (refused) or superseded (approved first, replaced by the other).
    const loser = list.find((x) => x.id === (approved[0] === a ? b : a))!;
    expect(loser.status).toBe(answers[approved[0] === a ? 1 : 0]!.status === 409 ? 'draft' : 'superseded');
  });

  it('finds an allocation stored under a bare ULID (the demo seed’s) in the year it was made or the one before', async () => {
    const id = ulid(Date.parse(`${YEAR + 1}-01-05T10:00:00+08:00`));
    const stored = { ...((await post('funding', 'finance', pool)).body as FundingAllocation), id };
    await dynamo().send(new PutCommand({ TableName: localName('assessment'), Item: { ...keys.funding(YEAR, id), entity: 'funding', ...stored } }));
    expect((await get(`funding/${id}`, 'leader')).body).toEqual(stored);
    expect((await get(`funding/${ulid(Date.parse(`${YEAR + 3}-01-05T10:00:00+08:00`))}`, 'leader')).status).toBe(404);
    expect((await get('funding/not-an-id', 'leader')).status).toBe(404);
  });

  it('exports the allocation: every office by rank, amounts in yuan, a totals row; audited; not for office staff', async () => {
    const f = (await post('funding', 'finance', pool)).body as FundingAllocation;
    const xlsx = await download(`funding/${f.id}/export.xlsx`, 'leader');
    expect(xlsx.status).toBe(200);
    const sheet = (await readWorkbook(xlsx.bytes))!.worksheets[0]!;
    const byRank = [...f.items].sort((a, b) => a.rank - b.rank || a.officeId.localeCompare(b.officeId));
    expect(rowValues(sheet, 5, 2)).toEqual([byRank[0]!.rank, byRank[0]!.officeName]);
    expect(rowValues(sheet, 5, 12)[11]).toBe(byRank[0]!.amountFen / 100);
    expect(rowValues(sheet, 5 + 49, 12)).toEqual(['合计', '49个所', undefined, undefined, undefined, undefined, undefined, undefined, '4个', '2个', undefined, 10000.03]);
    expect((await auditRecordsOf('leader', [xlsx.requestId!]))[0]).toMatchObject({ action: 'assessment.funding.export', outcome: 'success', targetId: f.id });
    expect((await download(`funding/${f.id}/export.xlsx`, 'staff')).status).toBe(403);
    expect((await download(`funding/${YEAR}-${ulid()}/export.xlsx`, 'leader')).status).toBe(404);
  });
});
