// One measurement of the registers bench (tests/bench/run.ts), in a fresh process so its memory is its
// own: the Excel export of the entries in `file` (JSON) as the official book (`registerWorkbook`:
// title, merged multi-level headers, borders, widths) or, for the baseline, the same cells as a bare
// exceljs sheet (a header row and the rows, nothing else). Prints one JSON line: time, file size,
// the peak RSS over the start (the process's maxRSS), the peak heap over the start (sampled).
// Run with --expose-gc so the start is measured after a collection.
import { readFileSync } from 'node:fs';
import { columnHeadings, entryRow, headerRows, leafColumns, registerById, registerColumns, type RegisterEntry } from '@sifasuo/domain';
import { registerWorkbook } from '../../functions/src/registers/workbook';

const [mode, file] = process.argv.slice(2) as ['book' | 'bare', string];
const decl = registerById('petitions')!;
const entries = JSON.parse(readFileSync(file, 'utf8')) as RegisterEntry[];
const generatedAt = new Date('2026-12-02T03:30:00Z');
const ExcelJS = (await import('exceljs')).default;

const bare = async () => {
  const columns = registerColumns(decl);
  const leaves = leafColumns(columns);
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(decl.shortName);
  sheet.addRow(columnHeadings(headerRows(columns)));
  entries.forEach((e, i) => sheet.addRow(entryRow(leaves, e, i + 1, { fullIdNumbers: true })));
  return new Uint8Array(await wb.xlsx.writeBuffer());
};

(globalThis as { gc?: () => void }).gc?.();
const start = process.memoryUsage();
let peakHeap = start.heapUsed;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 2);
const t0 = performance.now();
const bytes = mode === 'book' ? await registerWorkbook(decl, entries, { officeName: '城关镇司法所', year: 2026, generatedAt }) : await bare();
const ms = performance.now() - t0;
clearInterval(sampler);
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
const peakRss = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify({ ms, size: bytes.length, rows: entries.length, peakRss, rssDelta: peakRss - start.rss, heapDelta: peakHeap - start.heapUsed })}\n`);
