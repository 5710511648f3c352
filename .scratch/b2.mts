import { build } from 'esbuild';
import { esbuildOptions } from '../infra/lib/bundling';
for (const mod of ['pdfkit', 'exceljs', 'fontkit', 'zod']) await build({ ...esbuildOptions, entryPoints: [`.scratch/e-${mod}.ts`], outdir: '/tmp/wtb/b2', logLevel: 'error' } as any);
