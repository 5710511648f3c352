// 业绩考核经费分配表: an allocation as the finance office files it — every office's halves, on-site and
// bonus, composite, rank, eligibility, excellence, award eligibility and amount in yuan (2 decimals),
// with a totals row. Numbers stay numbers; the amount is the fen split (allocateFunding) shown in yuan.
import { shanghaiDateTime, type FundingAllocation } from '@sifasuo/domain';
import { addTableSheet, newWorkbook, workbookBytes } from '../shared/xlsx';

const MODE_LABELS = { pool: '按总额分配', unit: '按分值单价分配' } as const;
const CLASS_LABELS = { central: '片区中心所', regular: '一般所' } as const;
const yuan = (fen: number) => `${(fen / 100).toFixed(2)}元`;
const STATUS_LABELS = { draft: '草案', approved: '已审批', superseded: '已被更正' } as const;
const yesNo = (b: boolean) => (b ? '是' : '否');

export const fundingWorkbook = async (input: { bureauName: string; allocation: FundingAllocation; generatedAt: Date }): Promise<Uint8Array> => {
  const { bureauName, allocation: f } = input;
  const basis = f.mode === 'pool' ? `经费总额 ${yuan(f.poolFen ?? 0)}` : `每分单价：中心所 ${yuan(f.unitFen?.central ?? 0)}，一般所 ${yuan(f.unitFen?.regular ?? 0)}`;
  const note = [
    `状态：${STATUS_LABELS[f.status]}`,
    `分配方式：${MODE_LABELS[f.mode]}（${basis}）`,
    `门槛分：${f.threshold}`,
    `优秀：前${f.excellent}名`,
    `计入月份：${f.months.length}个月`,
    `生成时间：${shanghaiDateTime(input.generatedAt.toISOString())}（北京时间）`,
  ].join('　　');
  const POINTS = { width: 10, numFmt: '0.00' } as const;
  const items = [...f.items].sort((a, b) => a.rank - b.rank || a.officeId.localeCompare(b.officeId));
  const wb = await newWorkbook(input.generatedAt);
  addTableSheet(wb, {
    name: '绩效经费分配',
    title: `${bureauName}${f.year}年度司法所业绩考核经费分配表`,
    note,
    columns: [
      { label: '名次', width: 6, numFmt: '0' },
      { label: '司法所', width: 18 },
      { label: '所别', width: 10 },
      { label: '月度考核', children: [{ label: '上半年月均', ...POINTS }, { label: '下半年月均', ...POINTS }] },
      { label: '年度考核', ...POINTS },
      { label: '年度加分', ...POINTS },
      { label: '综合得分', ...POINTS },
      { label: '达到门槛', width: 9 },
      { label: '优秀', width: 6 },
      { label: '评先评优资格', width: 12 },
      { label: '经费金额（元）', width: 16, numFmt: '#,##0.00' },
    ],
    rows: [
      ...items.map((i) => [
        i.rank, i.officeName, CLASS_LABELS[i.officeClass], i.firstHalf, i.secondHalf, i.onSite, i.bonus, i.composite,
        yesNo(i.eligible), yesNo(i.excellent), yesNo(i.awardEligible), i.amountFen / 100,
      ]),
      ['合计', `${items.length}个所`, undefined, undefined, undefined, undefined, undefined, undefined,
        `${items.filter((i) => i.eligible).length}个`, `${items.filter((i) => i.excellent).length}个`, undefined, f.totalFen / 100],
    ],
    boldRows: [items.length],
    landscape: true,
  });
  return workbookBytes(wb);
};
