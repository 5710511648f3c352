// Monthly runs on the real emulators: an assessor starts a month that is over (202), every office is
// scored through the bus and the scoring queue, the last scorer ranks; the leader publishes it and an
// office account then sees its own score and drills down to the ledger items behind a line.
// Deductions are their department's (403 in another's section), refused once the month is published
// (409), and count when the month is scored again — a correction, v2, while v1 stays readable. And
// exactly once: facts delivered twice and out of order, a run whose scorer died part-way (some offices
// scored by the handler, some of them twice, the rest never delivered) resumed by starting the month
// again — every office scored once, the scores equal to a clean run's over the same facts.
// Its months are of 2018 (no demo data, no other test's).
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { makeFact, retractFact, runSummary, scoreTotalOf, shanghaiMonth, type AssessmentRun, type OfficeScore, type ScorableFact, type ScoredOffice } from '@sifasuo/domain';
import type { SQSEvent } from 'aws-lambda';
import { api, eventBridge, eventually, login } from '../support/cloud';
import { useFunctionEnvironment } from '../support/function-env';

useFunctionEnvironment();

const tag = Date.now().toString(36);
const withQuery = (path: string, q: Record<string, string>) => `${path}?${new URLSearchParams(q)}`;
const token: Record<string, string> = {};
beforeAll(async () => {
  for (const who of ['leader', 'dept-mediation', 'dept-corrections', 'staff-0101', 'admin']) token[who] = await login(who);
});

const fact = (officeId: string, month: string, kind: ScorableFact['kind'], occurredAt: string, n: number, extra: Partial<ScorableFact> = {}): ScorableFact =>
  makeFact({ kind, officeId, month, occurredAt, ref: { context: 'registers', type: 'test', id: `${tag}-${officeId}-${n}` }, ...extra });

/** Puts fact events on the bus as a producer's outbox forwarder would, ten to a call. */
const publish = async (entries: Array<{ type: 'FactRecorded' | 'FactRetracted'; detail: unknown }>) => {
  for (let i = 0; i < entries.length; i += 10) {
    const out = await eventBridge().send(new PutEventsCommand({
      Entries: entries.slice(i, i + 10).map((e) => ({ Source: 'sifasuo.registers', DetailType: e.type, Detail: JSON.stringify(e.detail) })),
    }));
    expect(out.FailedEntryCount).toBe(0);
  }
};
const countedFacts = async (officeId: string, month: string) => {
  const { effectiveFacts } = await import('../../functions/src/assessment/ledger-repository');
  return effectiveFacts(officeId, month);
};
/** What the table holds for a run: its score items and ranks items, read back by the repository. */
const storedScores = async (runId: string): Promise<OfficeScore[]> => {
  const { runScores } = await import('../../functions/src/assessment/runs-repository');
  return runScores(runId);
};

const scored = (runId: string) =>
  eventually(async () => {
    const r = await api<AssessmentRun>(`/api/assessment/runs/${runId}`, { token: token.leader });
    return r.body.status === 'scored' ? r.body : undefined;
  }, 120_000, 500);

/** A month's facts for two offices: 0101 reports and studies on time; 0102 reports late and studies once. */
const monthFacts = (month: string, next: string): ScorableFact[] => [
  fact('0101', month, 'mediation.report.submitted', `${next}-02T10:00:00+08:00`, 1, { dueAt: `${next}-03T23:59:59+08:00` }),
  ...[5, 12, 19, 26].map((d, i) => fact('0101', month, 'registers.study.held', `${month}-${String(d).padStart(2, '0')}T09:00:00+08:00`, 10 + i)),
  fact('0102', month, 'mediation.report.submitted', `${next}-08T10:00:00+08:00`, 1, { dueAt: `${next}-03T23:59:59+08:00` }),
  fact('0102', month, 'registers.study.held', `${month}-05T09:00:00+08:00`, 10),
];

