// 人民调解工作统计表: the month's statistics (generated from the case records, never tallied by hand)
// as the official workbook, one sheet by dispute type and one by source, each with the multi-level
// header of the printed form (调结数 over its results, 调解成功 over 小计/书面协议/口头协议: three header
// rows of merged cells), a total row, and numbers kept as numbers.
import { shanghaiDateTime, type MonthlyStatistics, type StatisticsRow } from '@sifasuo/domain';
import { addTableSheet, newWorkbook, workbookBytes, type ColumnNode } from '../../shared/xlsx';

const COUNT = { width: 9, numFmt: '0' } as const;

/** The columns after the first (纠纷类型 or 案件来源), in the order `figures` gives them. */
export const STATISTICS_COLUMNS: readonly ColumnNode[] = [
  { label: '受理数', ...COUNT },
  {
    label: '调结数',
    children: [
      { label: '合计', ...COUNT },
      { label: '调解成功', children: [{ label: '小计', ...COUNT }, { label: '书面协议', ...COUNT }, { label: '口头协议', ...COUNT }] },
      { label: '调解不成', ...COUNT },
      { label: '终止调解', ...COUNT },
    ],
  },
  { label: '调解成功率', width: 11, numFmt: '0.0%' },
  { label: '协议涉及金额（元）', width: 18, numFmt: '#,##0.00' },
];

/** A row's figures; the rate is a fraction ('—' without closed cases), the amount yuan from fen. */
const figures = (r: StatisticsRow): (string | number)[] => [
  r.received,
  r.closed,
  r.agreements,
  r.written,
  r.oral,
  r.failed,
  r.terminated,
  r.successPermille === undefined ? '—' : r.successPermille / 1000,
  r.amountFen / 100,
];

const monthText = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

export const statisticsWorkbook = async (input: { stats: MonthlyStatistics; scopeLabel: string; generatedAt: Date }): Promise<Uint8Array> => {
  const { stats, scopeLabel, generatedAt } = input;
  const wb = await newWorkbook(generatedAt);
  const note = `统计范围：${scopeLabel}　　统计月份：${monthText(stats.month)}　　受理数按受理日期、调结数按结案日期计入当月　　生成时间：${shanghaiDateTime(generatedAt.toISOString())}（北京时间）`;
  for (const [name, first, rows] of [
    ['按纠纷类型', '纠纷类型', stats.byType],
    ['按案件来源', '案件来源', stats.bySource],
  ] as const) {
    addTableSheet(wb, {
      name,
      title: `${scopeLabel}人民调解工作统计表（${monthText(stats.month)}，${name}）`,
      note,
      columns: [{ label: first, width: 16 }, ...STATISTICS_COLUMNS],
      rows: [...rows, stats.total].map((r) => [r.label, ...figures(r)]),
      boldRows: [rows.length],
      landscape: true,
    });
  }
  return workbookBytes(wb);
};
