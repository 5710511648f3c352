// The demo year of people's mediation (packages/domain/src/mediation-demo.ts) and the items the seed
// stores from it (functions/src/mediation/seed.ts): the same clock gives the same records; every case
// holds the state machine's invariants and every record passes the schemas the API takes its input
// through; the year has the spread the pages and the assessment are meant to show — late and missing
// screenings and reports, failed cases, open cases, exactly one major dispute never reported.
import {
  caseInvariantProblems,
  closeCaseInput,
  COMMITTEE_MAX_MEMBERS,
  COMMITTEE_MEMBER_POSTS,
  COMMITTEE_MIN_MEMBERS,
  committeeInput,
  confirmationInput,
  createCaseInput,
  createScreeningInput,
  createSubmissionInput,
  followUpInput,
  majorReportDueAt,
  mediationDemoYear,
  mediatorInput,
  monthlyReportInput,
  numberedUlid,
  scorableFact,
  screeningPeriod,
  shanghaiDay,
  type MediationDemoYear,
} from '@sifasuo/domain';
import { county } from '@sifasuo/domain/src/demo-county';
import { factEvents } from '@sifasuo/wiring/src/facts';
import { demoYearItems } from '../../functions/src/mediation/seed';

const offices = county.areas.flatMap((a) => a.offices.map((o) => ({ ...o, areaId: a.id })));
const NOW = new Date('2026-12-02T03:30:00Z');
const year = mediationDemoYear(offices, NOW);

const days = (n: number) => n * 86_400_000;
const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;

