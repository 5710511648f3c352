// The assessment's documents, checked as people receive them: the notice (通报) PDF rendered by poppler
// and read back (real Chinese text, every glyph drawn, every office's row in rank order, the late and
// missing reports by office and item, the adjustments with reasons), the notice workbook's sheets and
// the funding workbook's cells (numbers as numbers, yuan to 2 decimals, a totals row).
import type { Adjustment, AssessmentRun, FundingAllocation, OfficeScore } from '@sifasuo/domain';
import { fundingWorkbook } from '../../functions/src/assessment/funding-workbook';
import { noticePdf, noticeTitle, noticeWorkbook } from '../../functions/src/assessment/notice';
import { readWorkbook, rowValues } from '../../functions/src/shared/xlsx';
import { emptyCells, renderPdf, type RenderedPdf } from '../support/pdf-render';

const squeeze = (s: string) => s.replace(/\s/g, '');

const run: AssessmentRun = {
  runId: '2026-10-v2', month: '2026-10', version: 2, status: 'approved', done: 3, total: 3, rubricYear: 2026, rubricVersion: 3,
  asOf: '2026-11-10T15:59:59.999Z', startedAt: '2026-11-10T18:00:00.000Z', startedBy: 'schedule', trigger: 'schedule',
  summary: { average: 88.5, highest: 97.25, lowest: 76, late: 1, missing: 1 },
};
const SECTIONS = [
  ['A', '报表与信息报送', 30], ['B', '人民调解', 25], ['C', '社区矫正与安置帮教', 20], ['D', '法律援助、法治宣传与信访', 15], ['E', '学习与考勤', 10],
] as const;
const adjustment = (over: Partial<Adjustment>): Adjustment => ({
  id: 'adj', month: '2026-10', officeId: '0102', item: 'B5', points: 2, reason: '重大纠纷未按时报告', evidence: '县局督查通报第5期',
  kind: 'deduction', section: 'B', status: 'active', by: 'dept-mediation', byName: '人民调解股', departmentId: 'mediation', at: '2026-11-05T02:00:00.000Z',
  ...over,
});
const score = (officeId: string, officeName: string, total: number, rank: number, over: Partial<OfficeScore> = {}): OfficeScore => ({
  runId: run.runId, month: run.month, officeId, officeName, areaId: '01', officeClass: 'regular', total, rank, base: 100, earned: total, bonus: 0,
  sections: SECTIONS.map(([id, name, max], i) => ({ id, name, earned: max - i, deducted: 0, max })),
  lines: [], adjustments: [], flags: [],
  ...over,
});
const scores: OfficeScore[] = [
  // Deliberately out of order: the notice lists by rank.
  score('0103', '李家渡镇司法所', 76, 3, { flags: [{ item: 'A1', name: '月度排查报告', state: 'missing' }] }),
  score('0101', '城关镇司法所', 97.25, 1, { bonus: 3, adjustments: [adjustment({ id: 'b1', officeId: '0101', kind: 'bonus', item: 'X', points: 3, section: undefined, reason: '创新做法被市级采纳', evidence: '市局简报第12期', byName: '局领导' })] }),
  score('0102', '青山镇司法所', 92.5, 2, {
    flags: [{ item: 'A3', name: '月度工作反馈', state: 'late' }],
    sections: SECTIONS.map(([id, name, max]) => ({ id, name, earned: id === 'B' ? 1.5 : max, deducted: id === 'B' ? 2 : 0, max })),
    adjustments: [adjustment({}), adjustment({ id: 'gone', status: 'withdrawn', reason: '已撤销的扣分' })],
  }),
];
const input = { bureauName: '青山县司法局', run, scores, generatedAt: new Date('2026-11-12T01:00:00.000Z') };

describe('司法所工作考核通报 (PDF)', () => {
  let rendered: RenderedPdf;
  let text: string;
  beforeAll(async () => {
    rendered = renderPdf(await noticePdf(input));
    text = squeeze(rendered.text);
  });

  it('carries the title, the run’s state and rubric version, and every office’s row in rank order with its total and section subtotals', () => {
    expect(noticeTitle('青山县司法局', '2026-10')).toBe('青山县司法局2026年10月司法所工作考核通报');
    const expected = ['青山县司法局', '2026年10月司法所工作考核通报', '状态：已发布', '评分批次：2026-10-v2', '2026年评分细则第3版', '证据截止：2026-11-1023:59（北京时间）',
      '平均分：88.5', '最高分：97.25', '名次司法所总分ABCDE', '1城关镇司法所97.25302418', '2青山镇司法所92.5300', '3李家渡镇司法所76'];
    expect(expected.filter((e) => !text.includes(e))).toEqual([]);
    // Rank order on the page, whatever order the scores came in.
    const at = (name: string) => rendered.words.findIndex((w) => w.text === name);
    expect(at('城关镇司法所')).toBeLessThan(at('青山镇司法所'));
    expect(at('青山镇司法所')).toBeLessThan(at('李家渡镇司法所'));
  });

  it('names the late and missing reports by office and item, and the adjustments with their reasons (a withdrawn one left out)', () => {
    expect(text).toContain('迟报、漏报情况');
    expect(text).toContain('青山镇司法所：月度工作反馈（迟报）');
    expect(text).toContain('李家渡镇司法所：月度排查报告（漏报）');
    expect(text).toContain('城关镇司法所：加3分。事由：创新做法被市级采纳（依据：市局简报第12期；录入：局领导）');
    expect(text).toContain('青山镇司法所：B5项扣2分。事由：重大纠纷未按时报告');
    expect(text).not.toContain('已撤销的扣分');
  });

  it('draws every Chinese character it shows (no blank glyph)', () => {
    expect(rendered.shownGlyphs.filter((g) => g === '0000')).toEqual([]);
    expect(emptyCells(rendered)).toEqual([]);
  });

  it('says so when nobody was late and nothing was adjusted; a run not yet ranked lists by total', async () => {
    const clean = scores.map((s) => ({ ...s, rank: undefined, flags: [], adjustments: [] }));
    const t = squeeze(renderPdf(await noticePdf({ ...input, run: { ...run, status: 'scored', rubricVersion: 0 }, scores: clean })).text);
    expect(t).toContain('本月无迟报、漏报。');
    expect(t).toContain('本月无扣分、加分。');
    expect(t).toContain('状态：待审批');
    expect(t).toContain('2026年默认评分细则');
    expect(t.indexOf('城关镇司法所97.25')).toBeLessThan(t.indexOf('李家渡镇司法所76'));
  });
});

