// What the assessment pages share: months (Shanghai), the states' tags and legends, points and money as text.
import { useMemo } from 'react';
import { Flex, Select, Tag } from 'antd';
import {
  LINE_STATES,
  previousMonthOf,
  RADAR_STATE_LABELS,
  RUN_STATUS_LABELS,
  shanghaiDateTime,
  shanghaiMonth,
  type LineState,
  type RadarState,
  type FactKind,
  type RunStatus,
} from '@sifasuo/domain';

export const thisMonth = () => shanghaiMonth(new Date());
export const thisYear = () => Number(thisMonth().slice(0, 4));
/** The month the 11th's run assesses: last month. */
export const lastMonth = () => previousMonthOf(thisMonth());
export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;
export const shortMonth = (m: string) => `${Number(m.slice(5))}月`;
export const when = (iso?: string) => (iso ? shanghaiDateTime(iso) : '—');

/** Points as text: at most two decimals, no trailing zeros. */
export const pts = (n: number | undefined) => (n === undefined ? '—' : String(Math.round(n * 100) / 100));
/** Fen as yuan with two decimals: 123456 → 1,234.56. */
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

// `pending` (not due yet) is the live month's; asserted so the tables read the same before and after it lands.
export const LINE_STATE_LABELS = { full: '满分', partial: '部分得分', late: '迟报', missing: '漏报', pending: '未到期', 'not-applicable': '不适用' } as Record<LineState, string>;
const LINE_COLOURS = { full: 'green', partial: 'blue', late: 'gold', missing: 'red', pending: 'geekblue', 'not-applicable': 'default' } as Record<LineState, string>;
export const LineStateTag = ({ state }: { state: LineState }) => (
  <Tag color={LINE_COLOURS[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
    {LINE_STATE_LABELS[state]}
  </Tag>
);
export const LineLegend = () => (
  <Flex wrap gap={8} align="center">
    <span>图例：</span>
    {LINE_STATES.map((s) => (
      <LineStateTag key={s} state={s} />
    ))}
  </Flex>
);

const RADAR_COLOURS: Record<RadarState, string> = { done: 'green', late: 'gold', due: 'blue', overdue: 'red', missing: 'red' };
export const RadarStateTag = ({ state }: { state: RadarState }) => (
  <Tag color={RADAR_COLOURS[state]} data-state={state} style={{ marginInlineEnd: 0 }}>
    {RADAR_STATE_LABELS[state]}
  </Tag>
);

// Preset colours only: the theme darkens their text to AA contrast ('processing' it does not).
const RUN_COLOURS: Record<RunStatus, string> = { running: 'geekblue', scored: 'gold', approved: 'green', superseded: 'default' };
export const RunStatusTag = ({ status }: { status: RunStatus }) => (
  <Tag color={RUN_COLOURS[status]} data-testid="run-status" data-status={status} style={{ marginInlineEnd: 0 }}>
    {RUN_STATUS_LABELS[status]}
  </Tag>
);

/** The last `count` months up to `to` (default this month), newest first. */
export const monthsBack = (count: number, to = thisMonth()) => {
  const out = [to];
  while (out.length < count) out.push(previousMonthOf(out[out.length - 1]!));
  return out;
};

export function MonthPicker({ value, onChange, testId = 'assessment-month' }: { value: string; onChange: (m: string) => void; testId?: string }) {
  const options = useMemo(() => monthsBack(24).map((m) => ({ value: m, label: monthLabel(m) })), []);
  return <Select aria-label="选择月份" value={value} onChange={onChange} options={options} style={{ width: 140 }} data-testid={testId} />;
}

export function YearPicker({ value, onChange, testId = 'assessment-year' }: { value: number; onChange: (y: number) => void; testId?: string }) {
  const y = thisYear();
  const options = [y + 1, y, y - 1, y - 2, y - 3].map((v) => ({ value: v, label: `${v}年` }));
  return <Select aria-label="选择年度" value={value} onChange={onChange} options={options} style={{ width: 110 }} data-testid={testId} />;
}

/** The drill-down of an office's month (a past run) or its live month (the current one). */
export const officeMonthPath = (officeId: string, month: string, runId?: string) =>
  month === thisMonth()
    ? `/assessment-live?${new URLSearchParams({ officeId })}`
    : `/assessment-offices/${officeId}/${month}${runId ? `?${new URLSearchParams({ runId })}` : ''}`;

/** Each fact's kind in words (the drill-down's list of records). */
export const FACT_KIND_LABELS: Record<FactKind, string> = {
  'mediation.screening.submitted': '半月排查',
  'mediation.screening.zero-report': '排查零报告',
  'mediation.screening.quarterly': '季度集中排查',
  'mediation.report.submitted': '月度排查报告',
  'mediation.case.closed': '调解结案',
  'mediation.case.entered-online': '结案录入全国平台',
  'mediation.dispute.major-registered': '重大纠纷登记',
  'mediation.dispute.major-reported': '重大纠纷上报',
  'mediation.typical-case.submitted': '典型案例报送',
  'mediation.news.submitted': '一句话新闻报送',
  'registers.platform-data.confirmed': '平台数据录入确认',
  'registers.feedback.submitted': '月度工作反馈',
  'registers.information.submitted': '信息报送',
  'registers.report.submitted': '计划总结报送',
  'registers.publicity.held': '法治宣传活动',
  'registers.petition.received': '来信来访登记',
  'registers.petition.answered': '来信来访答复',
  'registers.legal-aid.received': '法律援助案件受理',
  'registers.legal-aid.entered-online': '法律援助网上录入',
  'registers.study.held': '集中学习',
  'registers.absence.unexcused': '无假缺勤',
  'registers.task.completed': '交办任务完成',
  'registers.task.overdue': '交办任务逾期',
  'supervision.incident.recorded': '脱管漏管',
  'supervision.check-in.required': '应报到',
  'supervision.check-in.done': '已报到',
  'supervision.release.received': '刑满释放人员接收',
  'supervision.release.handed-over': '刑满释放人员衔接',
};