describe('the demo year', () => {
  it('is the same for the same clock, and another for another clock', () => {
    expect(mediationDemoYear(offices, NOW)).toEqual(year);
    const later = mediationDemoYear(offices, new Date(NOW.getTime() + days(40)));
    expect(later.cases.map((c) => c.id)).not.toEqual(year.cases.map((c) => c.id));
  });

  it('covers every office for the twelve months before the clock and this month so far, nothing after the clock', () => {
    const months = new Set(year.cases.map((c) => c.receivedOn.slice(0, 7)));
    expect([...months].sort()).toEqual(['2025-12', ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    for (const o of offices) {
      expect(count(year.cases, (c) => c.officeId === o.id)).toBeGreaterThan(5);
      expect(count(year.screenings, (s) => s.officeId === o.id)).toBeGreaterThan(15);
      expect(count(year.committees, (c) => c.officeId === o.id)).toBeGreaterThanOrEqual(2);
    }
    const instants = [
      ...year.cases.flatMap((c) => [c.createdAt, c.updatedAt]),
      ...year.screenings.map((s) => s.submittedAt),
      ...year.disputes.flatMap((d) => [d.registeredAt, d.reportedAt ?? d.registeredAt]),
      ...year.reports.map((r) => r.submittedAt),
      ...year.submissions.flatMap((s) => [s.submittedAt, s.adoption?.at ?? s.submittedAt]),
      ...year.facts.map((f) => f.occurredAt),
    ];
    expect(instants.filter((t) => Date.parse(t) > NOW.getTime())).toEqual([]);
    expect(year.cases.filter((c) => c.receivedOn > shanghaiDay(NOW))).toEqual([]);
  });

  it('is busier in central offices and towns, around 春节 and the harvest', () => {
    const perOffice = (p: (o: (typeof offices)[number]) => boolean) => {
      const chosen = offices.filter(p);
      return count(year.cases, (c) => chosen.some((o) => o.id === c.officeId)) / chosen.length;
    };
    expect(perOffice((o) => o.officeClass === 'central')).toBeGreaterThan(1.5 * perOffice((o) => o.officeClass === 'regular' && o.township.endsWith('乡')));
    const inMonth = (m: string) => count(year.cases, (c) => c.receivedOn.startsWith(m));
    expect(inMonth('2026-01') + inMonth('2026-02')).toBeGreaterThan(1.3 * (inMonth('2026-07') + inMonth('2026-08')));
    expect(inMonth('2026-10')).toBeGreaterThan(inMonth('2026-08'));
  });

  it('holds the case invariants; numbers each office’s cases in order, one number each', () => {
    for (const c of year.cases) expect([c.caseNo, caseInvariantProblems(c)]).toEqual([c.caseNo, []]);
    expect(new Set(year.cases.map((c) => c.caseNo)).size).toBe(year.cases.length);
    for (const n of year.caseNumbers) {
      const numbered = year.cases.filter((c) => c.officeId === n.officeId && c.receivedOn.startsWith(n.year));
      expect(numbered.length).toBe(n.seq);
    }
    const ids = [year.cases, year.screenings, year.disputes, year.reports, year.submissions, year.committees, year.mediators].flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('passes the schemas the API takes each record’s input through', () => {
    for (const c of year.cases) {
      createCaseInput.parse({ officeId: c.officeId, receivedOn: c.receivedOn, source: c.source, disputeType: c.disputeType, summary: c.summary, parties: c.parties, mediators: c.mediators, disputeId: c.disputeId });
      if (c.closure) {
        const { result, closedOn, agreement, reason } = c.closure;
        closeCaseInput.parse({ version: 1, result, closedOn, ...(agreement ? { agreement } : { reason }) });
      }
      if (c.followUp) followUpInput.parse({ version: 1, visitedOn: c.followUp.visitedOn, performance: c.followUp.performance, satisfaction: c.followUp.satisfaction, note: c.followUp.note });
      if (c.confirmation) confirmationInput.parse({ version: 1, appliedOn: c.confirmation.appliedOn, court: c.confirmation.court, result: c.confirmation.result });
    }
    for (const s of year.screenings) {
      const disputes = year.disputes
        .filter((d) => d.screeningId === s.id)
        .map((d) => ({ name: d.name, disputeType: d.disputeType, parties: d.parties, peopleCount: d.peopleCount, riskLevel: d.riskLevel, major: d.major, measures: d.measures, responsible: d.responsible, dueOn: d.dueOn }));
      createScreeningInput.parse({ officeId: s.officeId, kind: s.kind, period: s.period, screenedOn: s.screenedOn, participants: s.participants, summary: s.summary, disputes });
      expect(disputes.length).toBe(s.disputeIds.length);
      expect(s.zeroReport).toBe(disputes.length === 0);
      const p = screeningPeriod(s.period);
      expect([s.month, s.dueAt, s.late]).toEqual([p.month, p.dueAt.toISOString(), Date.parse(s.submittedAt) >= p.dueAt.getTime()]);
    }
    for (const r of year.reports) monthlyReportInput.parse({ officeId: r.officeId, month: r.month });
    for (const s of year.submissions) createSubmissionInput.parse({ officeId: s.officeId, kind: s.kind, title: s.title, content: s.content, caseId: s.caseId });
    for (const c of year.committees) committeeInput.parse({ officeId: c.officeId, name: c.name, kind: c.kind, termStart: c.termStart, phone: c.phone, address: c.address });
    for (const m of year.mediators) {
      const { id: _id, areaId: _a, version: _v, updatedAt: _u, ...input } = m;
      expect(mediatorInput.parse(input)).toEqual(input);
    }
    for (const f of year.facts) scorableFact.parse(f);
  });

  it('has committees of 3 to 9 members on three-year terms, each mediator once in the county', () => {
    for (const c of year.committees) {
      const members = count(year.mediators, (m) => m.committeeId === c.id && COMMITTEE_MEMBER_POSTS.includes(m.post));
      expect(members).toBeGreaterThanOrEqual(COMMITTEE_MIN_MEMBERS);
      expect(members).toBeLessThanOrEqual(COMMITTEE_MAX_MEMBERS);
      const [y, m, d] = c.termStart.split('-').map(Number) as [number, number, number];
      expect(c.termEnd).toBe(new Date(Date.UTC(y + 3, m - 1, d) - days(1)).toISOString().slice(0, 10));
      expect(c.termEnd >= shanghaiDay(NOW)).toBe(true);
    }
    expect(new Set(year.mediators.map((m) => m.idNumber)).size).toBe(year.mediators.length);
    expect(count(year.mediators, (m) => m.trainings.length > 0)).toBeGreaterThan(year.mediators.length / 2);
  });

  it('leaves exactly one major dispute unreported: recent, past its four hours', () => {
    const unreported = year.disputes.filter((d) => d.major && !d.reportedAt);
    expect(unreported).toHaveLength(1);
    const [d] = unreported;
    expect(d!.reportDueAt).toBe(majorReportDueAt(d!.registeredAt).toISOString());
    expect(Date.parse(d!.reportDueAt!)).toBeLessThan(NOW.getTime());
    expect(NOW.getTime() - Date.parse(d!.registeredAt)).toBeLessThan(days(20));
    // The rest were reported, most within the four hours.
    const reported = year.disputes.filter((d) => d.major && d.reportedAt);
    const late = count(reported, (d) => d.reportedAt! > d.reportDueAt!);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(reported.length / 4);
  });

  it('has the spread: late and missing screenings and reports, a few offices habitually late, failed and open cases', () => {
    const halfMonths = year.screenings.filter((s) => s.kind === 'half-month');
    const lateShare = (officeId: string) => count(halfMonths, (s) => s.officeId === officeId && s.late) / count(halfMonths, (s) => s.officeId === officeId);
    expect(count(halfMonths, (s) => s.late)).toBeGreaterThan(20);
    expect(lateShare('0203')).toBeGreaterThan(3 * lateShare('0101'));
    // Every office has 24 half-months due before the clock's month; some were never sent.
    const closedPeriods = offices.length * 24;
    const sent = count(halfMonths, (s) => s.month < '2026-12');
    expect(sent).toBeLessThan(closedPeriods);
    expect(sent).toBeGreaterThan(closedPeriods * 0.85);
    expect(count(year.screenings, (s) => s.kind === 'quarterly')).toBeGreaterThan(offices.length * 3);
    expect(count(year.screenings, (s) => s.zeroReport)).toBeGreaterThan(halfMonths.length / 4);

    expect(count(year.reports, (r) => r.late)).toBeGreaterThan(5);
    expect(year.reports.length).toBeLessThan(offices.length * 12);
    expect(year.reports.length).toBeGreaterThan(offices.length * 12 * 0.85);

    const results = (r: string) => count(year.cases, (c) => c.closure?.result === r);
    expect(results('failed')).toBeGreaterThan(10);
    expect(results('terminated')).toBeGreaterThan(3);
    expect(results('agreement')).toBeGreaterThan(0.9 * (results('agreement') + results('failed') + results('terminated')));
    expect(count(year.cases, (c) => c.closure?.agreement?.form === 'oral')).toBeGreaterThan(100);
    expect(count(year.cases, (c) => (c.closure?.agreement?.amountFen ?? 0) > 0)).toBeGreaterThan(100);
    expect(count(year.cases, (c) => (c.status === 'registered' || c.status === 'mediating') && c.receivedOn >= '2026-11')).toBeGreaterThan(20);
    expect(count(year.cases, (c) => c.status === 'closed')).toBeGreaterThan(20);
    expect(count(year.cases, (c) => !!c.followUp)).toBeGreaterThan(year.cases.length / 3);
    expect(count(year.cases, (c) => !!c.confirmation)).toBeGreaterThan(10);
    expect(count(year.cases, (c) => !!c.disputeId)).toBeGreaterThan(50);
    const lateOnline = (c: MediationDemoYear['cases'][number]) => !!c.enteredOnlineAt && c.enteredOnlineAt.slice(0, 7) > c.closure!.closedOn.slice(0, 7) && shanghaiDay(new Date(c.enteredOnlineAt)).slice(8) > '03';
    expect(count(year.cases, lateOnline)).toBeGreaterThan(20);

    const submissions = (p: (s: MediationDemoYear['submissions'][number]) => boolean) => count(year.submissions, p);
    expect(submissions((s) => s.status === 'returned')).toBeGreaterThan(5);
    for (const level of ['county', 'city', 'province'] as const) expect(submissions((s) => s.adoption?.level === level)).toBeGreaterThan(0);
    expect(submissions((s) => s.kind === 'typical-case' && !!s.caseId)).toBeGreaterThan(20);
  });
});

describe('the seed’s items', () => {
  const { records, counters, outbox } = demoYearItems(year, NOW);

  it('file every record under the table’s keys, once', () => {
    const all = [...records, ...counters, ...outbox];
    const keysOf = all.map((i) => `${i.PK}|${i.SK}`);
    expect(new Set(keysOf).size).toBe(all.length);
    for (const i of records.filter((r) => ['case', 'screening', 'dispute', 'submission', 'committee', 'mediator', 'monthly-report'].includes(r.entity as string))) {
      expect([i.GSI1PK, i.GSI2PK, i.GSI3PK]).toEqual([expect.stringMatching(/#O#\d{4}$/), expect.stringMatching(/#A#\d{2}$/), expect.any(String)]);
    }
    expect(count(records, (r) => r.entity === 'unreported-dispute')).toBe(1);
    expect(count(records, (r) => r.entity === 'period-guard')).toBe(year.screenings.length);
  });

  it('carry each fact as an outbox item of the kit’s fact event, keyed the same on every run', () => {
    expect(outbox).toHaveLength(year.facts.length);
    // `outboxItem` checked each detail against the event's schema; the keys depend on the clock and the order only.
    for (const [n, o] of outbox.entries()) {
      expect(o).toMatchObject({ SK: 'OUTBOX', entity: 'outbox', detailType: factEvents.FactRecorded.name, source: 'sifasuo.mediation', PK: `OUTBOX#${numberedUlid(NOW, n)}` });
      expect(o.detail).toEqual(year.facts[n]);
    }
  });
});