describe('司法所工作考核通报 (Excel)', () => {
  it('sheet 1: every office by rank with numbers as numbers; sheet 2: late and missing by office and item; sheet 3: adjustments', async () => {
    const wb = (await readWorkbook(await noticeWorkbook(input)))!;
    expect(wb.worksheets.map((s) => s.name)).toEqual(['考核得分', '迟报漏报', '扣分加分']);
    const [sheet1, sheet2, sheet3] = wb.worksheets as [any, any, any];
    expect(sheet1.getCell(1, 1).value).toBe('青山县司法局2026年10月司法所工作考核通报');
    expect(String(sheet1.getCell(2, 1).value)).toContain('评分细则：2026年评分细则第3版');
    // Title, note, two header rows (the sections grouped), then the data.
    expect(rowValues(sheet1, 4, 9)).toEqual(['名次', '司法所', '总分', 'A 报表与信息报送', 'B 人民调解', 'C 社区矫正与安置帮教', 'D 法律援助、法治宣传与信访', 'E 学习与考勤', '加分']);
    expect(rowValues(sheet1, 5, 9)).toEqual([1, '城关镇司法所', 97.25, 30, 24, 18, 12, 6, 3]);
    // A section's subtotal never goes below 0 (1.5 earned, 2 deducted).
    expect(rowValues(sheet1, 6, 9)).toEqual([2, '青山镇司法所', 92.5, 30, 0, 20, 15, 10, 0]);
    expect(rowValues(sheet1, 7, 3)).toEqual([3, '李家渡镇司法所', 76]);
    expect(rowValues(sheet2, 4, 4)).toEqual(['青山镇司法所', 'A3', '月度工作反馈', '迟报']);
    expect(rowValues(sheet2, 5, 4)).toEqual(['李家渡镇司法所', 'A1', '月度排查报告', '漏报']);
    expect(rowValues(sheet2, 6, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(rowValues(sheet3, 4, 7)).toEqual(['城关镇司法所', '加分', 'X', 3, '创新做法被市级采纳', '市局简报第12期', '局领导']);
    expect(rowValues(sheet3, 5, 7)).toEqual(['青山镇司法所', '扣分', 'B5', 2, '重大纠纷未按时报告', '县局督查通报第5期', '人民调解股']);
    expect(rowValues(sheet3, 6, 1)).toEqual([undefined]);
  });
});

describe('业绩考核经费分配表 (Excel)', () => {
  it('lists every office by rank with its composite, halves, eligibility and amount in yuan, and a totals row', async () => {
    const item = (officeId: string, officeName: string, rank: number, composite: number, amountFen: number, over: Partial<FundingAllocation['items'][number]> = {}) => ({
      officeId, officeName, officeClass: 'regular' as const, firstHalf: composite - 1, secondHalf: composite + 1, onSite: 90, bonus: 1, composite, rank,
      eligible: true, excellent: rank === 1, awardEligible: true, amountFen, ...over,
    });
    const allocation: FundingAllocation = {
      id: '2026-01J0000000000000000000000', year: 2026, mode: 'pool', poolFen: 1_000_001, threshold: 60, excellent: 1, status: 'draft',
      items: [
        item('0102', '青山镇司法所', 2, 80.5, 0, { eligible: false, awardEligible: false, secondHalf: 55 }),
        item('0101', '城关镇司法所', 1, 93.25, 1_000_001, { officeClass: 'central' }),
      ],
      totalFen: 1_000_001, months: ['2026-01', '2026-02'], createdAt: '2026-12-20T01:00:00.000Z', createdBy: 'leader',
    };
    const wb = (await readWorkbook(await fundingWorkbook({ bureauName: '青山县司法局', allocation, generatedAt: new Date('2026-12-20T02:00:00.000Z') })))!;
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('青山县司法局2026年度司法所业绩考核经费分配表');
    expect(String(sheet.getCell(2, 1).value)).toContain('经费总额 10000.01元');
    expect(rowValues(sheet, 5, 12)).toEqual([1, '城关镇司法所', '片区中心所', 92.25, 94.25, 90, 1, 93.25, '是', '是', '是', 10000.01]);
    expect(rowValues(sheet, 6, 12)).toEqual([2, '青山镇司法所', '一般所', 79.5, 55, 90, 1, 80.5, '否', '否', '否', 0]);
    expect(rowValues(sheet, 7, 12)).toEqual(['合计', '2个所', undefined, undefined, undefined, undefined, undefined, undefined, '1个', '1个', undefined, 10000.01]);
    expect(sheet.getCell(5, 12).numFmt).toBe('#,##0.00');
  });
});
