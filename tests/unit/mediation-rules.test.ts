// The rules of people's mediation, pure: the case state machine (every transition, every refusal),
// a property test over random command sequences, the deadlines in Asia/Shanghai, the facts, and the
// monthly statistics' arithmetic.
import fc from 'fast-check';
import {
  allowedCaseCommands,
  applyCaseCommand,
  caseFacts,
  caseInvariantProblems,
  committeeTermEnd,
  disputeFacts,
  factsDropped,
  isDomainError,
  majorReportDueAt,
  monthlyReportDueAt,
  monthlyReportProblems,
  monthlyStatistics,
  periodState,
  permilleText,
  screeningPeriod,
  screeningProblems,
  submissionFacts,
  successPermille,
  yuanText,
  type CaseCommand,
  type CaseStatus,
  type Dispute,
  type MediationCase,
  type Submission,
} from '@sifasuo/domain';

const NOW = new Date('2026-03-20T02:00:00Z'); // 2026-03-20 10:00 in Shanghai

const aCase = (over: Partial<MediationCase> = {}): MediationCase => ({
  id: 'C1', caseNo: '（2026）人调字第0101-0001号', officeId: '0101', areaId: '01', receivedOn: '2026-03-10', source: 'cs-01', disputeType: 'dt-01',
  summary: '纠纷', parties: [{ name: '甲', role: 'applicant' }, { name: '乙', role: 'respondent' }], status: 'registered', records: [],
  createdAt: '2026-03-10T01:00:00.000Z', createdBy: 'staff', updatedAt: '2026-03-10T01:00:00.000Z', version: 1, ...over,
});

const agreement = { form: 'written' as const, terms: '赔偿', amountFen: 10_000, performBy: '2026-04-01' };
const close: CaseCommand = { kind: 'close', result: 'agreement', closedOn: '2026-03-18', agreement };
const COMMANDS: Record<CaseCommand['kind'], CaseCommand> = {
  record: { kind: 'record', on: '2026-03-12', content: '调解' },
  close,
  'follow-up': { kind: 'follow-up', visitedOn: '2026-03-19', performance: 'performed', satisfaction: 'satisfied' },
  confirm: { kind: 'confirm', appliedOn: '2026-03-19', court: '青山县人民法院', result: 'confirmed' },
  'enter-online': { kind: 'enter-online' },
  review: { kind: 'review', comment: '同意' },
  withdraw: { kind: 'withdraw', reason: '登记错误' },
};

