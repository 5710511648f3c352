// A small line chart in plain SVG (beside BarChart: no chart library on the first load): a series over
// a dozen points, e.g. a rate by month. Screen readers get the whole series in the label, and every
// point shows its number as text, so nothing is read from the line alone. A point without a value
// (no cases that month) breaks the line and reads as —.
import { Typography } from 'antd';

export interface LinePoint {
  /** The x label, e.g. the month `2026-03` (shown as `3月`). */
  label: string;
  value?: number;
}

export interface LineChartProps {
  /** What the chart shows: the accessible name's start (调解成功率). */
  title: string;
  points: readonly LinePoint[];
  /** The value as text (`95.5%`). */
  format: (value: number) => string;
  /** The axis' top; default the largest value. */
  max?: number;
  /** Short x labels; default the label itself. */
  tick?: (label: string) => string;
  testId?: string;
}

const WIDTH = 480;
const HEIGHT = 180;
const PAD = { top: 20, right: 24, bottom: 28, left: 24 };
const LINE_COLOUR = '#1f4e9c';
const TEXT = 'rgba(0,0,0,0.88)';

/** `调解成功率：2026-01 95.5%；2026-02 —；…`: the series in words, for the accessible name. */
export const describeLine = ({ title, points, format }: Pick<LineChartProps, 'title' | 'points' | 'format'>) =>
  `${title}：${points.map((p) => `${p.label} ${p.value === undefined ? '—' : format(p.value)}`).join('；')}`;

export default function LineChart(props: LineChartProps) {
  const { points, format, tick = (l: string) => l, testId } = props;
  const max = props.max ?? Math.max(1, ...points.map((p) => p.value ?? 0));
  const step = points.length > 1 ? (WIDTH - PAD.left - PAD.right) / (points.length - 1) : 0;
  const x = (i: number) => PAD.left + i * step;
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - v / max);
  // One path segment per run of points with values.
  const segments: string[] = [];
  let current = '';
  points.forEach((p, i) => {
    if (p.value === undefined) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg role="img" aria-label={describeLine(props)} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" style={{ maxWidth: 560, display: 'block' }} fontSize={11}>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={HEIGHT - PAD.bottom} y2={HEIGHT - PAD.bottom} stroke="rgba(0,0,0,0.25)" />
        {segments.map((d) => (
          <path key={d} d={d} fill="none" stroke={LINE_COLOUR} strokeWidth={2} aria-hidden="true" />
        ))}
        {points.map((p, i) => (
          <g key={`${p.label}-${i}`} aria-hidden="true">
            <title>{`${p.label}：${p.value === undefined ? '—' : format(p.value)}`}</title>
            {p.value !== undefined && <circle cx={x(i)} cy={y(p.value)} r={3} fill={LINE_COLOUR} />}
            <text x={x(i)} y={p.value === undefined ? HEIGHT - PAD.bottom - 6 : y(p.value) - 7} textAnchor="middle" fill={TEXT}>
              {p.value === undefined ? '—' : format(p.value)}
            </text>
            <text x={x(i)} y={HEIGHT - 10} textAnchor="middle" fill={TEXT}>
              {tick(p.label)}
            </text>
          </g>
        ))}
      </svg>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-hidden="true">
        {props.title}
      </Typography.Text>
    </figure>
  );
}
