import { build } from 'esbuild';
import { esbuildOptions } from '../infra/lib/bundling';
const out = await build({ ...esbuildOptions, entryPoints: ['.scratch/entry.ts'], outdir: '/tmp/wtb/bundle', metafile: true, logLevel: 'warning' } as any);
const inputs = Object.entries(out.metafile!.outputs).find(([k]) => k.endsWith('.mjs'))![1].inputs;
const byPkg: Record<string, number> = {};
for (const [file, v] of Object.entries(inputs)) { const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file); const k = m ? m[1]! : 'src'; byPkg[k] = (byPkg[k] ?? 0) + (v as any).bytesInOutput; }
console.log(Object.entries(byPkg).sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KiB`).join('\n'));
