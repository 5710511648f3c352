// The assessment engine, pure: each rule type with DOMAIN §5's numbers (the default rubric), the
// Asia/Shanghai deadline boundaries, scaling over the applicable items, deductions with the section
// floor, the bonus cap, ranking, the run's cutoff and the month the schedule scores.
import {
  allocateFunding,
  compositeScore,
  defaultRubric,
  largestRemainder,
  lineCounts,
  monthToAssess,
  radarItems,
  rankScores,
  roundPoints,
  runCutoff,
  scoreOffice,
  type Adjustment,
  type FactKind,
  type OfficeScore,
  type RadarItem,
  type ScorableFact,
  type ScoredOffice,
} from '@sifasuo/domain';

const MONTH = '2026-10';
const RUBRIC = defaultRubric(2026);
const REGULAR: ScoredOffice = { id: '0101', name: '城关司法所', areaId: '01', officeClass: 'regular' };
const CENTRAL: ScoredOffice = { ...REGULAR, id: '0102', name: '中心司法所', officeClass: 'central' };
/** The October run's cutoff: 10 November 23:59:59.999 Shanghai. */
const CUTOFF = new Date('2026-11-10T15:59:59.999Z');

let serial = 0;
const fact = (kind: FactKind, occurredAt: string, over: Partial<ScorableFact> = {}): ScorableFact => {
  serial += 1;
  const ref = over.ref ?? { context: kind.split('.')[0]!, type: 'record', id: `r${serial}` };
  return { id: `${kind}#${ref.id}#${serial}`, kind, officeId: REGULAR.id, month: MONTH, occurredAt, ref, ...over };
};
const score = (facts: ScorableFact[], over: { office?: ScoredOffice; adjustments?: Adjustment[]; asOf?: Date; month?: string } = {}) =>
  scoreOffice({ rubric: RUBRIC, runId: `${over.month ?? MONTH}-v1`, month: over.month ?? MONTH, office: over.office ?? REGULAR, facts, adjustments: over.adjustments ?? [], asOf: over.asOf ?? CUTOFF });
const line = (s: OfficeScore, item: string) => {
  const found = s.lines.find((l) => l.item === item);
  if (!found) throw new Error(`no line ${item}`);
  return found;
};

