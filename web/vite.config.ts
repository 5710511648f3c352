import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The shared chunks every page needs, each cached on its own across releases: React and the router
 * (the framework), antd's core (theme, CSS-in-JS, form) with its icon base, and the domain's schemas
 * with zod. Everything else — a page and the antd components only it uses — stays in the chunks
 * rolldown splits off per `lazy()` page, so a role downloads only the pages it opens.
 */
const SHARED_CHUNKS = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/ },
  { name: 'domain', test: /[\\/](node_modules[\\/]zod|packages[\\/](domain|wiring))[\\/]/ },
];

// The portal is served by the local gateway (or CloudFront) at `/`, the API at the same origin `/api`.
// `npm run dev -w web` proxies /api to a running `npm start` (PORT, default 3000).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // No chunk should come near this: the first load of login + a home is budgeted at 400 kB of gzip JS.
    chunkSizeWarningLimit: 350,
    rolldownOptions: { output: { codeSplitting: { groups: SHARED_CHUNKS } } },
  },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
