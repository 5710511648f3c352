// A register's year as the official book: the declaration's Excel layout (groups → merged header rows),
// one row per entry in filing order. The cells are the domain's (register-cells.ts); the caller passes
// entries already masked where the reader may not see full ID numbers.
import { entryRow, leafColumns, registerColumns, shanghaiDateTime, type RegisterColumnNode, type RegisterDeclaration, type RegisterEntry } from '@sifasuo/domain';
import { addTableSheet, newWorkbook, workbookBytes, type ColumnNode } from '../shared/xlsx';

const asColumnNodes = (nodes: readonly RegisterColumnNode[]): ColumnNode[] =>
  nodes.map((n) => (n.children?.length ? { label: n.label, children: asColumnNodes(n.children) } : { label: n.label, width: n.width }));

/** The workbook's title: <office><book>（<year>年）. */
export const registerTitle = (decl: RegisterDeclaration, year: number, officeName?: string) => `${officeName ?? ''}${decl.name}（${year}年）`;

/**
 * The book of a year. With `officeNames` (a book of several offices) a 司法所 column follows 序号;
 * `officeName` heads the title.
 */
export const registerWorkbook = async (
  decl: RegisterDeclaration,
  entries: RegisterEntry[],
  heading: { officeName?: string; officeNames?: Record<string, string>; year: number; generatedAt: Date },
): Promise<Uint8Array> => {
  const columns = registerColumns(decl, !!heading.officeNames);
  const leaves = leafColumns(columns);
  const officeName = (id: string) => heading.officeNames?.[id] ?? id;
  const wb = await newWorkbook(heading.generatedAt);
  addTableSheet(wb, {
    name: decl.shortName,
    title: registerTitle(decl, heading.year, heading.officeName),
    note: `共 ${entries.length} 条，导出时间 ${shanghaiDateTime(heading.generatedAt.toISOString())}`,
    columns: asColumnNodes(columns),
    rows: entries.map((e, i) => entryRow(leaves, e, i + 1, { fullIdNumbers: true, officeName })),
    landscape: true,
  });
  return workbookBytes(wb);
};