/** The case in a state, reached through the machine itself. */
const inState = (status: CaseStatus): MediationCase => {
  const run = (c: MediationCase, ...cmds: CaseCommand[]) => cmds.reduce((x, cmd) => applyCaseCommand(x, cmd, 'staff', NOW).after, c);
  switch (status) {
    case 'registered': return aCase();
    case 'mediating': return run(aCase(), COMMANDS.record);
    case 'closed': return run(aCase(), close);
    case 'reviewed': return run(aCase(), close, COMMANDS.review);
    case 'withdrawn': return run(aCase(), COMMANDS.withdraw);
  }
};

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message, fields: e.fields };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('the case state machine', () => {
  const LEGAL: Record<CaseStatus, CaseCommand['kind'][]> = {
    registered: ['record', 'close', 'withdraw'],
    mediating: ['record', 'close', 'withdraw'],
    closed: ['follow-up', 'confirm', 'enter-online', 'review', 'withdraw'],
    reviewed: ['enter-online'],
    withdrawn: [],
  };
  const LABELS: Record<CaseStatus, string> = { registered: '已受理', mediating: '调解中', closed: '已结案', reviewed: '已审核', withdrawn: '已撤销' };

  it.each(Object.keys(LEGAL) as CaseStatus[])('from %s: the legal commands run, every other one is a 409 naming the state', (status) => {
    const c = inState(status);
    expect(c.status).toBe(status);
    expect(allowedCaseCommands(c).sort()).toEqual([...LEGAL[status]].sort());
    for (const kind of Object.keys(COMMANDS) as CaseCommand['kind'][]) {
      if (LEGAL[status].includes(kind)) {
        const { after } = applyCaseCommand(c, COMMANDS[kind], 'staff', NOW);
        expect(after.version).toBe(c.version + 1);
        expect(caseInvariantProblems(after)).toEqual([]);
      } else {
        const r = refusal(() => applyCaseCommand(c, COMMANDS[kind], 'staff', NOW));
        expect(r.code).toBe('CONFLICT');
        expect(r.message).toContain(`案件当前状态为「${LABELS[status]}」`);
      }
    }
  });

  it('each transition sets what it records', () => {
    const mediating = applyCaseCommand(aCase(), COMMANDS.record, 'staff', NOW);
    expect(mediating.after).toMatchObject({ status: 'mediating', records: [{ on: '2026-03-12', content: '调解', by: 'staff', at: NOW.toISOString() }] });
    expect(mediating.facts).toEqual([]);
    const closed = applyCaseCommand(mediating.after, close, 'staff', NOW);
    expect(closed.after).toMatchObject({ status: 'closed', closure: { result: 'agreement', closedOn: '2026-03-18', agreement } });
    expect(closed.facts.map((f) => [f.kind, f.month, f.quantity])).toEqual([['mediation.case.closed', '2026-03', 1]]);
    const failed = applyCaseCommand(aCase(), { kind: 'close', result: 'failed', reason: '分歧大' }, 'staff', NOW);
    expect(failed.after.closure).toMatchObject({ result: 'failed', closedOn: '2026-03-20', reason: '分歧大' });
    expect(failed.facts[0]!.quantity).toBe(0);
    const online = applyCaseCommand(closed.after, COMMANDS['enter-online'], 'staff', NOW);
    expect(online.facts.map((f) => [f.kind, f.dueAt])).toEqual([['mediation.case.entered-online', '2026-04-03T16:00:00.000Z']]);
    expect(refusal(() => applyCaseCommand(online.after, COMMANDS['enter-online'], 'staff', NOW)).message).toBe('案件已标记网上录入');
    const reviewed = applyCaseCommand(online.after, COMMANDS.review, 'director', NOW);
    expect(reviewed.after).toMatchObject({ status: 'reviewed', review: { by: 'director', comment: '同意' } });
    // Withdrawing a closed case retracts what it earned.
    const withdrawn = applyCaseCommand(online.after, COMMANDS.withdraw, 'staff', NOW);
    expect(withdrawn.after.withdrawal).toMatchObject({ from: 'closed', reason: '登记错误' });
    expect(withdrawn.retractions.map((r) => r.id).sort()).toEqual(caseFacts(online.after).map((f) => f.id).sort());
    expect(withdrawn.retractions).toHaveLength(2);
  });

  it('refuses dates in the future, before intake, or out of order (400 on the field)', () => {
    const c = inState('mediating');
    expect(refusal(() => applyCaseCommand(c, { ...COMMANDS.record, on: '2026-03-21' } as CaseCommand, 's', NOW)).fields).toEqual({ on: '调解日期不能晚于今天' });
    expect(refusal(() => applyCaseCommand(c, { ...close, closedOn: '2026-03-09' } as CaseCommand, 's', NOW)).fields).toEqual({ closedOn: '结案日期不能早于受理日期（2026-03-10）' });
    expect(refusal(() => applyCaseCommand(c, { ...close, agreement: { ...agreement, performBy: '2026-03-17' } } as CaseCommand, 's', NOW)).fields).toEqual({
      'agreement.performBy': '履行期限不能早于结案日期',
    });
    const closed = inState('closed');
    expect(refusal(() => applyCaseCommand(closed, { ...COMMANDS['follow-up'], visitedOn: '2026-03-17' } as CaseCommand, 's', NOW)).fields).toEqual({ visitedOn: '回访日期不能早于结案日期（2026-03-18）' });
    const late = new Date('2026-05-01T02:00:00Z');
    expect(refusal(() => applyCaseCommand(closed, { ...COMMANDS.confirm, appliedOn: '2026-04-18' } as CaseCommand, 's', late)).fields!.appliedOn).toContain('30日内申请司法确认（截至 2026-04-17）');
    const failed = applyCaseCommand(aCase(), { kind: 'close', result: 'terminated', reason: '终止' }, 's', NOW).after;
    expect(refusal(() => applyCaseCommand(failed, COMMANDS.confirm, 's', NOW)).message).toContain('未达成调解协议，不能申请司法确认');
  });

  it('any sequence of commands leaves a consistent case, never a closed one without a result (property, fixed seed)', () => {
    const day = fc.integer({ min: -3, max: 45 }).map((n) => new Date(Date.parse('2026-03-10T04:00:00Z') + n * 86_400_000).toISOString().slice(0, 10));
    const command: fc.Arbitrary<CaseCommand> = fc.oneof(
      fc.record({ kind: fc.constant('record' as const), on: day, content: fc.constant('调解') }),
      fc.record({ kind: fc.constant('close' as const), result: fc.constant('agreement' as const), closedOn: day, agreement: fc.record({ form: fc.constantFrom('written' as const, 'oral' as const), terms: fc.constant('条款'), amountFen: fc.nat(), performBy: day }) }),
      fc.record({ kind: fc.constant('close' as const), result: fc.constantFrom('failed' as const, 'terminated' as const), reason: fc.constant('原因') }),
      fc.record({ kind: fc.constant('follow-up' as const), visitedOn: day, performance: fc.constant('performed' as const), satisfaction: fc.constant('satisfied' as const) }),
      fc.record({ kind: fc.constant('confirm' as const), appliedOn: day, court: fc.constant('法院'), result: fc.constantFrom('pending' as const, 'confirmed' as const) }),
      fc.constant({ kind: 'enter-online' as const }),
      fc.constant({ kind: 'review' as const }),
      fc.constant({ kind: 'withdraw' as const, reason: '撤销' }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(command, fc.integer({ min: 0, max: 50 })), { maxLength: 12 }), (steps) => {
        let c = aCase();
        for (const [cmd, daysLater] of steps) {
          const now = new Date(Date.parse('2026-03-10T04:00:00Z') + daysLater * 86_400_000);
          try {
            const change = applyCaseCommand(c, cmd, 'staff', now);
            expect(change.after.version).toBe(c.version + 1);
            c = change.after;
          } catch (e) {
            // Refused: a 409 (state) or a 400 (a date), and the case is unchanged.
            if (!isDomainError(e) || !['CONFLICT', 'VALIDATION'].includes(e.code)) throw e;
          }
          expect(caseInvariantProblems(c)).toEqual([]);
          if (c.status === 'closed' || c.status === 'reviewed') expect(c.closure?.result).toBeDefined();
        }
      }),
      { seed: 20260320, numRuns: 500 },
    );
  });
});

