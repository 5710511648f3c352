import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The portal is served by the local gateway (or CloudFront) at `/`, the API at the same origin `/api`.
// `npm run dev -w web` proxies /api to a running `npm start` (PORT, default 3000).
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
