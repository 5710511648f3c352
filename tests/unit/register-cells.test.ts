// A register's cells both ways (packages/domain/src/register-cells.ts): every field kind written as the
// book shows it and read back to the same value; Shanghai times across midnight; what people type
// instead (Excel date cells, values for labels, other separators); cells that cannot be read. Then the
// whole book: a petitions workbook (merged group headers) read back by the import's parser.
import {
  cellOfField,
  columnHeadings,
  headerRows,
  idNumberCheckChar,
  isEmptyRow,
  leafColumns,
  registerById,
  registerColumns,
  rowValuesOf,
  valueOfCell,
  type RegisterDeclaration,
  type RegisterEntry,
  type RegisterField,
} from '@sifasuo/domain';
import { parseBook } from '../../functions/src/registers/import';
import { registerWorkbook } from '../../functions/src/registers/workbook';
import { readWorkbook } from '../../functions/src/shared/xlsx';

const idNo = (() => {
  const first17 = '11010519800101123';
  return first17 + idNumberCheckChar(first17);
})();

const FIELDS: RegisterField[] = [
  { key: 'title', label: '标题', kind: 'text', max: 50, required: true },
  { key: 'notes', label: '内容', kind: 'multiline', max: 500, required: false },
  { key: 'on', label: '日期', kind: 'date', required: true },
  { key: 'at', label: '时间', kind: 'datetime', required: false },
  { key: 'count', label: '人数', kind: 'integer', min: 0, max: 100, required: false },
  { key: 'kind', label: '类别', kind: 'choice', options: [{ value: 'visit', label: '来访' }, { value: 'letter', label: '来信' }], required: true },
  { key: 'people', label: '人员', kind: 'names', max: 10, required: false },
  { key: 'done', label: '已办结', kind: 'flag', required: false },
  { key: 'idNumber', label: '身份证号', kind: 'idNumber', required: false },
  { key: 'phone', label: '电话', kind: 'phone', required: false },
];
const field = (key: string) => FIELDS.find((f) => f.key === key)!;

describe('register cells', () => {
  it.each([
    ['title', '邻里纠纷', '邻里纠纷'],
    ['notes', '第一行\n第二行', '第一行\n第二行'],
    ['on', '2024-02-29', '2024-02-29'],
    ['at', '2026-03-05T09:30:00+08:00', '2026-03-05 09:30'],
    ['count', 12, 12],
    ['kind', 'letter', '来信'],
    ['people', [{ name: '张三' }, { name: '李四' }], '张三、李四'],
    ['done', true, '是'],
    ['done', false, '否'],
    ['idNumber', idNo, idNo],
    ['phone', '13800001111', '13800001111'],
  ])('%s: %j is written as %j and read back to the same value', (key, value, shown) => {
    const f = field(key);
    const cell = cellOfField(f, value, true);
    expect(cell).toEqual(shown);
    const read = valueOfCell(f, cell);
    // A datetime comes back as the same instant, written in Shanghai time.
    if (f.kind === 'datetime') expect(Date.parse((read as { value: string }).value)).toBe(Date.parse(value as string));
    else expect(read).toEqual({ value });
  });

  it('shows a time in Shanghai, across midnight UTC, and reads it back as that instant', () => {
    // 16:30 UTC on the 5th is 00:30 on the 6th in Beijing.
    expect(cellOfField(field('at'), '2026-03-05T16:30:00Z', true)).toBe('2026-03-06 00:30');
    const read = valueOfCell(field('at'), '2026-03-06 00:30');
    expect(read).toEqual({ value: '2026-03-06T00:30:00+08:00' });
    expect(new Date((read as { value: string }).value).toISOString()).toBe('2026-03-05T16:30:00.000Z');
    expect(cellOfField(field('at'), '2026-03-05T15:59:00Z', true)).toBe('2026-03-05 23:59');
  });

  it('reads what people type: Excel date cells as the wall time they show, labels or values, other separators, masked ID numbers for readers', () => {
    // exceljs reads a date cell as the time it shows, as if it were UTC.
    expect(valueOfCell(field('on'), new Date(Date.UTC(2026, 0, 31)))).toEqual({ value: '2026-01-31' });
    expect(valueOfCell(field('at'), new Date(Date.UTC(2026, 0, 31, 23, 45)))).toEqual({ value: '2026-01-31T23:45:00+08:00' });
    expect(valueOfCell(field('on'), '2026/1/5')).toEqual({ value: '2026-01-05' });
    expect(valueOfCell(field('on'), '2026年1月5日')).toEqual({ value: '2026-01-05' });
    expect(valueOfCell(field('kind'), 'visit')).toEqual({ value: 'visit' });
    expect(valueOfCell(field('people'), '张三,李四，王五；赵六')).toEqual({ value: [{ name: '张三' }, { name: '李四' }, { name: '王五' }, { name: '赵六' }] });
    expect(valueOfCell(field('count'), '7')).toEqual({ value: 7 });
    expect(valueOfCell(field('title'), '   ')).toEqual({ value: undefined });
    expect(cellOfField(field('idNumber'), idNo, false)).toBe(`${idNo.slice(0, 6)}********${idNo.slice(14)}`);
    expect(cellOfField(field('notes'), undefined, true)).toBeUndefined();
  });

  it.each([
    ['on', '2026-02-30', '日期应为日期，如 2026-03-05'],
    ['on', '下周一', '日期应为日期，如 2026-03-05'],
    ['at', '2026-03-05 24:10', '时间应为时间，如 2026-03-05 09:30'],
    ['at', '2026-03-05', '时间应为时间，如 2026-03-05 09:30'],
    ['count', '十二', '人数应为整数'],
    ['count', 2.5, '人数应为整数'],
    ['kind', '来电', '类别应为：来访、来信'],
    ['done', '对', '已办结应为“是”或“否”'],
    ['title', new Date(Date.UTC(2026, 0, 1)), '标题应为文字，不是日期'],
  ])('%s: %j is a problem (%s)', (key, cell, problem) => {
    expect(valueOfCell(field(key), cell)).toEqual({ problem });
  });

  it('lays out groups over their columns and reads a row by its headings, skipping empty rows', () => {
    const decl = { id: 't', excel: { title: 't', columns: [{ serial: true }, { field: 'title' }, { group: '办理', children: [{ field: 'on' }, { field: 'kind', label: '方式' }] }] }, fields: FIELDS, derived: [] } as unknown as RegisterDeclaration;
    const columns = registerColumns(decl);
    const rows = headerRows(columns);
    expect(rows).toEqual([['序号', '标题', '办理', '办理'], ['序号', '标题', '日期', '方式']]);
    expect(columnHeadings(rows)).toEqual(['序号', '标题', '办理/日期', '办理/方式']);
    expect(headerRows(registerColumns(decl, true))[0]).toEqual(['序号', '司法所', '标题', '办理', '办理']);
    const leaves = leafColumns(columns);
    expect(rowValuesOf(leaves, columnHeadings(rows), [1, '标题', '2026-13-01', '来访'], 5)).toEqual({
      values: { title: '标题', kind: 'visit' }, problems: [{ row: 5, column: '办理/日期', message: '日期应为日期，如 2026-03-05' }],
    });
    expect(isEmptyRow(leaves, [3, undefined, ' ', undefined])).toBe(true);
  });
});

