// The rules of leave, reports and tasks, pure: the due dates around month and year ends, leap years
// and the Asia/Shanghai day boundary; periods; board cells; leave days and cover; task states at the
// deadline; the facts each record earns.
import {
  absenceFacts,
  factIdOf,
  isOnTime,
  leaveCovers,
  leaveDays,
  leaveProblems,
  leaveReturnProblems,
  REPORT_KINDS,
  reportCellState,
  reportDueAt,
  reportFacts,
  reportPeriodProblems,
  reportsDueIn,
  taskCompletedFact,
  taskOverdueFact,
  taskState,
  type Absence,
  type Report,
  type TaskAssignment,
} from '@sifasuo/domain';

const at = (iso: string) => new Date(iso);
const report = (over: Partial<Report> = {}): Report => ({
  id: '01JREPORT0000000000000000A', officeId: '0101', areaId: '01', kind: 'monthly-feedback', period: '2026-03', title: '三月工作反馈', content: '正文',
  attachments: [], status: 'submitted', submittedAt: '2026-04-02T02:00:00.000Z', submittedBy: 'staff', dueAt: '', onTime: true, returns: 0, version: 1,
  updatedAt: '2026-04-02T02:00:00.000Z', ...over,
});

describe('report due dates (Asia/Shanghai, the end of the due day)', () => {
  it.each([
    ['annual-plan', '2026', '2026-01-31T16:00:00.000Z'],
    ['monthly-feedback', '2026-03', '2026-04-05T16:00:00.000Z'],
    ['platform-data', '2026-03', '2026-04-03T16:00:00.000Z'],
    ['half-year-summary', '2026', '2026-07-05T16:00:00.000Z'],
    ['year-end-summary', '2026', '2026-12-31T16:00:00.000Z'],
    ['information', '2026-04', '2026-04-30T16:00:00.000Z'],
    ['research-article', '2026', '2026-12-31T16:00:00.000Z'],
    ['experience-material', '2026', '2026-12-31T16:00:00.000Z'],
  ] as const)('%s for %s is due before %s', (kind, period, due) => {
    expect(reportDueAt(kind, period).toISOString()).toBe(due);
  });

  it('handles leap years and December', () => {
    expect(reportDueAt('monthly-feedback', '2024-02').toISOString()).toBe('2024-03-05T16:00:00.000Z');
    expect(reportDueAt('information', '2024-02').toISOString()).toBe('2024-02-29T16:00:00.000Z');
    expect(reportDueAt('information', '2026-02').toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(reportDueAt('monthly-feedback', '2026-12').toISOString()).toBe('2027-01-05T16:00:00.000Z');
    expect(reportDueAt('platform-data', '2026-12').toISOString()).toBe('2027-01-03T16:00:00.000Z');
    expect(reportDueAt('information', '2026-12').toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });

  it('23:59 on the 5th in Beijing is on time, 00:01 on the 6th is late', () => {
    expect(isOnTime('monthly-feedback', '2026-03', '2026-04-05T23:59:00+08:00')).toBe(true);
    expect(isOnTime('monthly-feedback', '2026-03', '2026-04-06T00:01:00+08:00')).toBe(false);
    expect(isOnTime('monthly-feedback', '2026-03', '2026-04-05T15:59:00Z')).toBe(true);
    expect(isOnTime('monthly-feedback', '2026-03', '2026-04-05T16:01:00Z')).toBe(false);
    // In UTC the 5th still has hours left, but Beijing's 5th is over.
    expect(isOnTime('monthly-feedback', '2026-03', '2026-04-05T20:00:00Z')).toBe(false);
  });

  it('lists the kinds due in a month: monthly kinds for it, yearly kinds whose due date falls in it', () => {
    expect(reportsDueIn('2026-01')).toEqual([
      { kind: 'annual-plan', period: '2026' }, { kind: 'monthly-feedback', period: '2026-01' }, { kind: 'platform-data', period: '2026-01' },
      { kind: 'information', period: '2026-01' },
    ]);
    expect(reportsDueIn('2026-07').map((d) => d.kind)).toContain('half-year-summary');
    expect(reportsDueIn('2026-12').map((d) => d.kind)).toEqual(['monthly-feedback', 'platform-data', 'year-end-summary', 'information', 'research-article', 'experience-material']);
    expect(reportsDueIn('2026-05').map((d) => d.kind)).toEqual(['monthly-feedback', 'platform-data', 'information']);
  });
});

describe('report periods', () => {
  const now = at('2026-03-10T04:00:00Z');
  it('takes the shape of the kind and nothing beyond the next period', () => {
    expect(reportPeriodProblems('monthly-feedback', '2026-03', now)).toEqual({});
    expect(reportPeriodProblems('monthly-feedback', '2026-04', now)).toEqual({});
    expect(reportPeriodProblems('monthly-feedback', '2026-05', now)).toEqual({ period: '所属期间不能晚于下个月' });
    expect(reportPeriodProblems('monthly-feedback', '2026', now)).toEqual({ period: '月度工作反馈的所属期间应为月份（YYYY-MM）' });
    expect(reportPeriodProblems('annual-plan', '2026-03', now)).toEqual({ period: '年初工作计划的所属期间应为年份（YYYY）' });
    expect(reportPeriodProblems('annual-plan', '2027', now)).toEqual({});
    expect(reportPeriodProblems('annual-plan', '2028', now)).toEqual({ period: '所属期间不能晚于下一年' });
    expect(reportPeriodProblems('annual-plan', '2019', now)).toEqual({ period: '所属期间不能早于2023年' });
  });
  it('asks research articles and experience materials for their author', () => {
    expect(reportPeriodProblems('research-article', '2026', now)).toEqual({ author: '调研文章须填写作者' });
    expect(reportPeriodProblems('experience-material', '2026', now, '王五')).toEqual({});
  });
});

describe('report facts', () => {
  it('a submitted report earns its kind with the time and due date; monthly kinds count in their period, yearly ones in the due month', () => {
    const [fact] = reportFacts(report());
    expect(fact).toEqual({
      id: factIdOf('registers.feedback.submitted', { context: 'registers', type: 'report', id: report().id }),
      kind: 'registers.feedback.submitted', officeId: '0101', month: '2026-03', occurredAt: '2026-04-02T02:00:00.000Z',
      dueAt: '2026-04-05T16:00:00.000Z', ref: { context: 'registers', type: 'report', id: report().id },
    });
    expect(reportFacts(report({ kind: 'platform-data' }))[0]!.kind).toBe('registers.platform-data.confirmed');
    expect(reportFacts(report({ kind: 'information', period: '2026-04' }))[0]).toMatchObject({ kind: 'registers.information.submitted', month: '2026-04' });
    const plan = reportFacts(report({ kind: 'annual-plan', period: '2026', submittedAt: '2026-01-20T02:00:00.000Z' }))[0]!;
    expect(plan).toMatchObject({ kind: 'registers.report.submitted', month: '2026-01', dueAt: '2026-01-31T16:00:00.000Z' });
    expect(reportFacts(report({ kind: 'half-year-summary', period: '2026' }))[0]!.month).toBe('2026-07');
  });
  it('a returned or withdrawn report earns none; the id stays the same across resubmissions', () => {
    expect(reportFacts(report({ status: 'returned' }))).toEqual([]);
    expect(reportFacts(report({ status: 'withdrawn' }))).toEqual([]);
    expect(reportFacts(report({ submittedAt: '2026-04-09T02:00:00.000Z' }))[0]!.id).toBe(reportFacts(report())[0]!.id);
  });
  it('every kind has a fact', () => {
    for (const kind of REPORT_KINDS) expect(reportFacts(report({ kind, period: kind === 'information' || kind.endsWith('data') || kind.endsWith('feedback') ? '2026-03' : '2026', author: '甲' }))).toHaveLength(1);
  });
});

describe('report board cells', () => {
  const due = reportDueAt('information', '2026-03');
  const info = (over: Partial<Report>) => report({ kind: 'information', period: '2026-03', ...over });
  const before = at('2026-03-20T00:00:00Z');
  const after = at('2026-04-02T00:00:00Z');
  it('is done by the required-th report in time, late after the due date', () => {
    expect(reportCellState(due, [info({ submittedAt: '2026-03-05T00:00:00Z' }), info({ submittedAt: '2026-03-31T15:00:00Z' })], 2, after)).toBe('done');
    expect(reportCellState(due, [info({ submittedAt: '2026-03-05T00:00:00Z' }), info({ submittedAt: '2026-04-01T01:00:00Z' })], 2, after)).toBe('late');
  });
  it('is returned while a returned report has not come back, due before the date, missing after it', () => {
    expect(reportCellState(due, [info({ status: 'returned' })], 1, after)).toBe('returned');
    expect(reportCellState(due, [info({})], 2, before)).toBe('due');
    expect(reportCellState(due, [info({})], 2, after)).toBe('missing');
    expect(reportCellState(due, [], 1, before)).toBe('due');
    expect(reportCellState(due, [], 1, after)).toBe('missing');
  });
});

describe('leave', () => {
  it('counts calendar days inclusive across month and year ends', () => {
    expect(leaveDays('2026-03-10', '2026-03-10')).toBe(1);
    expect(leaveDays('2026-01-30', '2026-02-02')).toBe(4);
    expect(leaveDays('2024-02-28', '2024-03-01')).toBe(3);
    expect(leaveDays('2026-12-30', '2027-01-02')).toBe(4);
  });
  const now = at('2026-03-10T04:00:00Z');
  it('refuses an end before the start, too many days, and dates far from today', () => {
    expect(leaveProblems({ from: '2026-03-12', to: '2026-03-13' }, now)).toEqual({});
    expect(leaveProblems({ from: '2026-03-12', to: '2026-03-11' }, now)).toEqual({ to: '结束日期不能早于开始日期' });
    expect(leaveProblems({ from: '2026-03-12', to: '2026-09-30' }, now)).toEqual({ to: '一次请假不能超过190天' });
    expect(leaveProblems({ from: '2027-06-01', to: '2027-06-02' }, now)).toEqual({ from: '开始日期应在今天前后一年之内' });
  });
  it('takes a return within the leave or the day after it', () => {
    const l = { from: '2026-03-12', to: '2026-03-14' };
    expect(leaveReturnProblems(l, '2026-03-11')).toEqual({ returnedOn: '销假日期不能早于请假开始日期' });
    expect(leaveReturnProblems(l, '2026-03-15')).toEqual({});
    expect(leaveReturnProblems(l, '2026-03-16')).toEqual({ returnedOn: '销假日期不能晚于请假结束的次日' });
  });
  it('covers its span when approved, the days before the return once cancelled, nothing otherwise', () => {
    const l = { from: '2026-03-12', to: '2026-03-14' };
    expect(leaveCovers({ ...l, status: 'approved' }, '2026-03-12')).toBe(true);
    expect(leaveCovers({ ...l, status: 'approved' }, '2026-03-15')).toBe(false);
    expect(leaveCovers({ ...l, status: 'requested' }, '2026-03-12')).toBe(false);
    expect(leaveCovers({ ...l, status: 'refused' }, '2026-03-12')).toBe(false);
    expect(leaveCovers({ ...l, status: 'cancelled', returnedOn: '2026-03-13' }, '2026-03-12')).toBe(true);
    expect(leaveCovers({ ...l, status: 'cancelled', returnedOn: '2026-03-13' }, '2026-03-13')).toBe(false);
  });
  it('an absence without leave is a fact of its day (Shanghai), none once withdrawn', () => {
    const a: Absence = {
      id: '01JABSENCE000000000000000A', officeId: '0101', areaId: '01', name: '张三', on: '2026-04-01', note: '未请假', status: 'active',
      recordedBy: 'd', recordedByName: 'd', recordedAt: '2026-04-02T00:00:00Z', version: 1, updatedAt: '2026-04-02T00:00:00Z',
    };
    expect(absenceFacts(a)).toEqual([expect.objectContaining({ kind: 'registers.absence.unexcused', month: '2026-04', occurredAt: '2026-03-31T16:00:00.000Z' })]);
    expect(absenceFacts({ ...a, status: 'withdrawn' })).toEqual([]);
  });
});

describe('tasks', () => {
  const a: TaskAssignment = { taskId: '01JTASK00000000000000000AA', officeId: '0101', areaId: '01', title: '排查', dueOn: '2026-03-31', state: 'open', attachments: [], version: 1 };
  it('is open until the end of its due day in Shanghai, overdue from then', () => {
    expect(taskState(a, at('2026-03-31T15:59:59Z'))).toBe('open');
    expect(taskState(a, at('2026-03-31T16:00:00Z'))).toBe('overdue');
  });
  it('is done or done late by when it was completed, whatever the time now', () => {
    expect(taskState({ ...a, completedAt: '2026-03-31T23:59:00+08:00' }, at('2026-05-01T00:00:00Z'))).toBe('done');
    expect(taskState({ ...a, completedAt: '2026-04-01T00:01:00+08:00' }, at('2026-05-01T00:00:00Z'))).toBe('done-late');
  });
  it('earns a completion with its deadline, and an overdue fact counted in the month it was due', () => {
    expect(taskCompletedFact({ ...a, completedAt: '2026-03-30T02:00:00.000Z' })).toMatchObject({
      kind: 'registers.task.completed', month: '2026-03', dueAt: '2026-03-31T16:00:00.000Z', ref: { type: 'task-assignment', id: `${a.taskId}-0101` },
    });
    expect(taskOverdueFact(a, at('2026-03-31T16:20:00Z'))).toMatchObject({ kind: 'registers.task.overdue', month: '2026-03', occurredAt: '2026-03-31T16:20:00.000Z' });
  });
});
