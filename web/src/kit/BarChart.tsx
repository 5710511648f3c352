// A small horizontal bar chart in plain SVG: a few dozen bars on a home card need no chart library (the
// first load must stay under 400 KB of gzip JS). Screen readers get the whole series in the label; every
// bar shows its number as text beside it, so nothing is read from bar lengths alone.
import { Flex, Typography } from 'antd';

export interface Bar {
  /** Row label, e.g. the area's name (the first 7 characters show; the full one is in the tooltip). */
  label: string;
  value: number;
  /** A second amount drawn after the value in the warning colour (e.g. vacancies beside staff in post). */
  extra?: number;
}

export interface BarChartProps {
  /** What the chart shows: the accessible name's start (各片区在岗人数). */
  title: string;
  bars: readonly Bar[];
  /** Unit after each number: 人. */
  unit: string;
  /** The legend's names for the value and the extra part; the legend shows only with an extra. */
  valueLabel: string;
  extraLabel?: string;
  testId?: string;
}

const WIDTH = 360;
const ROW = 26;
const BAR = 16;
const LABEL_WIDTH = 96;
const NUMBER_WIDTH = 56;
const VALUE_COLOUR = '#1f4e9c';
const EXTRA_COLOUR = '#d48806';
const MAX_LABEL = 7;

const clip = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);

/** `城关片区 17 人（缺 1 人）；…`: the series in words, for the accessible name. */
export const describeBars = ({ title, bars, unit, extraLabel }: Pick<BarChartProps, 'title' | 'bars' | 'unit' | 'extraLabel'>) =>
  `${title}：${bars.map((b) => `${b.label} ${b.value} ${unit}${b.extra ? `（${extraLabel ?? ''} ${b.extra} ${unit}）` : ''}`).join('；')}`;

export default function BarChart(props: BarChartProps) {
  const { bars, unit, valueLabel, extraLabel, testId } = props;
  const max = Math.max(1, ...bars.map((b) => b.value + (b.extra ?? 0)));
  const scale = (WIDTH - LABEL_WIDTH - NUMBER_WIDTH) / max;
  const height = bars.length * ROW + 4;
  const hasExtra = bars.some((b) => b.extra);
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      <svg
        role="img"
        aria-label={describeBars(props)}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: 440, display: 'block' }}
        fontSize={12}
      >
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          const valueWidth = b.value * scale;
          const extraWidth = (b.extra ?? 0) * scale;
          return (
            <g key={`${b.label}-${i}`} aria-hidden="true">
              <title>{`${b.label}：${b.value} ${unit}${b.extra ? `，${extraLabel ?? ''} ${b.extra} ${unit}` : ''}`}</title>
              <text x={LABEL_WIDTH - 6} y={y + BAR / 2} dominantBaseline="central" textAnchor="end" fill="rgba(0,0,0,0.88)">
                {clip(b.label)}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={valueWidth} height={BAR} rx={2} fill={VALUE_COLOUR} />
              {extraWidth > 0 && <rect x={LABEL_WIDTH + valueWidth} y={y} width={extraWidth} height={BAR} rx={2} fill={EXTRA_COLOUR} />}
              <text x={LABEL_WIDTH + valueWidth + extraWidth + 4} y={y + BAR / 2} dominantBaseline="central" fill="rgba(0,0,0,0.88)">
                {b.extra ? `${b.value}+${b.extra}` : b.value}
              </text>
            </g>
          );
        })}
      </svg>
      {hasExtra && (
        <Flex component="figcaption" gap={16} wrap style={{ marginTop: 4 }} aria-hidden="true">
          <Typography.Text type="secondary">
            <span style={{ display: 'inline-block', width: 10, height: 10, background: VALUE_COLOUR, marginRight: 4 }} />
            {valueLabel}
          </Typography.Text>
          <Typography.Text type="secondary">
            <span style={{ display: 'inline-block', width: 10, height: 10, background: EXTRA_COLOUR, marginRight: 4 }} />
            {extraLabel}
          </Typography.Text>
        </Flex>
      )}
    </figure>
  );
}
