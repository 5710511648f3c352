// The declared registers, every one of them: each declaration is consistent with itself (its list,
// filters, Excel layout and facts name what exists), its schema accepts a proper entry and refuses
// missing, impossible and over-long values in Chinese on the right field, and its rules hold — the
// petitions' reply and completion dates and the legal-aid online-entry due date in Asia/Shanghai,
// around month ends, leap years and the day boundary.
import {
  ENTRY_META_KEYS,
  FACT_KINDS,
  REGISTERS,
  entryInput,
  entryUpdateInput,
  fieldErrorsOf,
  isDomainError,
  parseInput,
  petitionDueDates,
  registerById,
  type ExcelColumn,
  type RegisterDeclaration,
  type RegisterEntry,
  type RegisterField,
} from '@sifasuo/domain';

const NOW = new Date('2026-03-20T02:00:00Z'); // 2026-03-20 10:00 in Shanghai
const DAY = '2026-03-02';
const INSTANT = '2026-03-02T09:30:00+08:00';

/** A proper value of each kind; every date the same day, so any "not before" check is met. */
const sampleValue = (f: RegisterField): unknown => {
  switch (f.kind) {
    case 'text':
    case 'multiline':
      return `${f.label}内容`.slice(0, f.max);
    case 'date':
      return DAY;
    case 'datetime':
      return INSTANT;
    case 'integer':
      return Math.min(f.max, Math.max(f.min, 1));
    case 'choice':
      return f.options[0]!.value;
    case 'names':
      return [{ name: '张建华' }, { name: '李秀英' }].slice(0, f.max);
    case 'flag':
      return true;
    case 'idNumber':
      return '11010519491231002X';
    case 'phone':
      return '13912345678';
  }
};

/** Where a register's rules need more than a value of the right kind (the checks read the values together). */
const RULE_ABIDING: Record<string, Record<string, unknown>> = {
  'study-meetings': { minutes: 180 },
  'legal-aid': { decision: 'granted' },
  'responsibility-letters': { year: 2026 },
};

const sampleOf = (d: RegisterDeclaration): Record<string, unknown> => ({
  ...Object.fromEntries(d.fields.map((f) => [f.key, sampleValue(f)])),
  ...RULE_ABIDING[d.id],
});

/** Optional fields a register's rules ask for in the sample (a publicity event needs its place and format). */
const RULE_REQUIRED: Record<string, readonly string[]> = { publicity: ['place', 'format'] };

/** The sample with only the required fields (and those the rules ask for). */
const requiredOnly = (d: RegisterDeclaration): Record<string, unknown> => {
  const sample = sampleOf(d);
  return Object.fromEntries(d.fields.filter((f) => f.required || RULE_REQUIRED[d.id]?.includes(f.key)).map((f) => [f.key, sample[f.key]]));
};

const errorsOf = (d: RegisterDeclaration, body: Record<string, unknown>) => {
  const result = entryInput(d).safeParse({ officeId: '0101', ...body });
  return result.success ? {} : fieldErrorsOf(result.error);
};

/** An active entry as stored: the values, the derived ones and the meta keys. */
const anEntry = (d: RegisterDeclaration, values: Record<string, unknown>): RegisterEntry => ({
  ...values,
  ...d.derive?.(values),
  id: '01JQ0000000000000000000000', register: d.id, officeId: '0101', areaId: '01', filedOn: String(values[d.dateField]).slice(0, 10),
  status: 'active', version: 1, createdAt: NOW.toISOString(), createdBy: 'staff', updatedAt: NOW.toISOString(), updatedBy: 'staff',
});

type Leaf = Exclude<ExcelColumn, { group: string }>;
const leavesOf = (columns: readonly ExcelColumn[]): Leaf[] => columns.flatMap((c) => ('group' in c ? leavesOf(c.children) : [c]));
const headerOf = (d: RegisterDeclaration, c: Leaf) =>
  c.label ?? ('field' in c ? d.fields.find((f) => f.key === c.field)?.label : 'derived' in c ? d.derived.find((x) => x.key === c.derived)?.label : '序号');

const CHINESE = /[\u4e00-\u9fff]/;
/** What a filter's value may be (entryListQuery's `filter=key:value`). */
const FILTER_KEY = /^[a-zA-Z]+$/;
const FILTER_VALUE = /^[a-z0-9-]+$/;

