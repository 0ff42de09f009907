// The console is a static app the server serves at / (src/server/console-route.ts). It imports
// the typed client from its sources, so it never waits for (or goes stale against) client/dist.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

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
  // `npm run dev -w console` against a server on :4000 (its CORS_ORIGINS must allow :5173).
  server: { port: 5173 },
});