describe('deadlines, in Asia/Shanghai', () => {
  it('half-months end on the 15th and the month end, quarters on their last day, each at the next midnight in Shanghai', () => {
    expect(screeningPeriod('2026-03-1')).toEqual({ month: '2026-03', dueAt: new Date('2026-03-15T16:00:00Z'), from: '2026-03-01', to: '2026-03-15' });
    expect(screeningPeriod('2026-02-2')).toMatchObject({ month: '2026-02', dueAt: new Date('2026-02-28T16:00:00Z'), from: '2026-02-16' });
    expect(screeningPeriod('2028-02-2').to).toBe('2028-02-29');
    expect(screeningPeriod('2026-04-2').to).toBe('2026-04-30');
    expect(screeningPeriod('2026-Q1')).toEqual({ month: '2026-03', dueAt: new Date('2026-03-31T16:00:00Z'), from: '2026-01-01', to: '2026-03-31' });
    expect(screeningPeriod('2026-Q4')).toMatchObject({ month: '2026-12', dueAt: new Date('2026-12-31T16:00:00Z'), from: '2026-10-01' });
  });

  it("the month's report by the 3rd of the next month (across the year end); a major dispute within 4 hours", () => {
    expect(monthlyReportDueAt('2026-12')).toEqual(new Date('2027-01-03T16:00:00Z'));
    expect(monthlyReportDueAt('2026-02')).toEqual(new Date('2026-03-03T16:00:00Z'));
    expect(majorReportDueAt('2026-03-20T22:30:00.000Z')).toEqual(new Date('2026-03-21T02:30:00.000Z'));
  });

  it('a period is done or late by its deadline, due until it, missing after, not yet before it opens (Shanghai days)', () => {
    const due = new Date('2026-03-15T16:00:00Z');
    expect(periodState(due, '2026-03-15T15:59:59.999Z', NOW)).toBe('done');
    expect(periodState(due, '2026-03-15T16:00:00.000Z', NOW)).toBe('late');
    expect(periodState(due, undefined, new Date('2026-03-15T15:00:00Z'))).toBe('due');
    expect(periodState(due, undefined, due)).toBe('missing');
    // 2026-02-28 20:00 UTC is already 1 March in Shanghai: the period opening on 1 March is open.
    expect(periodState(new Date('2026-03-15T16:00:00Z'), undefined, new Date('2026-02-28T20:00:00Z'), '2026-03-01')).toBe('due');
    expect(periodState(new Date('2026-03-15T16:00:00Z'), undefined, new Date('2026-02-28T15:00:00Z'), '2026-03-01')).toBe('not-yet');
  });

  it('a screening is not reported before its period opens nor dated in the future; a month report once the month has ended', () => {
    expect(screeningProblems({ period: '2026-04-1', screenedOn: '2026-03-20' }, NOW)).toEqual({ period: '该期排查自 2026-04-01 开始，不能提前报送' });
    expect(screeningProblems({ period: '2026-03-2', screenedOn: '2026-03-20' }, NOW)).toEqual({});
    expect(screeningProblems({ period: '2026-03-1', screenedOn: '2026-03-21' }, NOW)).toEqual({ screenedOn: '排查日期不能晚于今天' });
    expect(monthlyReportProblems('2026-03', NOW)).toEqual({ month: '该月尚未结束，月度排查报表须在次月报送' });
    expect(monthlyReportProblems('2026-02', NOW)).toEqual({});
    // 31 March 16:00 UTC is 1 April in Shanghai: March has ended.
    expect(monthlyReportProblems('2026-03', new Date('2026-03-31T16:00:00Z'))).toEqual({});
  });

  it("a committee's term: three years, ending the day before the anniversary", () => {
    expect(committeeTermEnd('2025-03-01')).toBe('2028-02-29');
    expect(committeeTermEnd('2026-01-01')).toBe('2028-12-31');
    expect(committeeTermEnd('2024-02-29')).toBe('2027-02-28');
  });
});

