// A table on a wide screen, a list of cards below 768 px (a phone): the same columns, each row a card
// of label–value lines, so nothing is wider than the screen. Pages use it for every list of records.
import type { Key, ReactNode } from 'react';
import { Card, Empty, Grid, List, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';

export type ResponsiveColumn<T> = ColumnType<T> & {
  /** The card's title on a phone (one column, usually the name). */
  cardTitle?: boolean;
  /** Left out of the card (e.g. a column that repeats the title). */
  cardHidden?: boolean;
};

const cellOf = <T,>(col: ResponsiveColumn<T>, row: T, index: number): ReactNode => {
  const path = col.dataIndex;
  const value = Array.isArray(path) ? path.reduce<any>((v, k) => v?.[k], row) : path !== undefined ? (row as any)[path as string] : undefined;
  return col.render ? (col.render(value, row, index) as ReactNode) : (value as ReactNode);
};

export function ResponsiveTable<T extends object>(
  props: Omit<TableProps<T>, 'columns' | 'rowKey'> & { columns: ResponsiveColumn<T>[]; rowKey: keyof T & string; 'data-testid'?: string },
) {
  const screens = Grid.useBreakpoint();
  const { columns, rowKey, dataSource, loading, pagination, ...rest } = props;
  // Until the first measurement, assume a wide screen (no flash of cards on a desktop).
  if (screens.md !== false) {
    return <Table<T> columns={columns} rowKey={rowKey} dataSource={dataSource} loading={loading} pagination={pagination} scroll={{ x: 'max-content' }} {...rest} />;
  }
  const titleCol = columns.find((c) => c.cardTitle);
  return (
    <List<T>
      data-testid={props['data-testid']}
      loading={!!loading}
      dataSource={dataSource as T[] | undefined}
      locale={{ emptyText: <Empty description="暂无数据" /> }}
      pagination={pagination === false ? false : undefined}
      renderItem={(row, i) => (
        <List.Item key={row[rowKey] as Key} style={{ padding: '6px 0', border: 'none' }} data-row-key={String(row[rowKey])}>
          <Card size="small" style={{ width: '100%' }} title={titleCol ? cellOf(titleCol, row, i) : undefined}>
            {columns
              .filter((c) => c !== titleCol && !c.cardHidden)
              .map((c, j) => (
                <div key={String(c.key ?? c.dataIndex ?? j)} style={{ display: 'flex', gap: 8, padding: '2px 0', minWidth: 0 }}>
                  <span style={{ color: 'rgba(0,0,0,0.55)', flex: '0 0 6em' }}>{c.title as ReactNode}</span>
                  <span style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>{cellOf(c, row, i)}</span>
                </div>
              ))}
          </Card>
        </List.Item>
      )}
    />
  );
}
