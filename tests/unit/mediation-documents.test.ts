// The mediation documents, checked as people receive them. The agreement PDF is rendered to images
// by poppler (pdftoppm) as well as read back as text: extracted text alone misses glyphs that draw as
// boxes or not at all, so every glyph the pages show must be a real glyph of the font, every character
// must exist in the font, and every full-width character cell of the rendered page must carry ink.
// The workbooks are read back with exceljs: merged headers, numbers as numbers, totals, and the roster
// round trip and its import problems.
import * as fontkit from 'fontkit';
import {
  idNumberCheckChar,
  mediatorInput,
  monthlyStatistics,
  ROSTER_COLUMNS,
  ROSTER_HEADERS,
  type Committee,
  type MediationCase,
  type Mediator,
  type MediatorInput,
  type Office,
  type StatisticsRow,
} from '@sifasuo/domain';
import { agreementPdf } from '../../functions/src/mediation/documents/agreement';
import { parseRosterWorkbook, rosterWorkbook } from '../../functions/src/mediation/documents/roster';
import { statisticsWorkbook } from '../../functions/src/mediation/documents/statistics';
import { cjkFontPath, renderPdf as drawPdf } from '../../functions/src/shared/pdf';
import { newWorkbook, readWorkbook, workbookBytes } from '../../functions/src/shared/xlsx';
import { emptyCells, FULL_WIDTH_WORD, inkIn, renderPdf, type RenderedPdf } from '../support/pdf-render';