describe('facts', () => {
  const dispute: Dispute = {
    id: 'D1', screeningId: 'S1', officeId: '0101', areaId: '01', month: '2026-03', name: '纠纷', disputeType: 'dt-01', parties: '甲乙', peopleCount: 30,
    riskLevel: 'red', major: true, measures: '化解', responsible: '王', dueOn: '2026-03-25', registeredAt: '2026-03-20T02:00:00.000Z',
    reportDueAt: '2026-03-20T06:00:00.000Z', result: 'pending', status: 'open', version: 1,
  };

  it("a major dispute's report carries its delay in whole minutes", () => {
    expect(disputeFacts(dispute).map((f) => f.kind)).toEqual(['mediation.dispute.major-registered']);
    const late = disputeFacts({ ...dispute, reportedAt: '2026-03-20T06:00:30.000Z' });
    expect(late.map((f) => [f.kind, f.quantity])).toEqual([['mediation.dispute.major-registered', undefined], ['mediation.dispute.major-reported', 1]]);
    expect(disputeFacts({ ...dispute, reportedAt: '2026-03-20T03:00:00.000Z' })[1]!.quantity).toBe(0);
    expect(disputeFacts({ ...dispute, major: false })).toEqual([]);
  });

  it('a returned submission drops its fact; an adopted one carries its level', () => {
    const s: Submission = {
      id: 'S1', officeId: '0101', areaId: '01', kind: 'news', title: 't', content: 'c', month: '2026-03', status: 'submitted',
      submittedAt: '2026-03-20T02:00:00.000Z', submittedBy: 'staff', returns: [], version: 1,
    };
    const returned = { ...s, status: 'returned' as const };
    expect(factsDropped(submissionFacts(s), submissionFacts(returned), NOW).map((r) => r.id)).toEqual([submissionFacts(s)[0]!.id]);
    expect(submissionFacts({ ...s, status: 'adopted', adoption: { level: 'province', at: '', by: '' } })[0]!.quantity).toBe(3);
  });
});

