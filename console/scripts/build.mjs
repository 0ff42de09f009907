// Builds the web console (Vite) into console/dist, which the server serves at /. The root
// postinstall runs it with --if-stale, so `npm ci` leaves a console ready; `npm run build` (the
// server's production build) runs it too. --warn-on-failure (postinstall) reports a failed build
// without failing the install. The build reads the client package's sources, so they count.
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isStale, swapIn, takeBuildLock } from '../../client/scripts/build-support.mjs';

const consoleDir = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(consoleDir, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json', '../package-lock.json', '../client/src'];
const ifStale = process.argv.includes('--if-stale');
const failed = (status) => process.exit(process.argv.includes('--warn-on-failure') ? 0 : status);

if (ifStale && !isStale(stamp, consoleDir, inputs)) process.exit(0);

// React and the rest pick their production builds by NODE_ENV, which a caller may have set to
// something else (vitest sets "test"): the console always ships the production build.
process.env.NODE_ENV = 'production';
let vite;
try {
  vite = await import('vite');
} catch {
  // An install without dev dependencies (the server's runtime image) copies console/dist instead.
  console.error('console/: Vite is not installed, so the web console is not built (the server then redirects / to GraphiQL)');
  failed(1);
}

takeBuildLock(path.join(consoleDir, '.dist-lock'), 'console/');
if (ifStale && !isStale(stamp, consoleDir, inputs)) {
  console.error('console/: dist/ was built by another build meanwhile');
  process.exit(0);
}

const scratch = path.join(consoleDir, `.dist-${process.pid}`);
const startedAt = performance.now();
try {
  await vite.build({ configFile: path.join(consoleDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: scratch, emptyOutDir: true } });
} catch (error) {
  fs.rmSync(scratch, { recursive: true, force: true });
  console.error(`console/: the build failed, dist/ is unchanged: ${error.message}`);
  failed(1);
}
swapIn(scratch, dist);
console.error(`console/: built in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
