// A heat map as a plain table: rows × columns, each cell coloured by its value on a light scale (dark
// text keeps AA contrast on every shade) with its number and a short line of detail as text, so nothing
// is read from colour alone. A cell that opens something is a button. Wide maps scroll inside their own
// box (the page never scrolls sideways on a phone); the row labels stay in view.
import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface HeatCell {
  /** Sets the colour; absent: no value (grey). */
  value?: number;
  /** What the cell shows (the score, counts). */
  content: ReactNode;
  /** The cell in words, for screen readers and the tooltip. */
  label: string;
}

export interface HeatBand {
  /** The band applies from this value up (bands highest first). */
  atLeast: number;
  colour: string;
  label: string;
}

export interface HeatMapProps {
  /** The table's caption (its accessible name). */
  title: string;
  rows: ReadonlyArray<{ id: string; label: string }>;
  columns: ReadonlyArray<{ id: string; label: string }>;
  cell: (rowId: string, columnId: string) => HeatCell | undefined;
  /** Highest first; a value below every band takes the last. */
  bands: readonly HeatBand[];
  onOpen?: (rowId: string, columnId: string) => void;
  testId?: string;
}

const EMPTY = '#f0f0f0';
const TEXT = 'rgba(0,0,0,0.88)';
const cellStyle = { position: 'relative' as const, border: '1px solid #fff', padding: 0, minWidth: 64, textAlign: 'center' as const, verticalAlign: 'middle' as const };

/** Read by screen readers, not shown. */
const VISUALLY_HIDDEN = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', margin: -1, padding: 0, border: 0 } as const;

export const bandOf = (bands: readonly HeatBand[], value?: number) =>
  value === undefined ? undefined : (bands.find((b) => value >= b.atLeast) ?? bands[bands.length - 1]);

export default function HeatMap({ title, rows, columns, cell, bands, onOpen, testId }: HeatMapProps) {
  return (
    <Flex vertical gap={8} data-testid={testId} style={{ minWidth: 0 }}>
      <Flex wrap gap={8} align="center" aria-hidden="true">
        <Typography.Text type="secondary">图例：</Typography.Text>
        {bands.map((b) => (
          <span key={b.label} style={{ background: b.colour, color: TEXT, padding: '0 6px', borderRadius: 2 }}>
            {b.label}
          </span>
        ))}
        <span style={{ background: EMPTY, color: TEXT, padding: '0 6px', borderRadius: 2 }}>无数据</span>
      </Flex>
      <div style={{ overflowX: 'auto', maxWidth: '100%' }} tabIndex={0} role="region" aria-label={title}>
        <table style={{ borderCollapse: 'collapse', fontSize: 12 }}>
          <caption style={{ captionSide: 'top', textAlign: 'left', color: TEXT, paddingBottom: 4 }}>{title}</caption>
          <thead>
            <tr>
              <th scope="col" style={{ position: 'sticky', left: 0, background: '#fff', textAlign: 'left', padding: '4px 8px' }}>
                名称
              </th>
              {columns.map((c) => (
                <th key={c.id} scope="col" style={{ padding: '4px 6px', whiteSpace: 'nowrap' }}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-row-key={r.id}>
                <th scope="row" style={{ position: 'sticky', left: 0, background: '#fff', textAlign: 'left', padding: '4px 8px', whiteSpace: 'nowrap', fontWeight: 'normal' }}>
                  {r.label}
                </th>
                {columns.map((c) => {
                  const v = cell(r.id, c.id);
                  const background = bandOf(bands, v?.value)?.colour ?? EMPTY;
                  const inner = v ? v.content : '—';
                  return (
                    <td key={c.id} style={{ ...cellStyle, background, color: TEXT }} title={v?.label} data-cell={`${r.id}:${c.id}`}>
                      {onOpen && v ? (
                        <button
                          type="button"
                          onClick={() => onOpen(r.id, c.id)}
                          style={{ background: 'transparent', border: 'none', color: 'inherit', font: 'inherit', cursor: 'pointer', display: 'block', padding: '4px 6px', width: '100%' }}
                        >
                          {inner}
                          {/* The cell in words after what it shows: the name starts with the visible text (WCAG 2.5.3). */}
                          <span style={VISUALLY_HIDDEN}>{v.label}</span>
                        </button>
                      ) : (
                        <div style={{ padding: '4px 6px' }}>{inner}</div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Flex>
  );
}