/** A valid ID number (GB 11643) born on `birth` (YYYYMMDD) with sequence `seq`. */
const idNumber = (birth: string, seq: number) => {
  const first17 = `110101${birth}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

const office: Office = {
  id: '0101', name: '城关镇司法所', township: '城关镇', areaId: '01', officeClass: 'central', version: 1, updatedAt: '2026-01-01T00:00:00Z',
};

const agreementCase = (terms: string, summary = '申请人与被申请人系相邻住户。2026年2月，被申请人在自家院内扩建厨房，占用双方之间约1.2米宽的公共通道，致使申请人出行不便，引发纠纷。'): MediationCase => ({
  id: 'C1', caseNo: '（2026）人调字第0101-0012号', officeId: '0101', areaId: '01', receivedOn: '2026-03-02', source: 'application', disputeType: 'neighbour',
  summary,
  parties: [
    { name: '张建国', role: 'applicant', idNumber: idNumber('19900307', 123), phone: '13800138000', address: '青山县城关镇人民路18号' },
    { name: '李秀英', role: 'respondent', idNumber: idNumber('19850612', 2), phone: '13900139000', address: '青山县城关镇人民路20号' },
    { name: '欧阳淼', role: 'respondent', phone: '0791-86010100' },
  ],
  mediators: ['王德明', '赵丽'],
  status: 'closed',
  records: [],
  closure: {
    result: 'agreement', closedOn: '2026-03-15', closedAt: '2026-03-15T02:00:00.000Z', by: 'staff-0101',
    agreement: { form: 'written', terms, amountFen: 350_000, performBy: '2026-04-30' },
  },
  createdAt: '2026-03-02T01:00:00.000Z', createdBy: 'staff-0101', updatedAt: '2026-03-15T02:00:00.000Z', version: 3,
});
const TERMS = '一、被申请人于2026年4月30日前拆除占用公共通道的扩建部分，恢复通道原宽度。\n二、被申请人一次性赔偿申请人误工费、交通费共计人民币3,500.00元，于2026年3月31日前当面付清。\n三、双方今后互谅互让，和睦相处。';
const documentInput = (c: MediationCase) => ({ case: c, office, bureauName: '青山县司法局', disputeTypeLabel: '邻里纠纷', sourceLabel: '当事人申请' });

// ---- PDF checks ----------------------------------------------------------------------------------

const font = fontkit.openSync(cjkFontPath()) as fontkit.Font;
const missingFromFont = (text: string) => [...new Set([...text.replace(/\s/g, '')])].filter((ch) => !font.hasGlyphForCodePoint(ch.codePointAt(0)!));
const squeeze = (s: string) => s.replace(/\s/g, '');

describe('人民调解协议书 (PDF)', () => {
  const c = agreementCase(TERMS);
  let bytes: Uint8Array;
  let rendered: RenderedPdf;
  beforeAll(async () => {
    bytes = await agreementPdf(documentInput(c));
    rendered = renderPdf(bytes);
  });

  it('carries the official form: number, committee, parties, facts, terms, amount, deadline, method, the 30-day notice, copies, signatures, seal and date', () => {
    const text = squeeze(rendered.text);
    const expected = [
      '人民调解协议书', '编号：（2026）人调字第0101-0012号', '城关镇人民调解委员会', '纠纷类型：邻里纠纷', '案件来源：当事人申请', '受理日期：2026年3月2日',
      ...c.parties.flatMap((p) => [`：${p.name}`, ...(p.idNumber ? [`身份证号：${p.idNumber}`] : []), `联系电话：${p.phone}`, ...(p.address ? [`住址：${p.address}`] : [])]),
      squeeze(c.summary), ...TERMS.split('\n'),
      '协议涉及金额：人民币3,500.00元', '履行期限：2026年4月30日前', '履行方式：',
      '自本协议生效之日起三十日内共同向人民法院申请司法确认', '本协议一式四份，当事人各执一份，人民调解委员会留存一份',
      '各方当事人（签名、盖章或按指印）', '申请人张建国', '被申请人李秀英', '被申请人欧阳淼', '人民调解员（签名）', '王德明', '赵丽',
      '城关镇人民调解委员会（印章）', '2026年3月15日', '青山县司法局城关镇司法所', '第1页共2页',
    ];
    expect(expected.filter((e) => !text.includes(e))).toEqual([]);
  });

  it('embeds its one font, Noto Sans SC, with a Unicode map (nothing taken from the reader’s machine)', () => {
    const rows = rendered.fonts.trim().split('\n').slice(2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^[A-Z]{6}\+NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('shows no missing-glyph box: every glyph drawn is a real glyph of the font, and the font has every character', () => {
    expect(rendered.shownGlyphs.length).toBeGreaterThan(300);
    expect(rendered.shownGlyphs.filter((g) => g === '0000')).toEqual([]);
    expect(missingFromFont(rendered.text)).toEqual([]);
    expect(missingFromFont(JSON.stringify(documentInput(c)))).toEqual([]);
  });

  it('draws every character: each full-width character cell of the rendered pages has ink (a dropped glyph leaves one blank)', () => {
    expect(rendered.pages).toHaveLength(2);
    const checked = rendered.words.filter((w) => FULL_WIDTH_WORD.test(w.text)).reduce((n, w) => n + [...w.text].length, 0);
    expect(checked).toBeGreaterThan(100);
    expect(emptyCells(rendered)).toEqual([]);
    // And nothing is drawn where the form leaves space: the margin left of the text.
    for (const page of rendered.pages) expect(inkIn(page, 0, 0, 60, 841)).toBe(0);
  });

  it('(the check itself) finds a character that draws nothing, though its text is still extracted', async () => {
    const probe = renderPdf(
      await drawPdf({ title: '探针', footer: '探针' }, (pen) => {
        pen.doc.fontSize(12).text('人民调解', 70, 100, { continued: true }).fillColor('white').text('协', { continued: true }).fillColor('black').text('议书');
      }),
    );
    expect(squeeze(probe.text)).toContain('人民调解协议书');
    expect(emptyCells(probe)).toEqual(['协（第1页“人民调解协议书”）']);
  });

  it('goes on over as many pages as the terms need, numbered, with the signatures kept together', async () => {
    const longTerms = Array.from({ length: 40 }, (_, i) => `${i + 1}、被申请人应于2026年4月${(i % 28) + 1}日前向申请人支付第${i + 1}期款项人民币500.00元，逾期未付的，申请人可以依法向人民法院起诉。`).join('\n');
    const long = renderPdf(await agreementPdf(documentInput(agreementCase(longTerms))));
    expect(long.pages.length).toBeGreaterThanOrEqual(3);
    const n = long.pages.length;
    for (let i = 1; i <= n; i++) expect(squeeze(long.text)).toContain(`第${i}页共${n}页`);
    // The footers are drawn last, so the extracted text has them where a page ends mid-sentence.
    const body = squeeze(long.text).replace(/青山县司法局城关镇司法所第\d+页共\d+页/g, '');
    for (const line of longTerms.split('\n')) expect(body).toContain(line);
    const headingPage = long.words.find((w) => w.text.startsWith('各方当事人（签名'))!.page;
    const sealPage = long.words.find((w) => w.text.includes('（印章）'))!.page;
    expect(sealPage).toBe(headingPage);
    expect(emptyCells(long)).toEqual([]);
    expect(long.shownGlyphs.filter((g) => g === '0000')).toEqual([]);
  });

  it('records an oral agreement as the committee’s registration form', async () => {
    const oral = agreementCase(TERMS);
    oral.closure!.agreement!.form = 'oral';
    const text = squeeze(renderPdf(await agreementPdf(documentInput(oral))).text);
    expect(text).toContain('人民调解口头协议登记表');
    expect(text).toContain('各方当事人自愿达成如下口头协议（由人民调解员记录）');
    expect(text).not.toContain('人民调解协议书');
  });

  it('is refused for a case without an agreement (409)', async () => {
    const failed = { ...c, closure: { result: 'failed' as const, closedOn: '2026-03-15', closedAt: '2026-03-15T02:00:00Z', by: 'x', reason: '双方分歧过大' } };
    await expect(agreementPdf(documentInput(failed))).rejects.toMatchObject({ code: 'CONFLICT', message: '该案件未达成调解协议，没有调解协议书' });
  });
});

// ---- Statistics workbook -------------------------------------------------------------------------

const TYPES = [
  { code: 'marriage', label: '婚姻家庭纠纷' },
  { code: 'neighbour', label: '邻里纠纷' },
  { code: 'contract', label: '合同纠纷' },
];
const SOURCES = [
  { code: 'own-initiative', label: '主动调解' },
  { code: 'application', label: '申请调解' },
  { code: 'referral', label: '接受委托移送调解' },
];

const closedCase = (i: number, disputeType: string, source: string, closure: MediationCase['closure']): MediationCase => ({
  ...agreementCase(TERMS), id: `C${i}`, caseNo: `（2026）人调字第0101-${String(i).padStart(4, '0')}号`, disputeType, source, closure, receivedOn: '2026-03-0' + ((i % 9) + 1),
});
const agreementClosure = (form: 'written' | 'oral', amountFen: number) =>
  ({ result: 'agreement', closedOn: '2026-03-20', closedAt: '2026-03-20T02:00:00Z', by: 'x', agreement: { form, terms: '略', amountFen, performBy: '2026-04-30' } }) as const;
const otherClosure = (result: 'failed' | 'terminated') => ({ result, closedOn: '2026-03-21', closedAt: '2026-03-21T02:00:00Z', by: 'x', reason: '略' }) as const;

describe('人民调解工作统计表 (Excel)', () => {
  const cases = [
    closedCase(1, 'marriage', 'application', agreementClosure('written', 123_456)),
    closedCase(2, 'marriage', 'own-initiative', agreementClosure('oral', 0)),
    closedCase(3, 'neighbour', 'application', agreementClosure('written', 1_000_001)),
    closedCase(4, 'neighbour', 'referral', otherClosure('failed')),
    closedCase(5, 'neighbour', 'application', otherClosure('terminated')),
    closedCase(6, 'contract', 'referral', undefined),
    closedCase(7, 'contract', 'application', agreementClosure('written', 99)),
  ];
  const stats = monthlyStatistics(cases, '2026-03', TYPES, SOURCES);
  const generatedAt = new Date('2026-04-01T02:30:00Z');

  it('has a sheet by dispute type and one by source, each titled with scope and month and noting when it was generated', async () => {
    const wb = (await readWorkbook(await statisticsWorkbook({ stats, scopeLabel: '青山县', generatedAt })))!;
    expect(wb.worksheets.map((s) => s.name)).toEqual(['按纠纷类型', '按案件来源']);
    for (const sheet of wb.worksheets) {
      expect(sheet.getCell('A1').value).toMatch(/^青山县人民调解工作统计表（2026年3月，按/);
      expect(sheet.getCell('A2').value).toContain('生成时间：2026-04-01 10:30（北京时间）');
    }
  });

  it('has the official multi-level header in merged cells (调结数 over its results, 调解成功 over 小计/书面/口头)', async () => {
    const sheet = (await readWorkbook(await statisticsWorkbook({ stats, scopeLabel: '青山县', generatedAt })))!.worksheets[0]!;
    expect([...sheet.model.merges].sort()).toEqual(
      ['A1:J1', 'A2:J2', 'A3:A5', 'B3:B5', 'C3:H3', 'C4:C5', 'D4:F4', 'G4:G5', 'H4:H5', 'I3:I5', 'J3:J5'].sort(),
    );
    const header = { A3: '纠纷类型', B3: '受理数', C3: '调结数', C4: '合计', D4: '调解成功', D5: '小计', E5: '书面协议', F5: '口头协议', G4: '调解不成', H4: '终止调解', I3: '调解成功率', J3: '协议涉及金额（元）' };
    for (const [address, label] of Object.entries(header)) expect([address, sheet.getCell(address).value]).toEqual([address, label]);
  });

  it('keeps numbers as numbers (amounts in yuan with two decimals, the rate as a percentage), and the total row is the sum of the rows', async () => {
    const wb = (await readWorkbook(await statisticsWorkbook({ stats, scopeLabel: '青山县', generatedAt })))!;
    for (const [sheet, rows] of [[wb.worksheets[0]!, stats.byType], [wb.worksheets[1]!, stats.bySource]] as const) {
      const read = (r: number) => Array.from({ length: 10 }, (_, c) => sheet.getCell(6 + r, c + 1).value);
      const expectedRow = (s: StatisticsRow) => [s.label, s.received, s.closed, s.agreements, s.written, s.oral, s.failed, s.terminated, s.successPermille === undefined ? '—' : s.successPermille / 1000, s.amountFen / 100];
      rows.forEach((s, r) => expect(read(r)).toEqual(expectedRow(s)));
      const total = read(rows.length);
      expect(total).toEqual(expectedRow(stats.total));
      for (let c = 1; c <= 7; c++) expect(total[c]).toBe(rows.reduce((n, _, r) => n + (read(r)[c] as number), 0));
      expect(Math.round((total[9] as number) * 100)).toBe(rows.reduce((n, _, r) => n + Math.round((read(r)[9] as number) * 100), 0));
      expect(sheet.getCell(6, 10).numFmt).toBe('#,##0.00');
      expect(sheet.getCell(6 + rows.length, 9).numFmt).toBe('0.0%');
      expect(sheet.getCell(6 + rows.length, 1).font?.bold).toBe(true);
    }
    // The figures themselves: 7 received, 6 closed, 4 agreements (3 written, 1 oral), 11,235.56 yuan.
    expect(stats.total).toMatchObject({ received: 7, closed: 6, agreements: 4, written: 3, oral: 1, failed: 1, terminated: 1, amountFen: 1_123_556 });
    expect(wb.worksheets[0]!.getCell(6 + stats.byType.length, 10).value).toBe(11_235.56);
    expect(wb.worksheets[0]!.getCell(6 + stats.byType.length, 9).value).toBe(0.667);
  });
});

// ---- Roster workbook -----------------------------------------------------------------------------

const committees: Committee[] = [
  { id: 'CM1', officeId: '0101', areaId: '01', name: '城关镇人民调解委员会', kind: 'township', termStart: '2024-01-01', termEnd: '2026-12-31', version: 1, updatedAt: '' },
  { id: 'CM2', officeId: '0101', areaId: '01', name: '人民路社区人民调解委员会', kind: 'community', termStart: '2024-01-01', termEnd: '2026-12-31', version: 1, updatedAt: '' },
  { id: 'CM9', officeId: '0102', areaId: '01', name: '东关镇人民调解委员会', kind: 'township', termStart: '2024-01-01', termEnd: '2026-12-31', version: 1, updatedAt: '' },
];
const mediator = (i: number, over: Partial<MediatorInput> = {}): Mediator => ({
  id: `M${i}`, areaId: '01', version: 1, updatedAt: '',
  officeId: '0101', committeeId: 'CM1', name: ['王德明', '赵丽', '欧阳淼', '陈志强'][i % 4]!, sex: i % 2 ? 'female' : 'male',
  idNumber: idNumber(`1970010${(i % 9) + 1}`, 100 + i), ethnicity: i === 2 ? '回族' : '汉族', education: '大学本科', post: 'mediator', fullTime: i % 2 === 0,
  phone: `1380013800${i}`, termStart: '2024-01-01', termEnd: '2026-12-31', trainings: [], ...over,
});

describe('人民调解员花名册 (Excel)', () => {
  const mediators = [
    mediator(0, { post: 'director', trainings: [{ on: '2026-03-15', title: '人民调解业务培训', hours: 8 }, { on: '2026-05-20', title: '调解技巧 与 心理疏导', hours: 1.5 }] }),
    mediator(1, { committeeId: 'CM2', post: 'deputy', idNumber: idNumber('19800229', 11) }),
    mediator(2, { committeeId: 'CM2', education: '中专或高中', trainings: [{ on: '2025-11-02', title: '法律知识讲座', hours: 2 }] }),
    mediator(3, { post: 'member', phone: '0791-86010100' }),
  ];
  const byId = (rows: readonly MediatorInput[]) => [...rows].sort((a, b) => a.idNumber.localeCompare(b.idNumber));
  const inputOf = ({ id: _id, areaId: _a, version: _v, updatedAt: _u, ...input }: Mediator): MediatorInput => input;

  it('has a column for every field of a mediator (but the office, which the import is for)', () => {
    const fields = ROSTER_COLUMNS.flatMap((c) => (c.field ? [c.field] : []));
    expect([...fields].sort()).toEqual(Object.keys(mediatorInput.shape).filter((k) => k !== 'officeId').sort());
  });

  it('exports the roster in its column layout and reads it back to exactly the same mediators', async () => {
    const bytes = await rosterWorkbook({ mediators, committees, offices: [office] });
    const sheet = (await readWorkbook(bytes))!.worksheets[0]!;
    expect(Array.from({ length: ROSTER_HEADERS.length }, (_, c) => sheet.getCell(1, c + 1).value)).toEqual([...ROSTER_HEADERS]);
    expect(sheet.getCell(2, 1).value).toBe(1);
    // By committee name (in pinyin order: 城关镇 before 人民路), then post.
    expect([sheet.getCell(2, 7).value, sheet.getCell(2, 8).value, sheet.getCell(4, 7).value]).toEqual(['城关镇人民调解委员会', '主任', '人民路社区人民调解委员会']);
    expect(typeof sheet.getCell(2, 5).value).toBe('string'); // ID numbers stay text

    const parsed = await parseRosterWorkbook(bytes, { officeId: '0101', committees });
    expect(parsed.problems).toEqual([]);
    expect(byId(parsed.rows)).toEqual(byId(mediators.map(inputOf)));
  });

  /** A roster file as someone fills it in Excel: the header row, then rows of cells. */
  const fileOf = async (header: readonly string[], rows: unknown[][]) => {
    const wb = await newWorkbook(new Date());
    const sheet = wb.addWorksheet('Sheet1');
    sheet.addRow([...header]);
    for (const r of rows) sheet.addRow(r);
    return workbookBytes(wb);
  };
  const good = (over: Record<number, unknown>, seq = 1) => {
    const row: unknown[] = [seq, '刘洋', '男', '汉族', idNumber('19881231', 30 + seq), '大学专科', '城关镇人民调解委员会', '调解员', '兼职', '13700137000', '2024-01-01', '2026-12-31', ''];
    for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
    return row;
  };

  it('accepts what Excel stores: numbers for phones and serials, date cells, one-digit dates, blank rows', async () => {
    const bytes = await fileOf(ROSTER_HEADERS, [
      good({ 9: 13700137000, 10: new Date(Date.UTC(2024, 0, 1)), 11: '2026/12/31', 12: '2025-3-5 消防与安全 4学时\n2025-06-01 普法 2学时' }),
      [],
      good({ 10: 45292 }, 3), // 45292 is 2024-01-01 as an Excel day number
    ]);
    const { rows, problems } = await parseRosterWorkbook(bytes, { officeId: '0101', committees });
    expect(problems).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ phone: '13700137000', termStart: '2024-01-01', termEnd: '2026-12-31', committeeId: 'CM1', sex: 'male', fullTime: false, post: 'mediator' });
    expect(rows[0]!.trainings).toEqual([{ on: '2025-03-05', title: '消防与安全', hours: 4 }, { on: '2025-06-01', title: '普法', hours: 2 }]);
    expect(rows[1]!.termStart).toBe('2024-01-01');
  });

  it('reports every bad row by Excel row, column header and reason (the schema’s own messages), and imports none of them', async () => {
    const first = idNumber('19881231', 31);
    const bytes = await fileOf(ROSTER_HEADERS, [
      good({}), // row 2: fine
      good({ 1: '', 2: '未知', 4: first.slice(0, 17) + (first[17] === '0' ? '1' : '0') }, 2), // row 3
      good({ 6: '东关镇人民调解委员会', 7: '组长', 8: '' }, 3), // row 4: another office's committee
      good({ 4: first, 9: '12345', 10: '2026-13-01' }, 4), // row 5: the ID of row 2
      good({ 4: 110101198812310316, 12: '培训过一次' }, 5), // row 6: ID typed as a number
      good({ 5: '小学', 11: '', 12: '2026-01-05 普法 0学时' }, 6), // row 7
    ]);
    const { rows, problems } = await parseRosterWorkbook(bytes, { officeId: '0101', committees });
    expect(problems).toEqual([
      { row: 3, column: '姓名', reason: '请填写姓名' },
      { row: 3, column: '性别', reason: '请选择性别（可填：男、女）' },
      { row: 3, column: '身份证号', reason: '身份证号校验位不正确' },
      { row: 4, column: '所属调委会', reason: '本所没有名为“东关镇人民调解委员会”的调委会' },
      { row: 4, column: '职务', reason: '请选择职务（可填：主任、副主任、委员、调解员）' },
      { row: 4, column: '专兼职', reason: '请选择专职或兼职（可填：专职、兼职）' },
      { row: 5, column: '身份证号', reason: '与第2行的身份证号重复' },
      { row: 5, column: '联系电话', reason: '联系电话应为11位手机号或带区号的固定电话' },
      { row: 5, column: '任期开始', reason: '任期开始日期不是有效日期' },
      { row: 6, column: '身份证号', reason: '身份证号被存成了数字，末几位已丢失；请把该列设为文本格式后重新填写' },
      { row: 6, column: '培训情况', reason: '第1条培训应写作“YYYY-MM-DD 培训内容 学时数学时”' },
      { row: 7, column: '学历', reason: '请选择学历（可填：研究生、大学本科、大学专科、中专或高中、其他）' },
      { row: 7, column: '任期结束', reason: '请填写任期结束日期' },
      { row: 7, column: '培训情况', reason: '第1条培训：学时至少0.5' },
    ]);
    expect(rows.map((r) => r.idNumber)).toEqual([first]);
  });

  it('refuses a file whose header is not the roster’s, whole, naming what is missing and what is expected', async () => {
    const wrong = ROSTER_HEADERS.filter((h) => h !== '民族' && h !== '任期结束').map((h) => (h === '联系电话' ? '电话' : h));
    const { rows, problems } = await parseRosterWorkbook(await fileOf(wrong, [good({})]), { officeId: '0101', committees });
    expect(rows).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 1, column: '民族' });
    expect(problems[0]!.reason).toContain('缺少“民族”“联系电话”“任期结束”');
    expect(problems[0]!.reason).toContain('多出“电话”');
    expect(problems[0]!.reason).toContain(`表头应为：${ROSTER_HEADERS.join('、')}`);
  });

  it('reads the columns by their headers, so a file with the columns in another order is read the same', async () => {
    const order = ROSTER_HEADERS.map((_, i) => i).reverse();
    const row = good({ 12: '2026-03-15 人民调解业务培训 8学时' });
    const { rows, problems } = await parseRosterWorkbook(await fileOf(order.map((i) => ROSTER_HEADERS[i]!), [order.map((i) => row[i])]), { officeId: '0101', committees });
    expect(problems).toEqual([]);
    expect(rows).toEqual([expect.objectContaining({ name: '刘洋', idNumber: row[4], trainings: [{ on: '2026-03-15', title: '人民调解业务培训', hours: 8 }] })]);
  });

  it('refuses a file that is not a workbook at all (no 500)', async () => {
    const { rows, problems } = await parseRosterWorkbook(new TextEncoder().encode('姓名,性别\n张三,男'), { officeId: '0101', committees });
    expect(rows).toEqual([]);
    expect(problems).toEqual([{ row: 1, column: '', reason: '文件不是有效的 Excel 工作簿（.xlsx），请使用导出的花名册模板' }]);
  });
});
