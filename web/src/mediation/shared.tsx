// What the mediation pages share (the offices in scope are the kit's: kit/offices.tsx): the dictionaries by code, the month picker,
// the period states' colours and legend, today in Shanghai.
import { useMemo } from 'react';
import type { Dayjs } from 'dayjs';
import { Flex, Select, Tag } from 'antd';
import { PERIOD_STATE_LABELS, previousMonthOf, shanghaiDay, type DictionaryName, type PeriodState } from '@sifasuo/domain';
import { mediationApi } from './api';
import { useLoad } from '../kit/useLoad';

export const today = () => shanghaiDay(new Date());
export const thisMonth = () => today().slice(0, 7);

/** A dictionary's entries: the active ones as options, every label by code (an inactive code still reads). */
export const useDictionary = (name: DictionaryName) => {
  const loaded = useLoad(() => mediationApi.dictionary(name), [name]);
  const entries = loaded.data?.entries ?? [];
  const labels = useMemo(() => new Map(entries.map((e) => [e.code, e.label])), [entries]);
  return {
    options: entries.filter((e) => e.active).map((e) => ({ value: e.code, label: e.label })),
    label: (code: string) => labels.get(code) ?? code,
  };
};

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月`;

/** The last two years' months, newest first. */
export function MonthSelect({
  value,
  onChange,
  testId = 'month-select',
  allowClear,
}: {
  value?: string;
  onChange: (m: string | undefined) => void;
  testId?: string;
  /** Shows 全部月份 when cleared (a list's filter). */
  allowClear?: boolean;
}) {
  const months = useMemo(() => {
    const out = [thisMonth()];
    while (out.length < 24) out.push(previousMonthOf(out[out.length - 1]!));
    return out;
  }, []);
  return (
    <Select
      aria-label="选择月份"
      value={value}
      onChange={(m?: string) => onChange(m || undefined)}
      allowClear={allowClear}
      placeholder="全部月份"
      options={months.map((m) => ({ value: m, label: monthLabel(m) }))}
      style={{ width: 140 }}
      data-testid={testId}
    />
  );
}

/** Tag colours (the theme darkens preset tags' text to AA contrast). */
export const PERIOD_STATE_COLOURS: Record<PeriodState, string> = { done: 'green', late: 'gold', due: 'blue', missing: 'red', 'not-yet': 'default' };

export const PeriodStateTag = ({ state }: { state: PeriodState }) => (
  <Tag color={PERIOD_STATE_COLOURS[state]} style={{ marginInlineEnd: 0 }}>
    {PERIOD_STATE_LABELS[state]}
  </Tag>
);

export const PeriodLegend = () => (
  <Flex wrap gap={8} align="center" data-testid="period-legend">
    <span>图例：</span>
    {(Object.keys(PERIOD_STATE_LABELS) as PeriodState[]).map((s) => (
      <PeriodStateTag key={s} state={s} />
    ))}
  </Flex>
);

/** A date picker's day as the API takes it. */
export const dayOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Two fields side by side on a wide screen, stacked on a phone. */
export const PAIR = { display: 'flex', flexWrap: 'wrap', columnGap: 16 } as const;
export const HALF = { flex: '1 1 200px', minWidth: 0 } as const;
