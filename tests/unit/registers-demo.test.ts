// The demo year of office affairs (packages/domain/src/registers-demo.ts) and the items the seed
// stores from it (functions/src/registers/seed.ts): the same clock gives the same records; every
// entry passes its register's schema and checks as the API would take it, in every declared register;
// leave, reports and tasks pass their input schemas and hold their rules; the year has the spread the
// pages and the assessment are meant to show — late, missing and returned reports, petitions past
// their reply date, tasks overdue.
import {
  absenceInput,
  entryInput,
  isOnTime,
  leaveDays,
  leaveRequestInput,
  REGISTERS,
  registersDemoYear,
  reportDueAt,
  reportInput,
  scorableFact,
  shanghaiDay,
  taskInput,
  taskState,
  type RegisterEntry,
  type RegistersDemoYear,
} from '@sifasuo/domain';
import { county } from '@sifasuo/domain/src/demo-county';
import { demoYearItems } from '../../functions/src/registers/seed';

const offices = county.areas.flatMap((a) => a.offices.map((o) => ({ ...o, areaId: a.id })));
const NOW = new Date('2026-12-02T03:30:00Z');
const year = registersDemoYear(offices, NOW);
const SMALL_OFFICES = ['0101', '0102', '0201'];
const small = registersDemoYear(offices.filter((o) => SMALL_OFFICES.includes(o.id)), NOW, { months: 2 });

const count = <T>(xs: readonly T[], p: (x: T) => boolean) => xs.filter(p).length;
const days = (n: number) => n * 86_400_000;
/** The declared fields' values of an entry: what the API took as input. */
const inputOf = (e: RegisterEntry) => {
  const d = REGISTERS.find((r) => r.id === e.register)!;
  return { officeId: e.officeId, ...Object.fromEntries(d.fields.filter((f) => e[f.key] !== undefined).map((f) => [f.key, e[f.key]])) };
};