describe('deadline items (A1: by the 3rd 8, by the 10th 4, else 0)', () => {
  const report = (occurredAt: string) => fact('mediation.report.submitted', occurredAt, { dueAt: '2026-11-03T15:59:59.999Z' });

  it('on the 3rd: full points; on the 7th: the late points and a 迟报 flag; on the 11th or never: 0 and a 漏报 flag', () => {
    const onTime = score([report('2026-11-03T02:00:00Z')]);
    expect(line(onTime, 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(onTime.flags.find((f) => f.item === 'A1')).toBeUndefined();

    const late = report('2026-11-07T06:20:00Z');
    const seventh = score([late]);
    expect(line(seventh, 'A1')).toMatchObject({ points: 4, state: 'late', factIds: [late.id], note: '次月3日前报送：11月7日 14:20 报送（迟报）' });
    expect(seventh.flags).toContainEqual({ item: 'A1', name: '月度排查报告', state: 'late' });

    const eleventh = score([report('2026-11-11T02:00:00Z')], { asOf: new Date('2026-11-12T00:00:00Z') });
    expect(line(eleventh, 'A1')).toMatchObject({ points: 0, state: 'missing' });
    expect(eleventh.flags).toContainEqual({ item: 'A1', name: '月度排查报告', state: 'missing' });

    const never = score([]);
    expect(line(never, 'A1')).toMatchObject({ points: 0, state: 'missing', factIds: [] });
    expect(never.flags.map((f) => f.item)).toEqual(['A1', 'A2', 'A3']);
  });

  it('the Shanghai boundary: 23:59 on the 3rd (+08:00) is on time, 00:01 on the 4th is late', () => {
    expect(line(score([report('2026-11-03T23:59:00+08:00')]), 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(line(score([report('2026-11-03T15:59:00Z')]), 'A1')).toMatchObject({ points: 8, state: 'full' });
    expect(line(score([report('2026-11-04T00:01:00+08:00')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
    expect(line(score([report('2026-11-03T16:01:00Z')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
    // The late day's own boundary: 23:59 on the 10th still earns the late points.
    expect(line(score([report('2026-11-10T15:59:00Z')]), 'A1')).toMatchObject({ points: 4, state: 'late' });
  });

  it('the earliest report counts; a fact after asOf or of another month does not', () => {
    const first = report('2026-11-02T01:00:00Z');
    expect(line(score([report('2026-11-08T01:00:00Z'), first]), 'A1')).toMatchObject({ points: 8, factIds: [first.id] });
    expect(line(score([report('2026-11-02T01:00:00Z')], { asOf: new Date('2026-11-01T00:00:00Z') }), 'A1').points).toBe(0);
    expect(line(score([{ ...report('2026-11-02T01:00:00Z'), month: '2026-09' }]), 'A1').points).toBe(0);
  });

  it('the live month: no report yet and not due is pending, not missing, and raises no flag', () => {
    const live = score([], { asOf: new Date('2026-10-20T02:00:00Z') });
    expect(line(live, 'A1')).toMatchObject({ points: 0, state: 'pending' });
    expect(live.flags).toEqual([]);
    expect(line(live, 'A4')).toMatchObject({ points: 0, state: 'pending' });
  });
});

describe('quota items', () => {
  it('A4: 2 points per item, at most 4', () => {
    const info = (n: number) => Array.from({ length: n }, (_, i) => fact('registers.information.submitted', `2026-10-0${i + 1}T02:00:00Z`));
    expect(line(score(info(0)), 'A4')).toMatchObject({ points: 0, state: 'missing' });
    expect(line(score(info(1)), 'A4')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(info(2)), 'A4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(info(5)), 'A4')).toMatchObject({ points: 4, state: 'full' });
  });

  it('A6: target 2 for a regular office, 3 for a central one', () => {
    const cases = [1, 2].map((d) => fact('mediation.typical-case.submitted', `2026-10-0${d}T02:00:00Z`));
    expect(line(score(cases), 'A6').points).toBe(4);
    expect(line(score(cases, { office: CENTRAL }), 'A6').points).toBe(2.67);
    expect(line(score([...cases, fact('mediation.typical-case.submitted', '2026-10-09T02:00:00Z')], { office: CENTRAL }), 'A6').points).toBe(4);
  });

  it('a duplicated fact (same id) counts once', () => {
    const one = fact('registers.information.submitted', '2026-10-01T02:00:00Z');
    expect(line(score([one, one]), 'A4').points).toBe(2);
  });
});

describe('quarter-end items (B2 only in March, June, September, December)', () => {
  const quarterly = (month: string, occurredAt: string, dueAt: string) => fact('mediation.screening.quarterly', occurredAt, { month, dueAt });

  it('applies in September, not in October', () => {
    const september = score([quarterly('2026-09', '2026-09-25T02:00:00Z', '2026-09-30T15:59:59.999Z')], { month: '2026-09', asOf: new Date('2026-10-10T15:59:59.999Z') });
    expect(line(september, 'B2')).toMatchObject({ applicable: true, points: 3, state: 'full' });
    const october = score([quarterly(MONTH, '2026-10-25T02:00:00Z', '2026-10-31T15:59:59.999Z')]);
    expect(line(october, 'B2')).toMatchObject({ applicable: false, points: 0, max: 3, state: 'not-applicable', note: '本月不考核' });
  });

  it('a quarterly screening after its due time earns nothing (on-time filter)', () => {
    const late = score([quarterly('2026-09', '2026-10-02T02:00:00Z', '2026-09-30T15:59:59.999Z')], { month: '2026-09', asOf: new Date('2026-10-10T15:59:59.999Z') });
    expect(line(late, 'B2')).toMatchObject({ applicable: true, points: 0, state: 'missing' });
  });
});

describe('rate items', () => {
  const closed = (id: string, success: boolean) =>
    fact('mediation.case.closed', '2026-10-10T02:00:00Z', { quantity: success ? 1 : 0, ref: { context: 'mediation', type: 'case', id } });
  const entered = (id: string, occurredAt: string) =>
    fact('mediation.case.entered-online', occurredAt, { dueAt: '2026-11-03T15:59:59.999Z', ref: { context: 'mediation', type: 'case', id } });
  const cases = (total: number, successes: number) => Array.from({ length: total }, (_, i) => closed(`c${i}`, i < successes));

  it('B4 success rate by bands: 95% → 4, 90% and 85% → 2, 80% → 0; no closed case → not applicable', () => {
    expect(line(score(cases(20, 20)), 'B4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(cases(20, 19)), 'B4')).toMatchObject({ points: 4, state: 'full' });
    expect(line(score(cases(20, 18)), 'B4')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(cases(20, 17)), 'B4')).toMatchObject({ points: 2, state: 'partial' });
    const sixteen = cases(20, 16);
    const eighty = line(score(sixteen), 'B4');
    expect(eighty).toMatchObject({ points: 0, state: 'missing', note: '达标 16/20（80%）' });
    // The failed cases come first in the drill-down, then the successes.
    expect(eighty.factIds.slice(0, 4).sort()).toEqual(sixteen.slice(16).map((f) => f.id).sort());
    expect(eighty.factIds.slice(4).sort()).toEqual(sixteen.slice(0, 16).map((f) => f.id).sort());
    expect(line(score([]), 'B4')).toMatchObject({ applicable: false, state: 'not-applicable', max: 4 });
  });

  it('B3: 6 × the share of closed cases entered online on time; a late entry or another record\'s entry does not count', () => {
    const four = cases(4, 4);
    const facts = [
      ...four,
      entered('c0', '2026-11-01T02:00:00Z'),
      entered('c1', '2026-11-03T15:00:00Z'),
      entered('c2', '2026-11-05T02:00:00Z'), // late
      entered('elsewhere', '2026-11-01T02:00:00Z'), // no closed case of this record this month
    ];
    const b3 = line(score(facts), 'B3');
    expect(b3).toMatchObject({ points: 3, state: 'partial', note: '达标 2/4（50%）' });
    // Not met first (c2 entered late, c3 never), then the entries that counted.
    expect(b3.factIds).toEqual([four[2]!.id, four[3]!.id, facts[4]!.id, facts[5]!.id]);
  });

  it('C2 check-ins: 6 × done ÷ required', () => {
    const required = [1, 2, 3, 4].map((n) => fact('supervision.check-in.required', `2026-10-0${n}T02:00:00Z`, { ref: { context: 'supervision', type: 'check-in', id: `k${n}` } }));
    const done = [1, 2, 3].map((n) => fact('supervision.check-in.done', `2026-10-0${n}T05:00:00Z`, { ref: { context: 'supervision', type: 'check-in', id: `k${n}` } }));
    expect(line(score([...required, ...done]), 'C2')).toMatchObject({ points: 4.5, state: 'partial' });
  });
});

describe('penalty items', () => {
  const registered = (id: string, dueAt: string) =>
    fact('mediation.dispute.major-registered', '2026-10-05T02:00:00Z', { dueAt, ref: { context: 'mediation', type: 'dispute', id } });
  const reported = (id: string, occurredAt: string, dueAt: string) =>
    fact('mediation.dispute.major-reported', occurredAt, { dueAt, ref: { context: 'mediation', type: 'dispute', id } });
  const DUE = '2026-10-05T06:00:00Z';

  it('B5: −2 per late report, −3 per unreported, floor 0; a dispute reported in time costs nothing', () => {
    const inTime = [registered('d1', DUE), reported('d1', '2026-10-05T05:00:00Z', DUE)];
    expect(line(score(inTime), 'B5')).toMatchObject({ points: 6, state: 'full', factIds: [], note: '无扣分情形' });

    const late = [registered('d2', DUE), reported('d2', '2026-10-05T09:00:00Z', DUE)];
    const unreported = registered('d3', DUE);
    const b5 = line(score([...inTime, ...late, unreported]), 'B5');
    expect(b5).toMatchObject({ points: 1, state: 'partial', factIds: [late[1]!.id, unreported.id], note: '1 起扣 2 分，1 起扣 3 分' });

    const many = [...late, registered('d4', DUE), registered('d5', DUE)];
    expect(line(score(many), 'B5')).toMatchObject({ points: 0, state: 'missing' });
  });

  it('B5: a dispute not yet due for its report is not counted unreported', () => {
    const notDue = registered('d6', '2026-10-20T06:00:00Z');
    expect(line(score([notDue], { asOf: new Date('2026-10-20T05:00:00Z') }), 'B5').points).toBe(6);
    expect(line(score([notDue], { asOf: new Date('2026-10-20T07:00:00Z') }), 'B5').points).toBe(3);
  });

  it('E2: −2 per unexcused absence, floor 0', () => {
    const absences = (n: number) => Array.from({ length: n }, (_, i) => fact('registers.absence.unexcused', `2026-10-1${i}T01:00:00Z`));
    expect(line(score(absences(0)), 'E2').points).toBe(4);
    expect(line(score(absences(1)), 'E2')).toMatchObject({ points: 2, state: 'partial' });
    expect(line(score(absences(3)), 'E2')).toMatchObject({ points: 0, state: 'missing', note: '3 起扣 6 分，扣完为止' });
  });

  it('C1 applies only with subjects under supervision (a required check-in this month): −4 per incident', () => {
    const incident = fact('supervision.incident.recorded', '2026-10-12T01:00:00Z');
    expect(line(score([incident]), 'C1')).toMatchObject({ applicable: false, points: 0, max: 8 });
    const withSubjects = [incident, fact('supervision.check-in.required', '2026-10-01T01:00:00Z')];
    expect(line(score(withSubjects), 'C1')).toMatchObject({ applicable: true, points: 4, factIds: [incident.id] });
  });
});

/** Every item at full marks in October except those that do not apply (B2, C, D1, D3): base 67. */
const fullOctober = (): ScorableFact[] => {
  const onTime = { dueAt: '2026-10-31T15:59:59.999Z' };
  return [
    fact('mediation.report.submitted', '2026-11-01T02:00:00Z'),
    fact('registers.platform-data.confirmed', '2026-11-02T02:00:00Z'),
    fact('registers.feedback.submitted', '2026-11-04T02:00:00Z'),
    ...[1, 2].map((d) => fact('registers.information.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[1, 2].map((d) => fact('mediation.news.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[1, 2].map((d) => fact('mediation.typical-case.submitted', `2026-10-0${d}T02:00:00Z`)),
    ...[15, 30].map((d) => fact('mediation.screening.submitted', `2026-10-${d}T02:00:00Z`, onTime)),
    fact('mediation.case.closed', '2026-10-08T02:00:00Z', { quantity: 1, ref: { context: 'mediation', type: 'case', id: 'ok' } }),
    fact('mediation.case.entered-online', '2026-10-09T02:00:00Z', { dueAt: '2026-11-03T15:59:59.999Z', ref: { context: 'mediation', type: 'case', id: 'ok' } }),
    fact('registers.publicity.held', '2026-10-18T02:00:00Z'),
    ...[5, 12, 19, 26].map((d) => fact('registers.study.held', `2026-10-${String(d).padStart(2, '0')}T02:00:00Z`)),
  ];
};
const adjustment = (over: Partial<Adjustment>): Adjustment => ({
  id: `adj-${over.item ?? 'A1'}-${over.points ?? 1}-${over.status ?? 'active'}`, month: MONTH, officeId: REGULAR.id, item: 'A1', points: 1, reason: '事由', evidence: '依据',
  kind: 'deduction', status: 'active', by: 'u1', byName: '张三', at: '2026-11-05T02:00:00Z', ...over,
});

describe('scaling, deductions, bonus', () => {
  it('an office with nothing: only the always-applicable items, scaled back to 100 (C1 without subjects, rates without records and B2 off-quarter are left out)', () => {
    const s = score([]);
    const notApplicable = s.lines.filter((l) => !l.applicable).map((l) => l.item);
    expect(notApplicable).toEqual(['B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D3']);
    expect(s.base).toBe(100 - 3 - 6 - 4 - 8 - 6 - 6 - 5 - 5);
    // B5 (6) and E2 (4) keep their points with no incident.
    expect(s.earned).toBe(10);
    expect(s.total).toBe(roundPoints((10 / s.base) * 100));
  });

  it('every applicable item at full marks with C, D1 and D3 not applicable: base 67, total still 100', () => {
    const s = score(fullOctober());
    expect(s.lines.filter((l) => !l.applicable).map((l) => l.item)).toEqual(['B2', 'C1', 'C2', 'C3', 'D1', 'D3']);
    expect(s.lines.filter((l) => l.applicable).every((l) => l.points === l.max && l.state === 'full')).toBe(true);
    expect(s).toMatchObject({ base: 67, earned: 67, bonus: 0, total: 100, flags: [], officeName: '城关司法所', areaId: '01', officeClass: 'regular', runId: '2026-10-v1' });
    expect(s.sections.map((x) => [x.id, x.earned, x.max])).toEqual([['A', 30, 30], ['B', 22, 22], ['C', 0, 0], ['D', 5, 5], ['E', 10, 10]]);
    // One missing on-time report (A1: 8) costs 8 of 67, i.e. 11.94 of 100.
    const noReport = score(fullOctober().slice(1));
    expect(noReport.total).toBe(roundPoints((59 / 67) * 100));
    expect(noReport.total).toBe(88.06);
  });

  it('deductions come off their section, never below 0; withdrawn ones do not count; the section may be named', () => {
    const two = adjustment({ item: 'A2', points: 2 });
    expect(score(fullOctober(), { adjustments: [two] })).toMatchObject({ total: roundPoints((65 / 67) * 100), sections: expect.arrayContaining([expect.objectContaining({ id: 'A', deducted: 2 })]) });
    // E holds 10: 20 deducted there takes only its 10.
    const heavy = [adjustment({ item: 'E1', points: 12 }), adjustment({ item: 'E2', points: 8 })];
    expect(score(fullOctober(), { adjustments: heavy }).total).toBe(roundPoints((57 / 67) * 100));
    const withdrawn = adjustment({ item: 'A2', points: 5, status: 'withdrawn' });
    const s = score(fullOctober(), { adjustments: [withdrawn] });
    expect(s.total).toBe(100);
    expect(s.adjustments).toEqual([]);
    const named = adjustment({ item: 'A2', points: 3, section: 'B' });
    expect(score(fullOctober(), { adjustments: [named] }).sections.find((x) => x.id === 'B')!.deducted).toBe(3);
  });

  it('the bonus is added after scaling and capped at 10', () => {
    const bonus = (points: number, n: number) => adjustment({ id: `b${n}`, item: 'X', kind: 'bonus', points });
    expect(score(fullOctober(), { adjustments: [bonus(3, 1), bonus(0.5, 2)] })).toMatchObject({ bonus: 3.5, total: 103.5 });
    expect(score(fullOctober(), { adjustments: [bonus(3, 1), bonus(5, 2), bonus(3, 3)] })).toMatchObject({ bonus: 10, total: 110 });
    expect(score([], { adjustments: [bonus(5, 1)] }).total).toBe(roundPoints((10 / 57) * 100 + 5));
  });

  it('a rubric\'s bonus facts earn their quantity as points, within the cap', () => {
    const rubric = { ...RUBRIC, bonus: { ...RUBRIC.bonus, facts: ['registers.report.submitted' as const] } };
    const facts = [...fullOctober(), fact('registers.report.submitted', '2026-10-20T02:00:00Z', { quantity: 2 })];
    expect(scoreOffice({ rubric, runId: 'r', month: MONTH, office: REGULAR, facts, adjustments: [], asOf: CUTOFF })).toMatchObject({ bonus: 2, total: 102 });
  });

  it('manual items keep their full points (deductions are separate)', () => {
    const rubric = { ...RUBRIC, items: [{ ...RUBRIC.items[0]!, id: 'A1', points: 100, rule: { type: 'manual' as const } }] };
    const s = scoreOffice({ rubric, runId: 'r', month: MONTH, office: REGULAR, facts: [], adjustments: [adjustment({ points: 7.5 })], asOf: CUTOFF });
    expect(s.lines[0]).toMatchObject({ points: 100, state: 'full' });
    expect(s.total).toBe(92.5);
  });

  it('roundPoints keeps two decimals, half up', () => {
    expect(roundPoints(2.666666)).toBe(2.67);
    expect(roundPoints(1.005)).toBe(1.01);
    expect(roundPoints(88.0597)).toBe(88.06);
    expect(Object.is(roundPoints(-0.001), 0)).toBe(true);
  });
});

describe('the heat map counts deadline and rate lines', () => {
  it('on time, late and missing', () => {
    const facts = fullOctober();
    facts[0] = fact('mediation.report.submitted', '2026-11-06T02:00:00Z'); // A1 late
    const counts = lineCounts(score(facts.filter((f) => f.kind !== 'registers.platform-data.confirmed'))); // A2 missing
    // A3, B3, B4 on time (quota lines do not count); A1 late; A2 missing.
    expect(counts).toEqual({ onTime: 3, late: 1, missing: 1 });
  });
});

describe('ranking', () => {
  const s = (officeId: string, total: number) => ({ ...score([]), officeId, total });
  it('highest first, ties share a rank (1, 2, 2, 4), listed by office id, as new objects', () => {
    const input = [s('0104', 80), s('0103', 90), s('0102', 95), s('0101', 90)];
    const ranked = rankScores(input);
    expect(ranked.map((r) => [r.officeId, r.rank])).toEqual([['0102', 1], ['0101', 2], ['0103', 2], ['0104', 4]]);
    expect(input.every((r) => r.rank === undefined)).toBe(true);
  });
});

describe('the run and its month', () => {
  it('the cutoff is the end of the latest late day (the 10th) of the next month, Shanghai', () => {
    expect(runCutoff(RUBRIC, '2026-10').toISOString()).toBe('2026-11-10T15:59:59.999Z');
    expect(runCutoff(RUBRIC, '2026-12').toISOString()).toBe('2027-01-10T15:59:59.999Z');
    const manualOnly = { items: [{ ...RUBRIC.items[0]!, rule: { type: 'manual' as const } }] };
    expect(runCutoff(manualOnly, '2026-02').toISOString()).toBe('2026-03-10T15:59:59.999Z');
    const later = { items: [{ ...RUBRIC.items[0]!, rule: { type: 'deadline' as const, kind: 'mediation.report.submitted' as const, dueDay: 5, lateDay: 15, latePoints: 1 } }] };
    expect(runCutoff(later, '2026-10').toISOString()).toBe('2026-11-15T15:59:59.999Z');
  });

  it('the schedule scores the Shanghai month before now', () => {
    expect(monthToAssess(new Date('2026-11-10T18:00:00Z'))).toBe('2026-10'); // 11 Nov 02:00 Shanghai
    expect(monthToAssess(new Date('2026-12-31T16:30:00Z'))).toBe('2026-12'); // 1 Jan 00:30 Shanghai
    expect(monthToAssess(new Date('2027-01-10T18:00:00Z'))).toBe('2026-12');
  });
});

describe('the deadline radar', () => {
  const radar = (facts: ScorableFact[], now: string) => radarItems({ rubric: RUBRIC, office: REGULAR, facts, now: new Date(now) });
  const find = (items: RadarItem[], item: string, month: string) => items.filter((r) => r.item === item && r.month === month);

  it("last month's reports until its cutoff: due before the 3rd, overdue until the 10th, missing after; this month's due", () => {
    const second = radar([], '2026-11-02T02:00:00Z');
    expect(find(second, 'A1', '2026-10')).toEqual([
      expect.objectContaining({ state: 'due', dueAt: '2026-11-03T15:59:59.999Z', lateUntil: '2026-11-10T15:59:59.999Z', factIds: [] }),
    ]);
    expect(find(second, 'A1', '2026-11')).toEqual([expect.objectContaining({ state: 'due', dueAt: '2026-12-03T15:59:59.999Z' })]);
    expect(find(radar([], '2026-11-05T02:00:00Z'), 'A1', '2026-10')[0]).toMatchObject({ state: 'overdue', note: '次月3日前报送（11月3日）：已逾期，11月10日前补报可得4分' });
    // After the October cutoff only November is on the radar.
    expect(radar([], '2026-11-11T02:00:00Z').every((r) => r.month === '2026-11')).toBe(true);
    // A report after its due day but in November is late; on time is done.
    const late = fact('mediation.report.submitted', '2026-11-06T02:00:00Z');
    const onTime = fact('registers.platform-data.confirmed', '2026-11-01T02:00:00Z');
    const sixth = radar([late, onTime], '2026-11-07T02:00:00Z');
    expect(find(sixth, 'A1', '2026-10')[0]).toMatchObject({ state: 'late', factIds: [late.id] });
    expect(find(sixth, 'A2', '2026-10')[0]).toMatchObject({ state: 'done', factIds: [onTime.id] });
  });

  it('records due their follow-up: a petition due its reply, a major dispute due its report', () => {
    const ref = (id: string) => ({ context: 'registers', type: 'petition', id });
    const open = fact('registers.petition.received', '2026-11-01T02:00:00Z', { month: '2026-11', dueAt: '2026-11-16T15:59:59.999Z', ref: ref('p1') });
    const overdue = fact('registers.petition.received', '2026-11-01T02:00:00Z', { month: '2026-11', dueAt: '2026-11-05T15:59:59.999Z', ref: ref('p2') });
    const answered = fact('registers.petition.received', '2026-11-01T02:00:00Z', { month: '2026-11', dueAt: '2026-11-16T15:59:59.999Z', ref: ref('p3') });
    const answer = fact('registers.petition.answered', '2026-11-03T02:00:00Z', { month: '2026-11', dueAt: '2026-11-16T15:59:59.999Z', ref: ref('p3') });
    const dispute = fact('mediation.dispute.major-registered', '2026-11-09T01:00:00Z', { month: '2026-11', dueAt: '2026-11-09T05:00:00Z', ref: { context: 'mediation', type: 'dispute', id: 'd1' } });
    const items = radar([open, overdue, answered, answer, dispute], '2026-11-09T02:00:00Z');
    const d3 = find(items, 'D3', '2026-11');
    // Sorted by due time: the overdue one (due the 5th) first.
    expect(d3.map((r) => [r.factIds, r.state])).toEqual([
      [[overdue.id], 'overdue'],
      [[open.id], 'due'],
      [[answered.id, answer.id], 'done'],
    ]);
    expect(find(items, 'B5', '2026-11')).toEqual([expect.objectContaining({ state: 'due', factIds: [dispute.id], dueAt: '2026-11-09T05:00:00.000Z' })]);
    // An October petition answered late, the answer filed under November.
    const october = fact('registers.petition.received', '2026-10-25T02:00:00Z', { dueAt: '2026-11-05T15:59:59.999Z', ref: ref('p4') });
    const lateAnswer = fact('registers.petition.answered', '2026-11-07T02:00:00Z', { month: '2026-11', dueAt: '2026-11-05T15:59:59.999Z', ref: ref('p4') });
    expect(find(radar([october, lateAnswer], '2026-11-08T02:00:00Z'), 'D3', '2026-10')).toEqual([expect.objectContaining({ state: 'late', factIds: [october.id, lateAnswer.id], note: '11月5日 23:59前办结：11月7日 10:00 逾期完成' })]);
  });

  it("this month's quotas with their progress, due at the month's end; sorted by due time", () => {
    const info = fact('registers.information.submitted', '2026-11-02T02:00:00Z', { month: '2026-11' });
    const items = radar([info], '2026-11-20T02:00:00Z');
    expect(find(items, 'A4', '2026-11')[0]).toMatchObject({ state: 'due', note: '信息报送 1/2（本月11月30日前）', factIds: [info.id], dueAt: '2026-11-30T15:59:59.999Z' });
    expect(find(items, 'D2', '2026-11')[0]).toMatchObject({ state: 'due' });
    // B2 is not on November's radar (not a quarter end).
    expect(find(items, 'B2', '2026-11')).toEqual([]);
    const dues = items.map((r) => Date.parse(r.dueAt));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
  });
});

describe('the year-end composite', () => {
  const months = (year: number, first: number, last: number, total: number) =>
    Object.fromEntries(Array.from({ length: last - first + 1 }, (_, i) => [`${year}-${String(first + i).padStart(2, '0')}`, total]));

  it('70% × (0.4 × first half + 0.6 × second half) + 30% × on-site + bonus', () => {
    expect(compositeScore(2026, { monthly: { ...months(2026, 1, 6, 80), ...months(2026, 7, 12, 90) }, onSite: 85, bonus: 2 }))
      .toEqual({ firstHalf: 80, secondHalf: 90, composite: 87.7 });
    // Averages over the months given; another year's months do not count; a half with none is 0.
    expect(compositeScore(2026, { monthly: { '2026-01': 70, '2026-02': 80, '2025-12': 10 }, onSite: 0, bonus: 0 }))
      .toEqual({ firstHalf: 75, secondHalf: 0, composite: 21 });
  });
});

describe('the funding split', () => {
  it('largest remainder: parts floor to the fen, the leftover fen go by largest remainder, equal remainders to the lower id', () => {
    expect(Object.fromEntries(largestRemainder(100, [{ id: 'c', weight: 1 }, { id: 'a', weight: 1 }, { id: 'b', weight: 1 }]))).toEqual({ a: 34, b: 33, c: 33 });
    // 1000 × 2/7 = 285.71, × 5/7 = 714.29: the first gets the leftover fen.
    expect(Object.fromEntries(largestRemainder(1000, [{ id: 'x', weight: 2 }, { id: 'y', weight: 5 }, { id: 'z', weight: 0 }, { id: 'w', weight: -3 }]))).toEqual({ x: 286, y: 714, z: 0, w: 0 });
    // No weight above 0: every part is 0 and the pool is not handed out.
    expect([...largestRemainder(500, [{ id: 'a', weight: 0 }]).values()]).toEqual([0]);
    // Composites with 2 decimals and a pool beyond 2^53 ÷ weights still sum exactly.
    const parts = largestRemainder(99_999_999_999, [{ id: 'a', weight: 95.37 }, { id: 'b', weight: 61.01 }, { id: 'c', weight: 77.77 }]);
    expect([...parts.values()].reduce((s, v) => s + v, 0)).toBe(99_999_999_999);
  });

  const offices: ScoredOffice[] = [
    { id: '0101', name: '甲所', areaId: '01', officeClass: 'central' },
    { id: '0102', name: '乙所', areaId: '01', officeClass: 'regular' },
    { id: '0103', name: '丙所', areaId: '01', officeClass: 'regular' },
    { id: '0104', name: '丁所', areaId: '01', officeClass: 'regular' },
  ];
  const year = (total: number) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`2026-${String(i + 1).padStart(2, '0')}`, total]));
  // Composites: 0.7 × t + 0.3 × onSite (+ bonus).
  const monthly = { '0101': year(90), '0102': year(80), '0103': year(80), '0104': year(50), '0105': year(99) };
  const annual = { '0101': { onSite: 90, bonus: 1 }, '0102': { onSite: 80 }, '0103': { onSite: 80 }, '0104': { onSite: 50 } };

  it('pool: ranks with ties, threshold, excellence, the last place, and parts summing to the pool', () => {
    const result = allocateFunding({ year: 2026, mode: 'pool', poolFen: 1_000_000, excellent: 2, annual }, offices, monthly);
    expect(result.items.map((i) => [i.officeId, i.composite, i.rank, i.eligible, i.excellent, i.awardEligible])).toEqual([
      ['0101', 91, 1, true, true, true],
      ['0102', 80, 2, true, true, true],
      ['0103', 80, 2, true, true, true],
      ['0104', 50, 4, false, false, false],
    ]);
    // 1 000 000 × 91/251 = 362549.80…, × 80/251 = 318725.09… (twice): 1 leftover fen to the largest remainder.
    expect(result.items.map((i) => i.amountFen)).toEqual([362_550, 318_725, 318_725, 0]);
    expect(result.totalFen).toBe(1_000_000);
    expect(result.months).toHaveLength(12);
    expect(result.items[0]).toMatchObject({ firstHalf: 90, secondHalf: 90, onSite: 90, bonus: 1, officeName: '甲所', officeClass: 'central' });
  });

  it('unit: a price per point by office class for the eligible; no annual result means on-site 0', () => {
    const result = allocateFunding({ year: 2026, mode: 'unit', unitFen: { central: 5000, regular: 3000 }, annual: { '0101': { onSite: 90, bonus: 1 } } }, offices.slice(0, 2), monthly);
    // 0101: 91 × 50 yuan; 0102: 0.7 × 80 = 56 < 60 without its on-site result.
    expect(result.items.map((i) => [i.officeId, i.composite, i.eligible, i.amountFen])).toEqual([['0101', 91, true, 455_000], ['0102', 56, false, 0]]);
    expect(result.totalFen).toBe(455_000);
  });

  it('ties at the last place all lose award eligibility', () => {
    const result = allocateFunding({ year: 2026, mode: 'pool', poolFen: 100, annual }, offices.slice(1, 3), monthly);
    expect(result.items.map((i) => [i.rank, i.awardEligible])).toEqual([[1, false], [1, false]]);
    expect(result.totalFen).toBe(100);
  });
});
