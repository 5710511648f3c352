import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
const buf = readFileSync('node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
for (let i = 0; i < 3; i++) { const t = performance.now(); const f: any = (fontkit as any).create(buf); const g = f.layout('人民调解协议书'); console.log('create+layout', (performance.now() - t).toFixed(0), g.glyphs.length, f.numGlyphs); }