describe('the registers demo year', () => {
  it('is the same for the same clock, and another for another clock', () => {
    expect(registersDemoYear(offices, NOW)).toEqual(year);
    const later = registersDemoYear(offices, new Date(NOW.getTime() + days(40)));
    expect(later.entries.map((e) => e.id)).not.toEqual(year.entries.map((e) => e.id));
  });

  it('has entries in every declared register, each one accepted by its schema and checks as the API takes it', () => {
    for (const d of REGISTERS) {
      const entries = year.entries.filter((e) => e.register === d.id);
      expect([d.id, entries.length > 10]).toEqual([d.id, true]);
      const schema = entryInput(d);
      for (const e of entries) {
        const parsed = schema.safeParse(inputOf(e));
        expect([e.id, parsed.success ? [] : parsed.error.issues]).toEqual([e.id, []]);
        const { officeId: _o, ...values } = parsed.data as Record<string, unknown>;
        expect([d.id, e.id, d.checks?.(values, NOW) ?? {}]).toEqual([d.id, e.id, {}]);
        expect(e).toMatchObject(d.derive?.(values) ?? {});
      }
    }
    const ids = year.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers every office for the twelve months before the clock and this month so far, nothing after the clock', () => {
    expect([...new Set(year.entries.map((e) => e.filedOn.slice(0, 7)))].sort()).toEqual(['2025-12', ...Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)]);
    for (const o of offices) expect(count(year.entries, (e) => e.officeId === o.id && e.register === 'study-meetings')).toBeGreaterThan(30);
    const instants = [
      ...year.entries.flatMap((e) => [e.createdAt, e.updatedAt]),
      ...year.leave.flatMap((l) => [l.requestedAt, l.updatedAt]),
      ...year.absences.map((a) => a.recordedAt),
      ...year.reports.flatMap((r) => [r.submittedAt, r.updatedAt, r.returnedAt ?? r.submittedAt]),
      ...year.tasks.map((t) => t.assignedAt),
      ...year.assignments.flatMap((a) => [a.completedAt ?? NOW.toISOString(), a.overdueAt ?? NOW.toISOString()]),
      ...year.facts.map((f) => f.occurredAt),
    ];
    expect(instants.filter((t) => Date.parse(t) > NOW.getTime())).toEqual([]);
  });

  it('has petitions answered late and some past their reply date unanswered, a few extended; legal aid entered late or never', () => {
    const petitions = year.entries.filter((e) => e.register === 'petitions' && e.status === 'active');
    const late = count(petitions, (p) => typeof p.answeredAt === 'string' && shanghaiDay(new Date(p.answeredAt)) > String(p.replyDueOn));
    const overdue = count(petitions, (p) => !p.answeredAt && String(p.replyDueOn) < shanghaiDay(NOW));
    expect(late).toBeGreaterThan(20);
    expect(overdue).toBeGreaterThan(5);
    expect(overdue).toBeLessThan(petitions.length / 8);
    expect(count(petitions, (p) => p.extended === true)).toBeGreaterThan(5);
    const aid = year.entries.filter((e) => e.register === 'legal-aid');
    expect(count(aid, (e) => typeof e.enteredOnlineAt === 'string' && shanghaiDay(new Date(e.enteredOnlineAt)) > String(e.onlineEntryDueOn))).toBeGreaterThan(5);
    expect(count(aid, (e) => !e.enteredOnlineAt && String(e.onlineEntryDueOn) < shanghaiDay(NOW))).toBeGreaterThan(5);
  });

  it('has a weekly study most weeks (some missed) and publicity most months (some months none)', () => {
    const weekly = count(year.entries, (e) => e.register === 'study-meetings' && e.kind === 'weekly-study');
    // 56 Fridays from 2025-12-01 to 2026-12-02.
    expect(weekly).toBeGreaterThan(offices.length * 56 * 0.75);
    expect(weekly).toBeLessThan(offices.length * 56 * 0.95);
    const monthsWithEvents = new Set(year.entries.filter((e) => e.register === 'publicity' && e.kind === 'event').map((e) => `${e.officeId}#${e.filedOn.slice(0, 7)}`));
    expect(monthsWithEvents.size).toBeGreaterThan(offices.length * 13 * 0.6);
    expect(monthsWithEvents.size).toBeLessThan(offices.length * 13 * 0.95);
  });

  it('has leave approved, refused, cancelled and waiting for every area director, and a few absences on days without leave', () => {
    for (const status of ['approved', 'refused', 'cancelled', 'requested'] as const) expect([status, count(year.leave, (l) => l.status === status) > 3]).toEqual([status, true]);
    for (const area of county.areas) expect(count(year.leave, (l) => l.areaId === area.id && l.status === 'requested' && !l.username.startsWith('director-'))).toBeGreaterThan(0);
    for (const l of year.leave) {
      leaveRequestInput.parse({ officeId: l.officeId, kind: l.kind, from: l.from, to: l.to, reason: l.reason });
      expect(l.days).toBe(leaveDays(l.from, l.to));
      if (l.decidedBy) expect(l.decidedBy).not.toBe(l.username);
    }
    expect(year.absences.length).toBeGreaterThan(3);
    expect(year.absences.length).toBeLessThan(offices.length / 2);
    for (const a of year.absences) absenceInput.parse({ officeId: a.officeId, name: a.name, on: a.on, note: a.note });
  });

  it('has reports mostly on time, some late, some missing, some returned and resubmitted, a few still returned', () => {
    for (const r of year.reports) {
      reportInput.parse({ officeId: r.officeId, kind: r.kind, period: r.period, title: r.title, content: r.content, author: r.author });
      expect([r.id, r.dueAt, r.onTime]).toEqual([r.id, reportDueAt(r.kind, r.period).toISOString(), isOnTime(r.kind, r.period, r.submittedAt)]);
    }
    const feedback = year.reports.filter((r) => r.kind === 'monthly-feedback');
    // Twelve months' feedback was due before the clock (2025-11 … 2026-10; 2026-11's is due on the 5th).
    const due = offices.length * 12;
    expect(count(feedback, (r) => r.period < '2026-11')).toBeLessThan(due);
    expect(count(feedback, (r) => r.period < '2026-11')).toBeGreaterThan(due * 0.85);
    expect(count(year.reports, (r) => !r.onTime)).toBeGreaterThan(50);
    expect(count(year.reports, (r) => r.status === 'returned')).toBeGreaterThan(3);
    expect(count(year.reports, (r) => r.status === 'submitted' && r.returns > 0)).toBeGreaterThan(10);
    expect(count(year.reports, (r) => r.kind === 'information')).toBeGreaterThan(offices.length * 13);
    for (const kind of ['annual-plan', 'half-year-summary', 'year-end-summary', 'research-article', 'experience-material', 'platform-data'] as const) {
      expect([kind, count(year.reports, (r) => r.kind === kind) > offices.length * 0.8]).toEqual([kind, true]);
    }
    // One of each single kind per office and period.
    const singles = year.reports.filter((r) => !['information', 'research-article', 'experience-material'].includes(r.kind)).map((r) => `${r.officeId}#${r.kind}#${r.period}`);
    expect(new Set(singles).size).toBe(singles.length);
  });

  it('has 8–15 tasks, to several offices each, most done, some late, some overdue and open', () => {
    expect(year.tasks.length).toBeGreaterThanOrEqual(8);
    expect(year.tasks.length).toBeLessThanOrEqual(15);
    for (const t of year.tasks) {
      taskInput.parse({ title: t.title, content: t.content, officeIds: t.officeIds, dueOn: t.dueOn });
      expect(year.assignments.filter((a) => a.taskId === t.id).map((a) => a.officeId)).toEqual(t.officeIds);
    }
    for (const a of year.assignments) expect(a.state).toBe(taskState(a, NOW));
    const states = (s: string) => count(year.assignments, (a) => a.state === s);
    expect(states('done')).toBeGreaterThan(year.assignments.length / 2);
    expect(states('done-late')).toBeGreaterThan(5);
    expect(states('overdue')).toBeGreaterThan(5);
    expect(states('open')).toBeGreaterThan(0);
    expect(count(year.facts, (f) => f.kind === 'registers.task.overdue')).toBe(count(year.assignments, (a) => !!a.overdueAt));
  });

  it('holds every fact its records earn, each valid and once', () => {
    for (const f of year.facts) scorableFact.parse(f);
    expect(new Set(year.facts.map((f) => f.id)).size).toBe(year.facts.length);
    for (const kind of ['registers.petition.answered', 'registers.study.held', 'registers.publicity.held', 'registers.legal-aid.entered-online', 'registers.absence.unexcused',
      'registers.feedback.submitted', 'registers.platform-data.confirmed', 'registers.information.submitted', 'registers.report.submitted', 'registers.task.completed'] as const) {
      expect([kind, count(year.facts, (f) => f.kind === kind) > 0]).toEqual([kind, true]);
    }
    // Withdrawn entries and returned reports earn none.
    const refs = new Set(year.facts.map((f) => f.ref.id));
    expect(year.entries.filter((e) => e.status === 'withdrawn' && refs.has(e.id))).toEqual([]);
    expect(year.reports.filter((r) => r.status === 'returned' && refs.has(r.id))).toEqual([]);
  });
});