describe('a register book', () => {
  const petitions = registerById('petitions')!;
  const entry = (n: number, over: Record<string, unknown>): RegisterEntry => ({
    id: `E${n}`, register: 'petitions', officeId: '0703', areaId: '07', filedOn: '2024-03-05', status: 'active', version: 1,
    createdAt: '2024-03-05T01:00:00Z', createdBy: 't', updatedAt: '2024-03-05T01:00:00Z', updatedBy: 't', ...over,
  });
  const values = [
    { receivedAt: '2024-03-05T09:30:00+08:00', channel: 'visit', visitors: [{ name: '张三' }, { name: '李四' }], peopleCount: 2, request: '请求调处宅基地纠纷', handler: '王五', replyDueOn: '2024-03-20', finishDueOn: '2024-05-04' },
    { receivedAt: '2024-03-06T00:10:00+08:00', channel: 'letter', visitors: [{ name: '赵六' }], peopleCount: 1, contact: '13800001111', request: '反映噪音扰民', handler: '王五', handling: 'answered', answeredAt: '2024-03-08T10:00:00+08:00', extended: true, replyDueOn: '2024-03-21', finishDueOn: '2024-06-04' },
  ];

  it('is drawn with merged group headers and read back by the import to the same values', async () => {
    const bytes = await registerWorkbook(petitions, values.map((v, i) => entry(i, v)), { officeName: '东关司法所', year: 2024, generatedAt: new Date('2024-12-31T02:00:00Z') });
    const wb = (await readWorkbook(bytes))!;
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell(1, 1).value).toBe('东关司法所来信来访登记簿（2024年）');
    // Title, note, two header rows: the group over its four columns, the leaves below.
    expect(sheet.getCell(3, 3).value).toBe('来访（信）人');
    expect(sheet.getCell(4, 3).value).toBe('姓名');
    expect((sheet as unknown as { _merges: Record<string, { range: string }> })._merges.C3!.range).toBe('C3:F3');
    expect(sheet.getCell(5, 2).value).toBe('2024-03-05 09:30');
    expect(sheet.getCell(5, 3).value).toBe('张三、李四');
    const parsed = await parseBook(petitions, bytes);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => r.row)).toEqual([5, 6]);
    const { replyDueOn: _r, finishDueOn: _f, ...second } = values[1]!;
    expect(parsed.rows[1]!.values).toEqual({ ...second, receivedAt: '2024-03-06T00:10:00+08:00' });
  });

  it('with an office column when it holds several offices; the import refuses it, naming the headers', async () => {
    const bytes = await registerWorkbook(petitions, [entry(0, values[0]!)], { officeNames: { '0703': '东关司法所' }, year: 2024, generatedAt: new Date() });
    const sheet = (await readWorkbook(bytes))!.worksheets[0]!;
    expect([sheet.getCell(3, 2).value, sheet.getCell(5, 2).value]).toEqual(['司法所', '东关司法所']);
    await expect(parseBook(petitions, bytes)).rejects.toMatchObject({ fields: { uploadId: expect.stringContaining('应为：序号、来访（信）时间、来访（信）人/姓名') } });
    await expect(parseBook(petitions, bytes)).rejects.toMatchObject({ fields: { uploadId: expect.stringContaining('文件中为：序号、司法所、来访（信）时间') } });
  });
});