describe('the catalogue', () => {
  it('declares the twelve books, each id unique and URL-safe', () => {
    expect(REGISTERS.map((d) => d.id)).toEqual([
      'petitions', 'study-meetings', 'publicity', 'legal-aid', 'advisor-consultations', 'notarization', 'legal-service-guidance', 'governance',
      'showcase-sites', 'responsibility-letters', 'trainings', 'public-notices',
    ]);
    expect(new Set(REGISTERS.map((d) => d.id)).size).toBe(REGISTERS.length);
    for (const d of REGISTERS) {
      expect(d.id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(registerById(d.id)).toBe(d);
    }
    expect(registerById('nope')).toBeUndefined();
    expect(new Set(REGISTERS.map((d) => d.name)).size).toBe(REGISTERS.length);
  });
});

describe.each(REGISTERS.map((d) => [d.id, d] as const))('%s', (_id, d) => {
  const fieldKeys = d.fields.map((f) => f.key);
  const derivedKeys = d.derived.map((x) => x.key);
  const fieldOf = (key: string) => d.fields.find((f) => f.key === key);

  it('names its fields once, in camelCase, never as an entry meta key, in Chinese', () => {
    expect(new Set([...fieldKeys, ...derivedKeys]).size).toBe(fieldKeys.length + derivedKeys.length);
    for (const key of [...fieldKeys, ...derivedKeys]) {
      expect(key).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(ENTRY_META_KEYS).not.toContain(key);
    }
    for (const f of [...d.fields, ...d.derived]) expect(f.label).toMatch(CHINESE);
    for (const text of [d.name, d.shortName, d.description, d.archiveCategory, d.excel.title]) expect(text).toMatch(CHINESE);
    for (const f of d.fields) {
      if (f.kind === 'choice') {
        expect(f.options.length).toBeGreaterThan(0);
        expect(new Set(f.options.map((o) => o.value)).size).toBe(f.options.length);
        for (const o of f.options) {
          expect(o.value).toMatch(FILTER_VALUE);
          expect(o.label).toMatch(CHINESE);
        }
      }
      if (f.kind === 'integer') expect(f.min).toBeLessThanOrEqual(f.max);
    }
  });

  it('files by a required date field and is named by a required short text', () => {
    const dateField = fieldOf(d.dateField);
    expect(dateField).toMatchObject({ required: true });
    expect(['date', 'datetime']).toContain(dateField?.kind);
    const title = fieldOf(d.titleField);
    expect(title).toMatchObject({ required: true });
    expect(['text', 'multiline']).toContain(title?.kind);
    expect(title && 'max' in title ? title.max : 0).toBeLessThanOrEqual(2000);
  });

  it('lists and filters by what it declares; a filter is a choice or a flag a query can name', () => {
    expect(d.listColumns.length).toBeGreaterThan(0);
    expect(new Set(d.listColumns).size).toBe(d.listColumns.length);
    for (const key of d.listColumns) expect([...fieldKeys, ...derivedKeys]).toContain(key);
    expect(new Set(d.filters).size).toBe(d.filters.length);
    for (const key of d.filters) {
      expect(key).toMatch(FILTER_KEY);
      expect(['choice', 'flag']).toContain(fieldOf(key)?.kind);
    }
  });

  it('lays out every field exactly once in the Excel book, derived values only as derived', () => {
    const leaves = leavesOf(d.excel.columns);
    const fieldRefs = leaves.flatMap((c) => ('field' in c ? [c.field] : []));
    const derivedRefs = leaves.flatMap((c) => ('derived' in c ? [c.derived] : []));
    expect([...fieldRefs].sort()).toEqual([...fieldKeys].sort());
    expect(derivedRefs.every((key) => derivedKeys.includes(key))).toBe(true);
    expect(new Set(derivedRefs).size).toBe(derivedRefs.length);
    // An import finds each column by its header: no two alike.
    const headers = leaves.map((c) => headerOf(d, c));
    expect(headers.every((h) => typeof h === 'string' && CHINESE.test(h))).toBe(true);
    expect(new Set(headers).size).toBe(headers.length);
    const groups = (columns: readonly ExcelColumn[]): ExcelColumn[] => columns.flatMap((c) => ('group' in c ? [c, ...groups(c.children)] : []));
    for (const g of groups(d.excel.columns)) expect('group' in g && g.children.length).toBeGreaterThan(0);
  });

  it('publishes only declared fact kinds, and its entries earn only those', () => {
    for (const kind of d.facts) expect(FACT_KINDS).toContain(kind);
    expect(d.facts.every((k) => k.startsWith('registers.'))).toBe(true);
    if (d.facts.length === 0) expect(d.factsOf).toBeUndefined();
    // Every choice option in turn, with all fields and with only the required ones.
    const variants = [sampleOf(d), requiredOnly(d)].flatMap((base) => [
      base,
      ...d.fields.flatMap((f) => (f.kind === 'choice' ? f.options.map((o) => ({ ...base, [f.key]: o.value })) : [])),
    ]);
    const earned = new Set<string>();
    for (const values of variants) {
      const entry = anEntry(d, values);
      const facts = d.factsOf?.(entry) ?? [];
      for (const fact of facts) {
        expect(d.facts).toContain(fact.kind);
        expect(fact).toMatchObject({ officeId: '0101', ref: { context: 'registers', type: d.id, id: entry.id } });
        earned.add(fact.kind);
      }
      expect(new Set(facts.map((f) => f.id)).size).toBe(facts.length);
    }
    expect([...earned].sort()).toEqual([...d.facts].sort());
  });

  it('accepts a proper entry, whole or with only the required fields, and its rules find nothing wrong', () => {
    for (const values of [sampleOf(d), requiredOnly(d)]) {
      expect(errorsOf(d, values)).toEqual({});
      expect(d.checks?.(entryInput(d).parse({ officeId: '0101', ...values }), NOW) ?? {}).toEqual({});
      expect(entryUpdateInput(d).safeParse({ ...values, version: 1 }).success).toBe(true);
    }
  });

  it('refuses each missing required field by name, in Chinese (400 through parseInput)', () => {
    for (const f of d.fields.filter((x) => x.required)) {
      const { [f.key]: _missing, ...rest } = sampleOf(d);
      const errors = errorsOf(d, rest);
      expect(Object.keys(errors)).toEqual([f.key]);
      expect(errors[f.key]).toMatch(CHINESE);
      expect(errors[f.key]).toContain(f.kind === 'idNumber' ? '身份证号' : f.kind === 'phone' ? '联系电话' : f.label);
    }
    try {
      parseInput(entryInput(d), { officeId: '0101' });
      throw new Error('accepted an empty entry');
    } catch (e) {
      expect(isDomainError(e) && e.code === 'VALIDATION').toBe(true);
      expect(isDomainError(e) && Object.keys(e.fields ?? {}).sort()).toEqual(d.fields.filter((f) => f.required).map((f) => f.key).sort());
    }
    expect(errorsOf(d, { ...sampleOf(d), unknownField: 1 })).toEqual({ unknownField: '不允许的字段' });
  });

  it('refuses impossible dates (30 February, 29 February outside a leap year) and accepts 29 February 2024', () => {
    const dated = d.fields.filter((f) => f.kind === 'date' || f.kind === 'datetime');
    expect(dated.length).toBeGreaterThan(0);
    for (const f of dated) {
      const at = (day: string) => (f.kind === 'date' ? day : `${day}T10:00:00+08:00`);
      for (const impossible of ['2026-02-30', '2023-02-29', '2026-13-01', '2026-04-31']) {
        const errors = errorsOf(d, { ...sampleOf(d), [f.key]: at(impossible) });
        expect(errors[f.key]).toMatch(CHINESE);
        expect(errors[f.key]).toContain(f.label);
      }
      expect(errorsOf(d, { ...sampleOf(d), [f.key]: at('2024-02-29') })).toEqual({});
    }
  });

  it('refuses over-long text with its limit, and out-of-range numbers', () => {
    for (const f of d.fields) {
      if (f.kind === 'text' || f.kind === 'multiline') {
        expect(errorsOf(d, { ...sampleOf(d), [f.key]: '字'.repeat(f.max) })).toEqual({});
        expect(errorsOf(d, { ...sampleOf(d), [f.key]: '字'.repeat(f.max + 1) })).toEqual({ [f.key]: `${f.label}不能超过${f.max}个字` });
      }
      if (f.kind === 'names') {
        const tooMany = Array.from({ length: f.max + 1 }, (_, i) => ({ name: `人员${i}` }));
        expect(errorsOf(d, { ...sampleOf(d), [f.key]: tooMany })).toEqual({ [f.key]: `${f.label}最多${f.max}人` });
      }
      if (f.kind === 'integer') {
        expect(errorsOf(d, { ...sampleOf(d), [f.key]: f.max + 1 })).toEqual({ [f.key]: `${f.label}不能大于${f.max}` });
        expect(errorsOf(d, { ...sampleOf(d), [f.key]: 1.5 })).toEqual({ [f.key]: `${f.label}应为整数` });
      }
      if (f.kind === 'choice') expect(errorsOf(d, { ...sampleOf(d), [f.key]: 'no-such-option' })[f.key]).toContain(f.options[0]!.label);
    }
  });

  it('refuses a filing date in the future', () => {
    const f = fieldOf(d.dateField)!;
    const tomorrow = f.kind === 'date' ? '2026-03-21' : '2026-03-21T09:00:00+08:00';
    const values = entryInput(d).parse({ officeId: '0101', ...sampleOf(d), [d.dateField]: tomorrow });
    expect(d.checks?.(values, NOW)[d.dateField]).toMatch(/不能晚于/);
  });
});

describe('the books’ own rules', () => {
  const checked = (id: string, over: Record<string, unknown>) => {
    const d = registerById(id)!;
    return d.checks!(entryInput(d).parse({ officeId: '0101', ...sampleOf(d), ...over }), NOW);
  };
  const without = (id: string, ...keys: string[]) => {
    const d = registerById(id)!;
    return Object.fromEntries(Object.entries(sampleOf(d)).filter(([k]) => !keys.includes(k)));
  };
  const checkedWithout = (id: string, keys: string[], over: Record<string, unknown> = {}) => {
    const d = registerById(id)!;
    return d.checks!(entryInput(d).parse({ officeId: '0101', ...without(id, ...keys), ...over }), NOW);
  };

  it('publicity: an event needs its place and format, the annual plan its content; only an event counts (D2)', () => {
    expect(checkedWithout('publicity', ['place', 'format'], { kind: 'event' })).toEqual({ place: '宣传活动须填写地点', format: '宣传活动须选择形式' });
    expect(checkedWithout('publicity', ['place', 'format'], { kind: 'annual-plan' })).toEqual({});
    expect(checkedWithout('publicity', ['content'], { kind: 'annual-plan' })).toEqual({ content: '年度宣传计划须填写计划内容' });
    const d = registerById('publicity')!;
    const event = d.factsOf!(anEntry(d, { ...sampleOf(d), kind: 'event', heldOn: '2026-03-01' }));
    expect(event).toEqual([expect.objectContaining({ kind: 'registers.publicity.held', month: '2026-03', occurredAt: '2026-02-28T16:00:00.000Z' })]);
    expect(d.factsOf!(anEntry(d, { ...sampleOf(d), kind: 'annual-plan' }))).toEqual([]);
  });

  it('legal aid: forwarding, closing, visiting and entering online come after receiving, and not in the future', () => {
    expect(checked('legal-aid', { receivedOn: '2026-03-05', forwardedOn: '2026-03-04', closedOn: '2026-03-04', visitedOn: '2026-03-04', enteredOnlineAt: '2026-03-04T10:00:00+08:00' })).toEqual({
      forwardedOn: '转交日期不能早于受理日期',
      closedOn: '结案日期不能早于受理日期',
      visitedOn: '回访日期不能早于受理日期',
      enteredOnlineAt: '网上录入时间不能早于受理日期',
    });
    expect(checked('legal-aid', { forwardedOn: '2026-03-10', closedOn: '2026-03-09', visitedOn: '2026-03-08' })).toEqual({
      closedOn: '结案日期不能早于转交日期',
      visitedOn: '回访日期不能早于结案日期',
    });
    expect(checkedWithout('legal-aid', ['visitedOn', 'evaluation'], { closedOn: '2026-03-21', enteredOnlineAt: '2026-03-20T10:01:00+08:00' })).toEqual({
      closedOn: '结案日期不能晚于今天',
      enteredOnlineAt: '网上录入时间不能晚于现在',
    });
    // Entered the same day it was received, in the morning of that Shanghai day, is in order.
    expect(checked('legal-aid', { receivedOn: '2026-03-02', enteredOnlineAt: '2026-03-02T00:30:00+08:00' })).toEqual({});
    expect(checkedWithout('legal-aid', ['forwardedOn'], { decision: 'refused', lawyer: '王律师' })).toEqual({
      forwardedOn: '已作出决定的申请须填写转交日期',
      lawyer: '给予援助的案件才有承办律师',
    });
    expect(checkedWithout('legal-aid', ['visitedOn'])).toEqual({ visitedOn: '填写回访评价时须填写回访日期' });
  });

  it('the others keep their dates in order', () => {
    expect(checked('notarization', { receivedOn: '2026-03-05', forwardedOn: '2026-03-04' })).toEqual({ forwardedOn: '转递日期不能早于受理日期' });
    expect(checked('legal-service-guidance', { guidedOn: '2026-03-05', rectifiedOn: '2026-03-04' })).toEqual({ rectifiedOn: '整改完成日期不能早于指导日期' });
    expect(checkedWithout('legal-service-guidance', ['problems'])).toEqual({ problems: '填写整改情况时须填写发现的问题' });
    expect(checked('showcase-sites', { establishedOn: '2026-03-05', inspectedOn: '2026-03-04' })).toEqual({ inspectedOn: '检查日期不能早于设立日期' });
    expect(checked('trainings', { startedOn: '2026-03-05', endedOn: '2026-03-04' })).toEqual({ endedOn: '结束日期不能早于开始日期' });
    expect(checked('trainings', { endedOn: '2026-03-21' })).toEqual({ endedOn: '结束日期不能晚于今天' });
    expect(checked('public-notices', { publishedOn: '2026-03-05', takenDownOn: '2026-03-04' })).toEqual({ takenDownOn: '撤下日期不能早于公开日期' });
    // A notice period may end after today.
    expect(checked('public-notices', { takenDownOn: '2026-04-05' })).toEqual({});
    expect(checked('responsibility-letters', { signedOn: '2025-12-28' })).toEqual({});
    expect(checked('responsibility-letters', { signedOn: '2025-11-01' })).toEqual({});
    expect(checked('responsibility-letters', { signedOn: '2025-10-31' })).toEqual({ signedOn: '签订日期应在2026年内或上年11月、12月' });
    expect(checked('responsibility-letters', { year: 2025 })).toEqual({ signedOn: '签订日期应在2025年内或上年11月、12月' });
    expect(checked('responsibility-letters', { signedOn: '2026-03-05', assessedOn: '2026-03-04' })).toEqual({ assessedOn: '考核日期不能早于签订日期' });
    expect(checkedWithout('responsibility-letters', ['assessedOn'])).toEqual({ assessedOn: '填写考核结果时须填写考核日期' });
  });

  it('responsibility letters choose the posts of the organisation', () => {
    const post = registerById('responsibility-letters')!.fields.find((f) => f.key === 'post');
    expect(post?.kind === 'choice' && post.options.map((o) => o.label)).toEqual(['所长', '副所长', '负责人', '司法助理员', '专职人民调解员', '社区矫正社工', '其他']);
  });
});

describe('petitions: the written reply in 15 days, completion in 60 (+30), by Shanghai calendar days', () => {
  const petitions = registerById('petitions')!;
  const due = (receivedAt: string, extended = false) => petitions.derive!({ receivedAt, extended });

  it.each([
    // Late on 31 January in Beijing is still 31 January (UTC: 15:30 the same day).
    ['2026-01-31T23:30:00+08:00', '2026-02-15', '2026-04-01', '2026-05-01'],
    // 16:30 UTC on 28 February is 00:30 on 1 March in Beijing: counted from 1 March.
    ['2026-02-28T16:30:00Z', '2026-03-16', '2026-04-30', '2026-05-30'],
    // One minute earlier in Beijing it is still 28 February.
    ['2026-02-28T15:59:00Z', '2026-03-15', '2026-04-29', '2026-05-29'],
    // A leap year: 14 February 2024 + 15 days is 29 February.
    ['2024-02-14T10:00:00+08:00', '2024-02-29', '2024-04-14', '2024-05-14'],
    ['2023-02-14T10:00:00+08:00', '2023-03-01', '2023-04-15', '2023-05-15'],
    // Across the year end.
    ['2026-12-20T09:00:00+08:00', '2027-01-04', '2027-02-18', '2027-03-20'],
    ['2026-11-30T09:00:00+08:00', '2026-12-15', '2027-01-29', '2027-02-28'],
  ])('received %s: reply by %s, finish by %s (extended %s)', (receivedAt, replyDueOn, finishDueOn, extendedDueOn) => {
    expect(due(receivedAt)).toEqual({ replyDueOn, finishDueOn });
    expect(due(receivedAt, true)).toEqual({ replyDueOn, finishDueOn: extendedDueOn });
    expect(petitionDueDates(receivedAt)).toEqual({ replyDueOn, finishDueOn });
  });

  it('an answer by 23:59 on the due day in Beijing is on time, one at 00:01 the day after is late', () => {
    const values = { ...sampleOf(petitions), receivedAt: '2026-01-31T23:30:00+08:00' };
    const answered = (answeredAt: string) => petitions.factsOf!(anEntry(petitions, { ...values, answeredAt })).find((f) => f.kind === 'registers.petition.answered')!;
    const onTime = answered('2026-02-15T23:59:00+08:00');
    expect(onTime).toMatchObject({ month: '2026-01', dueAt: '2026-02-15T16:00:00.000Z' });
    expect(Date.parse(onTime.occurredAt)).toBeLessThan(Date.parse(onTime.dueAt!));
    const late = answered('2026-02-16T00:01:00+08:00');
    expect(Date.parse(late.occurredAt)).toBeGreaterThan(Date.parse(late.dueAt!));
  });
});

describe('legal aid: a case received in a month is entered online by the end of the 3rd of the next (D1)', () => {
  const legalAid = registerById('legal-aid')!;
  const factsOf = (receivedOn: string, enteredOnlineAt?: string) =>
    legalAid.factsOf!(anEntry(legalAid, { ...without(), receivedOn, ...(enteredOnlineAt ? { enteredOnlineAt } : {}) }));
  const without = () => Object.fromEntries(Object.entries(sampleOf(legalAid)).filter(([k]) => k !== 'enteredOnlineAt'));

  it('received on 31 January 2026: due by the end of 3 February in Shanghai; 23:59 that day is on time, 00:01 on the 4th late', () => {
    expect(legalAid.derive!({ receivedOn: '2026-01-31' })).toEqual({ onlineEntryDueOn: '2026-02-03' });
    const [received, onTime] = factsOf('2026-01-31', '2026-02-03T23:59:00+08:00');
    expect(received).toMatchObject({ kind: 'registers.legal-aid.received', month: '2026-01', occurredAt: '2026-01-30T16:00:00.000Z', dueAt: '2026-02-03T16:00:00.000Z' });
    expect(onTime).toMatchObject({ kind: 'registers.legal-aid.entered-online', month: '2026-01', occurredAt: '2026-02-03T23:59:00+08:00', dueAt: received!.dueAt });
    expect(Date.parse(onTime!.occurredAt)).toBeLessThan(Date.parse(onTime!.dueAt!));
    const [, late] = factsOf('2026-01-31', '2026-02-04T00:01:00+08:00');
    // Late, but still counted in January (the month the case was received).
    expect(late).toMatchObject({ month: '2026-01', dueAt: '2026-02-03T16:00:00.000Z' });
    expect(Date.parse(late!.occurredAt)).toBeGreaterThan(Date.parse(late!.dueAt!));
  });

  it('a December case is due on 3 January of the next year; a case not yet entered earns only its received fact', () => {
    expect(legalAid.derive!({ receivedOn: '2026-12-31' })).toEqual({ onlineEntryDueOn: '2027-01-03' });
    const facts = factsOf('2026-12-31');
    expect(facts).toEqual([expect.objectContaining({ kind: 'registers.legal-aid.received', month: '2026-12', dueAt: '2027-01-03T16:00:00.000Z' })]);
    expect(legalAid.derive!({ receivedOn: '2024-01-31' })).toEqual({ onlineEntryDueOn: '2024-02-03' });
  });
});
