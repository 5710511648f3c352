// What the registers pages share: the catalogue of declared books (asked once per page load), how a
// declared field's value reads (names joined 、, choices as labels, datetimes in Shanghai, units),
// deadlines that are past, datetimes typed in Shanghai's wall clock, and today's day and month.
import { Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  ENTRY_STATUS_LABELS,
  shanghaiDateTime,
  shanghaiDay,
  shanghaiTimestamp,
  type DerivedField,
  type EntryStatus,
  type RegisterDescription,
  type RegisterEntry,
  type RegisterField,
} from '@sifasuo/domain';
import { registersApi } from './api';
import { useLoad } from '../kit/useLoad';
import { TONES } from '../kit/Figures';

export const today = () => shanghaiDay(new Date());
export const thisMonth = () => today().slice(0, 7);
export const thisYear = () => Number(today().slice(0, 4));

let catalogue: Promise<RegisterDescription[]> | undefined;
/** The declared registers (they change only with a release: asked once, again after a failure). */
const loadCatalogue = () => {
  if (!catalogue) {
    catalogue = registersApi.catalogue().then((c) => c.registers);
    catalogue.catch(() => (catalogue = undefined));
  }
  return catalogue;
};
export const useCatalogue = () => useLoad(loadCatalogue, []);

/** A field or a derived value of a register, by key. */
export type Column = { field: RegisterField } | { derived: DerivedField };
export const columnOf = (d: RegisterDescription, key: string): Column | undefined => {
  const field = d.fields.find((f) => f.key === key);
  if (field) return { field };
  const derived = d.derived.find((x) => x.key === key);
  return derived ? { derived } : undefined;
};
export const columnLabel = (c: Column) => ('field' in c ? c.field.label : c.derived.label);

/** A field's value as it reads in a list, a card or the detail (empty: —). */
export const fieldText = (f: RegisterField, value: unknown): string => {
  if (value === undefined || value === null || value === '') return '—';
  switch (f.kind) {
    case 'datetime':
      return shanghaiDateTime(String(value));
    case 'choice':
      return f.options.find((o) => o.value === value)?.label ?? String(value);
    case 'names':
      return Array.isArray(value) ? (value as { name: string }[]).map((p) => p.name).join('、') || '—' : '—';
    case 'flag':
      return value === true ? '是' : '否';
    case 'integer':
      return f.unit ? `${String(value)} ${f.unit}` : String(value);
    default:
      return String(value);
  }
};

/** A deadline past while the field that meets it is still empty (a withdrawn entry is never overdue). */
export const isOverdue = (d: DerivedField, entry: RegisterEntry): boolean => {
  const due = entry[d.key];
  if (typeof due !== 'string' || d.kind !== 'date' || !d.doneBy || entry.status !== 'active') return false;
  const done = entry[d.doneBy];
  return (done === undefined || done === null || done === '') && due < today();
};

export const derivedText = (d: DerivedField, value: unknown) =>
  value === undefined || value === null || value === '' ? '—' : d.kind === 'datetime' ? shanghaiDateTime(String(value)) : String(value);

/** A derived value, red with 已逾期 when it is a deadline past. */
export const DerivedValue = ({ derived, entry }: { derived: DerivedField; entry: RegisterEntry }) => {
  const text = derivedText(derived, entry[derived.key]);
  return isOverdue(derived, entry) ? (
    <span style={{ color: TONES.danger, fontWeight: 500 }} data-overdue="true" data-testid={`derived-${derived.key}`}>
      {text}（已逾期）
    </span>
  ) : (
    <span data-testid={`derived-${derived.key}`}>{text}</span>
  );
};

export const cellOf = (c: Column, entry: RegisterEntry) => ('field' in c ? fieldText(c.field, entry[c.field.key]) : <DerivedValue derived={c.derived} entry={entry} />);

export const EntryStatusTag = ({ status }: { status: EntryStatus }) => (
  <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }} data-testid="entry-status">
    {ENTRY_STATUS_LABELS[status]}
  </Tag>
);

/** A picked date-and-time, read as Shanghai's wall clock (the county's), as the API takes it. */
export const instantOf = (d: Dayjs | null | undefined) => (d ? `${d.format('YYYY-MM-DDTHH:mm')}:00+08:00` : undefined);
/** An instant shown in a picker as Shanghai's wall clock, whatever the browser's time zone. */
export const pickerInstant = (iso: unknown) => (typeof iso === 'string' && iso ? dayjs(shanghaiTimestamp(new Date(iso))) : undefined);
export const dayOf = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

/** Two fields side by side on a wide screen, stacked on a phone. */
export const PAIR = { display: 'flex', flexWrap: 'wrap', columnGap: 16 } as const;
export const HALF = { flex: '1 1 200px', minWidth: 0 } as const;

/** The last day a deadline allows (a due instant at Shanghai midnight closes the day before). */
export const dueDay = (dueAt: string) => shanghaiDay(new Date(Date.parse(dueAt) - 1));

export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
/** A report's period: 2026年3月 or 2026年. */
export const periodLabel = (p: string) => (p.length === 7 ? monthLabel(p) : `${p}年`);
