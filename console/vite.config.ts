// The console is a static app the server serves at / (src/server/console-route.ts). It imports
// the typed client from its sources, so it never waits for (or goes stale against) client/dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const apiServer = process.env.MEDIATASKS_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  resolve: {
    alias: { '@mediatasks/client': fileURLToPath(new URL('../client/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Served from the server's own origin; no source maps in what ships (the sources are here).
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev -w console`: the page on :5173, the API proxied to the server (MEDIATASKS_URL,
  // :4000 by default), whose CORS_ORIGINS must allow http://localhost:5173 (the Origin passes through).
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/graphql', '/files', '/uploads'].map((prefix) => [prefix, { target: apiServer, changeOrigin: true, ws: prefix === '/graphql' }])),
  },
});