describe('monthly statistics', () => {
  const types = [{ code: 'dt-01', label: '婚姻家庭' }, { code: 'dt-02', label: '邻里' }, { code: 'dt-03', label: '合同' }];
  const sources = [{ code: 'cs-01', label: '当事人申请' }, { code: 'cs-02', label: '主动调解' }];
  const closedCase = (id: string, over: Partial<MediationCase>, result: 'agreement' | 'failed' | 'terminated', closedOn = '2026-03-18', amountFen = 0, form: 'written' | 'oral' = 'written') =>
    aCase({
      id, status: 'closed', ...over,
      closure: result === 'agreement'
        ? { result, closedOn, closedAt: '', by: '', agreement: { form, terms: 't', amountFen, performBy: '2026-04-01' } }
        : { result, closedOn, closedAt: '', by: '', reason: 'r' },
    });

  it('counts received and closed by type and source, amounts in fen, withdrawn cases nowhere; the success rate rounds half up', () => {
    const cases = [
      closedCase('1', { disputeType: 'dt-01' }, 'agreement', '2026-03-18', 1_999, 'written'),
      closedCase('2', { disputeType: 'dt-01', source: 'cs-02' }, 'agreement', '2026-03-19', 1, 'oral'),
      closedCase('3', { disputeType: 'dt-01' }, 'failed'),
      // Received in February, closed in March: closed only.
      closedCase('4', { disputeType: 'dt-02', receivedOn: '2026-02-27' }, 'terminated'),
      // Received in March, still open.
      aCase({ id: '5', disputeType: 'dt-02' }),
      // Closed in April: received only.
      closedCase('6', { disputeType: 'dt-02' }, 'agreement', '2026-04-02', 500),
      // Withdrawn: nowhere.
      closedCase('7', { disputeType: 'dt-01', status: 'withdrawn' }, 'agreement', '2026-03-18', 99_999),
      // A code no longer in the dictionary keeps a row of its own.
      closedCase('8', { disputeType: 'dt-old' }, 'agreement', '2026-03-18', 100),
    ];
    const s = monthlyStatistics(cases, '2026-03', types, sources);
    expect(s.total).toEqual({ code: '', label: '合计', received: 6, closed: 5, agreements: 3, written: 2, oral: 1, failed: 1, terminated: 1, amountFen: 2_100, successPermille: 600 });
    expect(s.byType.map((r) => [r.code, r.label, r.received, r.closed, r.agreements, r.amountFen, r.successPermille])).toEqual([
      ['dt-01', '婚姻家庭', 3, 3, 2, 2_000, 667],
      ['dt-02', '邻里', 2, 1, 0, 0, 0],
      ['dt-03', '合同', 0, 0, 0, 0, undefined],
      ['dt-old', 'dt-old', 1, 1, 1, 100, 1000],
    ]);
    expect(s.bySource.map((r) => [r.code, r.received, r.closed, r.agreements])).toEqual([['cs-01', 5, 4, 2], ['cs-02', 1, 1, 1]]);
  });

  it('per-mille from whole numbers, half up; texts for documents', () => {
    expect([successPermille(2, 3), successPermille(1, 6), successPermille(5, 6), successPermille(1, 16), successPermille(3, 16), successPermille(0, 0)]).toEqual([667, 167, 833, 63, 188, undefined]);
    expect(permilleText(955)).toBe('95.5%');
    expect(permilleText(undefined)).toBe('—');
    expect(yuanText(123_456_789)).toBe('1,234,567.89');
    expect(yuanText(5)).toBe('0.05');
  });
});