describe('monthly runs', () => {
  it('start, score, rank, publish, deduct, correct: v2 counts the deduction and v1 stays readable', async () => {
    const month = '2018-05';
    const facts = monthFacts(month, '2018-06');
    await publish(facts.map((detail) => ({ type: 'FactRecorded', detail })));
    await eventually(async () => (await countedFacts('0101', month)).length === 5 && (await countedFacts('0102', month)).length === 2, 30_000);

    // Only assessors start, and only months that are over.
    expect((await api('/api/assessment/runs', { method: 'POST', token: token['staff-0101'], body: { month } })).status).toBe(403);
    const now = await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month: shanghaiMonth(new Date()) } });
    expect(now.status).toBe(400);
    expect(now.body.fields.month).toBe('只能对已结束的月份评分');

    const started = await api('/api/assessment/runs', { method: 'POST', token: token['dept-mediation'], body: { month } });
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ runId: `${month}-v1` });
    const v1 = await scored(`${month}-v1`);
    expect(v1).toMatchObject({ month, version: 1, trigger: 'manual', startedBy: 'dept-mediation', rubricVersion: 0, asOf: '2018-06-10T15:59:59.999Z' });
    expect(v1.done).toBe(v1.total);
    expect(v1.total).toBeGreaterThanOrEqual(2);
    expect(v1.summary!.late).toBeGreaterThanOrEqual(1);

    const draft = await api<{ run: AssessmentRun; items: OfficeScore[] }>(withQuery('/api/assessment/scores', { month }), { token: token.leader });
    expect(draft.status).toBe(200);
    expect(draft.body.items).toHaveLength(v1.total);
    const ranks = draft.body.items.map((s) => s.rank!);
    expect(ranks[0]).toBe(1);
    draft.body.items.forEach((s, i) => i && expect(s.total).toBeLessThanOrEqual(draft.body.items[i - 1]!.total));
    const v1Of = Object.fromEntries(draft.body.items.map((s) => [s.officeId, s]));
    expect(v1Of['0101']!.total).toBeGreaterThan(v1Of['0102']!.total);
    expect(v1Of['0101']!.rank).toBeLessThan(v1Of['0102']!.rank!);
    expect(v1Of['0102']!.flags).toContainEqual(expect.objectContaining({ item: 'A1', state: 'late' }));

    // Not published yet: an office account sees nothing of it.
    expect((await api(withQuery('/api/assessment/scores', { month }), { token: token['staff-0101'] })).body).toEqual({ month, items: [] });
    expect((await api(`/api/assessment/runs/${month}-v1`, { token: token['staff-0101'] })).status).toBe(404);

    // A department deducts only in its own sections; the corrections department owns none of A.
    const denied = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-corrections'], body: { month, officeId: '0101', item: 'A1', points: 2, reason: '测试扣分', evidence: '测试' } });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('只能在本股室负责的考核大项中扣分');
    const deduction = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-mediation'], body: { month, officeId: '0101', item: 'B5', points: 2, reason: '重大纠纷未及时报告', evidence: '测试通报' } });
    expect(deduction.status).toBe(201);
    expect(deduction.body).toMatchObject({ kind: 'deduction', section: 'B', status: 'active', departmentId: 'mediation' });

    // The leader publishes v1 (scored before the deduction): only once.
    const approved = await api<AssessmentRun>(`/api/assessment/runs/${month}-v1/approve`, { method: 'POST', token: token.leader, body: {} });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'leader' });
    const twice = await api(`/api/assessment/runs/${month}-v1/approve`, { method: 'POST', token: token.leader, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已发布');

    // The office account now sees its own score, and the ledger items behind a line.
    const own = await api<{ run: AssessmentRun; items: OfficeScore[] }>(withQuery('/api/assessment/scores', { month }), { token: token['staff-0101'] });
    expect(own.body.run.runId).toBe(`${month}-v1`);
    expect(own.body.items.map((s) => [s.officeId, s.total, s.rank])).toEqual([['0101', v1Of['0101']!.total, v1Of['0101']!.rank]]);
    expect((await api(withQuery('/api/assessment/scores', { month, officeId: '0102' }), { token: token['staff-0101'] })).status).toBe(403);
    const drill = await api(withQuery('/api/assessment/drilldown', { month, officeId: '0101', item: 'A1' }), { token: token['staff-0101'] });
    expect(drill.status).toBe(200);
    expect(drill.body.line).toMatchObject({ item: 'A1', state: 'full' });
    expect(drill.body.facts.map((f: ScorableFact) => f.id)).toEqual([facts[0]!.id]);
    expect((await api(withQuery('/api/assessment/drilldown', { month, officeId: '0201', item: 'A1' }), { token: token['staff-0101'] })).status).toBe(404);

    // Published: deductions wait for a correction.
    const late = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-mediation'], body: { month, officeId: '0102', item: 'B5', points: 1, reason: '测试', evidence: '测试' } });
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('本月考核结果已发布，更正须重新启动评分');

    // The correction: v2 counts the deduction; published, it supersedes v1, which stays readable.
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: `${month}-v2` });
    await scored(`${month}-v2`);
    expect((await api(`/api/assessment/runs/${month}-v2/approve`, { method: 'POST', token: token.leader, body: {} })).status).toBe(200);
    const v1After = await api<AssessmentRun>(`/api/assessment/runs/${month}-v1`, { token: token['staff-0101'] });
    expect(v1After.body).toMatchObject({ status: 'superseded', supersededBy: `${month}-v2` });
    const corrected = await api<{ run: AssessmentRun; items: OfficeScore[] }>(withQuery('/api/assessment/scores', { month }), { token: token['staff-0101'] });
    expect(corrected.body.run.runId).toBe(`${month}-v2`);
    expect(corrected.body.items[0]!.total).toBeLessThan(v1Of['0101']!.total);
    expect(corrected.body.items[0]!.adjustments.map((a) => a.id)).toEqual([deduction.body.id]);
    const old = await api<{ items: OfficeScore[] }>(withQuery('/api/assessment/scores', { month, runId: `${month}-v1` }), { token: token['staff-0101'] });
    expect(old.body.items[0]!.total).toBe(v1Of['0101']!.total);
  });

  it('exactly once: facts twice and out of order, a scorer killed part-way, resumed — each office once, as a clean run scores', async () => {
    const month = '2018-07';
    const facts = monthFacts(month, '2018-08');
    // A fact retracted before it was recorded never counts; every event goes on the bus twice, backwards.
    const withdrawn = fact('0102', month, 'registers.study.held', `${month}-20T09:00:00+08:00`, 20);
    const events = [
      ...facts.map((detail) => ({ type: 'FactRecorded' as const, detail })),
      { type: 'FactRetracted' as const, detail: retractFact(withdrawn, new Date('2018-07-21T01:00:00Z')) },
      { type: 'FactRecorded' as const, detail: withdrawn },
    ];
    await publish([...events].reverse());
    await publish(events);
    await eventually(async () => (await countedFacts('0101', month)).length === 5 && (await countedFacts('0102', month)).length === 2, 30_000);

    // The clean run.
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: `${month}-v1` });
    const clean = await scored(`${month}-v1`);
    const cleanScores = await storedScores(clean.runId);

    // The killed one: created without asking any office, then the scorer run here for part of them —
    // the first ten twice (a redelivery) — and the rest never delivered.
    const { createRun } = await import('../../functions/src/assessment/runs');
    const { runHead } = await import('../../functions/src/assessment/runs-repository');
    const { run, offices } = await createRun({ requestId: `${tag}-killed`, now: new Date() }, month, 'manual', 'leader', await runHead(month));
    const officeIds = offices.map((o) => o.id);
    expect(run.runId).toBe(`${month}-v2`);
    const { handler } = await import('../../functions/src/assessment/scorer');
    const deliver = async (part: readonly ScoredOffice[]) => {
      const event: SQSEvent = {
        Records: part.map((office, i) => ({
          messageId: `${tag}-${office.id}-${i}-${Math.random()}`, receiptHandle: 'r',
          body: JSON.stringify({ 'detail-type': 'OfficeScoringRequested', source: 'sifasuo.assessment', detail: { runId: run.runId, office } }),
          attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
          messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:assessment-scoring', awsRegion: 'us-east-1',
        })),
      };
      return (await handler(event, { awsRequestId: `${tag}-scorer`, functionName: 'assessment-scorer' } as never)) as { batchItemFailures: unknown[] };
    };
    const part = offices.slice(0, Math.min(12, offices.length - 1));
    expect((await deliver(part.slice(0, 10))).batchItemFailures).toEqual([]);
    expect((await deliver([...part.slice(0, 10), ...part.slice(10)])).batchItemFailures).toEqual([]);
    const killed = (await api<AssessmentRun>(`/api/assessment/runs/${run.runId}`, { token: token.leader })).body;
    expect(killed).toMatchObject({ status: 'running', done: part.length, total: officeIds.length });

    // Starting the month again resumes it: the same run, only the offices without a score asked.
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: run.runId });
    const resumed = await scored(run.runId);
    expect(resumed.done).toBe(officeIds.length);
    // Summarised from the totals pages, written once with the scores: as the whole scores summarise.
    expect(resumed.summary).toEqual(runSummary(cleanScores.map(scoreTotalOf)));
    expect(resumed.summary).toEqual(clean.summary);
    const resumedScores = await storedScores(run.runId);
    expect(resumedScores).toHaveLength(officeIds.length);
    const view = (s: OfficeScore) => ({ officeId: s.officeId, total: s.total, rank: s.rank, lines: s.lines, flags: s.flags, sections: s.sections });
    expect(resumedScores.map(view)).toEqual(cleanScores.map(view));
    // The clean run, scored but never published, was superseded by the later one.
    expect((await api<AssessmentRun>(`/api/assessment/runs/${clean.runId}`, { token: token.leader })).body).toMatchObject({ status: 'superseded', supersededBy: run.runId });
  });

  it('the 11th\'s schedule scores last month once; the year\'s runs newest month first, office accounts see the published ones', async () => {
    const { startScheduledRun } = await import('../../functions/src/assessment/monthly');
    // 2018-09-11 02:00 Shanghai: last month is 2018-08, which nobody has scored.
    const fired = new Date('2018-09-10T18:00:00Z');
    expect(await startScheduledRun(fired)).toBe('2018-08-v1');
    expect(await startScheduledRun(fired)).toBeUndefined();
    const run = (await api<AssessmentRun>('/api/assessment/runs/2018-08-v1', { token: token.leader })).body;
    expect(run).toMatchObject({ trigger: 'schedule', startedBy: 'system', startedAt: fired.toISOString() });
    await scored('2018-08-v1');
    const runs = await api<{ items: AssessmentRun[] }>(withQuery('/api/assessment/runs', { year: '2018' }), { token: token.leader });
    const order = runs.body.items.map((r) => `${r.month}#${String(r.version).padStart(4, '0')}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(runs.body.items.map((r) => r.runId)).toContain('2018-08-v1');
    // An office account lists published runs only (approved, or approved once and corrected since).
    const published = await api<{ items: AssessmentRun[] }>(withQuery('/api/assessment/runs', { year: '2018' }), { token: token['staff-0101'] });
    expect(published.body.items.map((r) => r.runId)).toEqual(runs.body.items.filter((r) => r.approvedAt).map((r) => r.runId));
    expect(published.body.items.map((r) => r.runId)).not.toContain('2018-08-v1');
  });

  it('a run whose every office is scored but whose last scorer died before finalising is finalised when started again', async () => {
    const month = '2018-04';
    const { createRun } = await import('../../functions/src/assessment/runs');
    const { scoreRunOffice } = await import('../../functions/src/assessment/scorer');
    const { run, offices } = await createRun({ requestId: `${tag}-unfinalised`, now: new Date() }, month, 'manual', 'leader', undefined);
    const officeIds = offices.map((o) => o.id);
    for (const office of offices) expect(await scoreRunOffice(run.runId, office)).toBe('scored');
    expect((await api<AssessmentRun>(`/api/assessment/runs/${run.runId}`, { token: token.leader })).body).toMatchObject({ status: 'running', done: officeIds.length });
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: run.runId });
    const finalised = await scored(run.runId);
    expect(finalised.done).toBe(officeIds.length);
    expect((await storedScores(run.runId)).map((s) => s.rank).every((r) => typeof r === 'number')).toBe(true);
  });

  it('a run in progress can be neither approved nor deducted against', async () => {
    const month = '2018-11';
    const { createRun } = await import('../../functions/src/assessment/runs');
    const { run } = await createRun({ requestId: `${tag}-running`, now: new Date() }, month, 'manual', 'leader', undefined);
    const early = await api(`/api/assessment/runs/${run.runId}/approve`, { method: 'POST', token: token.leader, body: {} });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('评分中');
    const deduction = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-mediation'], body: { month, officeId: '0101', item: 'B5', points: 1, reason: '测试', evidence: '测试' } });
    expect(deduction.status).toBe(409);
    expect(deduction.body.message).toBe('本月正在评分，请在评分完成后再录入');
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: run.runId });
    await scored(run.runId);
  });

  it('two starts of the same version at once: one run, the other refused with a 409', async () => {
    const month = '2018-12';
    const { createRun } = await import('../../functions/src/assessment/runs');
    const start = (n: number) => createRun({ requestId: `${tag}-race-${n}`, now: new Date() }, month, 'manual', 'leader', undefined);
    const outcomes = await Promise.allSettled([start(1), start(2)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
    const runs = await api<{ items: AssessmentRun[] }>(withQuery('/api/assessment/runs', { year: '2018' }), { token: token.leader });
    expect(runs.body.items.filter((r) => r.month === month).map((r) => r.runId)).toEqual([`${month}-v1`]);
    expect((await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } })).body).toEqual({ runId: `${month}-v1` });
    await scored(`${month}-v1`);
  });

  it('bonuses must match their preset; a withdrawn deduction no longer counts', async () => {
    const month = '2018-10';
    const body = { month, officeId: '0102', item: 'X', reason: '创新做法被市级采纳', evidence: '市局通报' };
    const wrong = await api('/api/assessment/deductions', { method: 'POST', token: token.leader, body: { ...body, points: 2, preset: 'innovation-city' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields.points).toBe('该加分事由为3分');
    expect((await api('/api/assessment/deductions', { method: 'POST', token: token.leader, body: { ...body, points: 3, preset: 'no-such' } })).body.fields).toEqual({ preset: '加分事由不存在' });
    const bonus = await api('/api/assessment/deductions', { method: 'POST', token: token.leader, body: { ...body, points: 3, preset: 'innovation-city' } });
    expect(bonus.status).toBe(201);
    expect(bonus.body).toMatchObject({ kind: 'bonus', points: 3, preset: 'innovation-city' });
    const tooMuch = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-mediation'], body: { month, officeId: '0102', item: 'B5', points: 7, reason: '测试', evidence: '测试' } });
    expect(tooMuch.body.fields).toEqual({ points: '扣分不能超过该项分值6分' });
    const deduction = await api('/api/assessment/deductions', { method: 'POST', token: token['dept-mediation'], body: { month, officeId: '0102', item: 'B5', points: 2, reason: '测试', evidence: '测试' } });
    expect(deduction.status).toBe(201);
    expect((await api(`/api/assessment/deductions/${deduction.body.id}/withdraw`, { method: 'POST', token: token['dept-corrections'], body: { reason: '误录' } })).status).toBe(403);
    const withdrawn = await api(`/api/assessment/deductions/${deduction.body.id}/withdraw`, { method: 'POST', token: token['dept-mediation'], body: { reason: '误录' } });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnBy: 'dept-mediation', withdrawReason: '误录' });
    expect((await api(`/api/assessment/deductions/${deduction.body.id}/withdraw`, { method: 'POST', token: token['dept-mediation'], body: { reason: '误录' } })).status).toBe(409);
    // Office accounts see their scope's active ones; assessors every one.
    expect((await api<{ items: unknown[] }>(withQuery('/api/assessment/deductions', { month }), { token: token.leader })).body.items).toHaveLength(2);
    expect((await api(withQuery('/api/assessment/deductions', { month }), { token: token['staff-0101'] })).body.items).toEqual([]);

    await api('/api/assessment/runs', { method: 'POST', token: token.leader, body: { month } });
    await scored(`${month}-v1`);
    const scores = (await api<{ items: OfficeScore[] }>(withQuery('/api/assessment/scores', { month, officeId: '0102' }), { token: token.leader })).body.items;
    expect(scores[0]!.bonus).toBe(3);
    expect(scores[0]!.adjustments.map((a) => a.id)).toEqual([bonus.body.id]);
  });

  it('rubrics: the default is version 0; a save must name the current version and pass the rules', async () => {
    const year = 2017;
    const first = await api(`/api/assessment/rubrics/${year}`, { token: token['staff-0101'] });
    expect(first.status).toBe(200);
    expect(first.body.current).toMatchObject({ year, version: 0 });
    expect(first.body.versions).toEqual([{ version: 0, note: first.body.current.note }]);
    const { current } = first.body;
    const body = { version: 0, sections: current.sections, items: current.items, bonus: current.bonus, note: '调整A1说明' };
    expect((await api(`/api/assessment/rubrics/${year}`, { method: 'PUT', token: token.leader, body })).status).toBe(403);
    const broken = await api(`/api/assessment/rubrics/${year}`, { method: 'PUT', token: token.admin, body: { ...body, items: current.items.slice(1) } });
    expect(broken.status).toBe(400);
    expect(broken.body.fields.items).toContain('合计应为100分');
    const saved = await api(`/api/assessment/rubrics/${year}`, { method: 'PUT', token: token.admin, body });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ year, version: 1, note: '调整A1说明', savedBy: 'admin' });
    expect((await api(`/api/assessment/rubrics/${year}`, { method: 'PUT', token: token.admin, body })).status).toBe(409);
    const after = await api(`/api/assessment/rubrics/${year}`, { token: token.leader });
    expect(after.body.current.version).toBe(1);
    expect(after.body.versions.map((v: { version: number }) => v.version)).toEqual([0, 1]);
    expect((await api(withQuery(`/api/assessment/rubrics/${year}`, { version: '0' }), { token: token.leader })).body.current.version).toBe(0);
    expect((await api(withQuery(`/api/assessment/rubrics/${year}`, { version: '7' }), { token: token.leader })).status).toBe(404);
    expect((await api('/api/assessment/rubrics/abcd', { token: token.leader })).status).toBe(404);
  });
});