describe('the small demo (clouds that are thrown away)', () => {
  it('is last month and this one for the demo accounts’ offices, a handful of records', () => {
    expect(new Set(small.entries.map((e) => e.officeId))).toEqual(new Set(SMALL_OFFICES));
    expect(new Set(small.entries.map((e) => e.filedOn.slice(0, 7)))).toEqual(new Set(['2026-11', '2026-12']));
    const records = (y: RegistersDemoYear) => y.entries.length + y.leave.length + y.absences.length + y.reports.length + y.tasks.length + y.assignments.length;
    expect(records(small)).toBeLessThan(150);
    expect(records(small) * 50).toBeLessThan(records(year));
    expect(small.tasks.length).toBeGreaterThan(0);
    expect(new Set(small.assignments.map((a) => a.officeId)).size).toBeGreaterThan(1);
    // director-01's queue has a request.
    expect(count(small.leave, (l) => l.areaId === '01' && l.status === 'requested')).toBeGreaterThan(0);
  });
});

describe('the seed’s items', () => {
  const { records, guards, outbox } = demoYearItems(year, NOW);

  it('file every record under the table’s keys, once, with a guard per single report and an OPEN item per open assignment', () => {
    const all = [...records, ...guards, ...outbox];
    expect(new Set(all.map((i) => `${i.PK}|${i.SK}`)).size).toBe(all.length);
    expect(guards.length).toBe(count(year.reports, (r) => !['information', 'research-article', 'experience-material'].includes(r.kind)));
    expect(count(records, (r) => String(r.SK).startsWith('OPEN#'))).toBe(count(year.assignments, (a) => !a.completedAt));
    for (const i of records.filter((r) => r.entity === 'entry')) expect([i.GSI1PK, i.GSI2PK]).toEqual([expect.stringMatching(/^ENTRY#.+#O#\d{4}$/), expect.stringMatching(/#A#\d{2}$/)]);
  });

  it('carry each fact as an outbox item', () => {
    expect(outbox).toHaveLength(year.facts.length);
    for (const [n, o] of outbox.entries()) expect(o).toMatchObject({ SK: 'OUTBOX', entity: 'outbox', source: 'sifasuo.registers', detail: year.facts[n] });
  });
});
