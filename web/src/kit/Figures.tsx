// A row of figures for home cards: a label over a number and its unit. Plain text in colours that keep
// AA contrast on white (antd's Statistic titles and status tags are lighter than 4.5:1), so a card's
// numbers pass the accessibility checks on every page.
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** Text colours with ≥ 4.5:1 on white; also tag backgrounds under white text. */
export const TONES = { warning: '#ad4e00', danger: '#a8071a', good: '#135200' } as const;
export type Tone = keyof typeof TONES;

export interface Figure {
  label: string;
  value: ReactNode;
  unit?: ReactNode;
  /** A figure that needs attention (vacancies, refusals). */
  tone?: Tone;
  testId?: string;
}

export default function Figures({ items }: { items: readonly Figure[] }) {
  return (
    <Flex wrap gap={24}>
      {items.map((f) => (
        <Flex vertical key={f.label} data-testid={f.testId}>
          <Typography.Text type="secondary">{f.label}</Typography.Text>
          <span style={{ fontSize: 24, lineHeight: 1.4, color: f.tone ? TONES[f.tone] : undefined }}>
            <span data-figure-value="">{f.value}</span>
            {f.unit !== undefined && <span style={{ fontSize: 14, marginLeft: 4 }}>{f.unit}</span>}
          </span>
        </Flex>
      ))}
    </Flex>
  );
}
