// What the assessment pages share: months (Shanghai), the states' tags and legends, points and money as text.
import { useMemo } from 'react';
import { Flex, Select, Tag } from 'antd';
import {
  LINE_STATE_LABELS,
  LINE_STATES,
  monthsEndingWith,
  previousMonthOf,
  RADAR_STATE_LABELS,
  roundPoints,
  RUN_STATUS_LABELS,
  shanghaiDateTime,
  shanghaiMonth,
  type LineState,
  type RadarState,
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
export const pts = (n: number | undefined) => (n === undefined ? '—' : String(roundPoints(n)));
/** Fen as yuan with two decimals: 123456 → 1,234.56. */
export const yuan = (fen: number) => (fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const LINE_COLOURS: Record<LineState, string> = { full: 'green', partial: 'blue', late: 'gold', missing: 'red', pending: 'geekblue', 'not-applicable': 'default' };
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
export const monthsBack = (count: number, to = thisMonth()) => monthsEndingWith(to, count).reverse();

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
