// Compiles the client's src/ to dist/ (JavaScript + .d.ts), which the `mediatasks` bin and the
// package's exports point at. The root postinstall runs it with --if-stale, so `npm ci` in a clone
// leaves a runnable `npx mediatasks`; `npm pack` runs it through prepack. --warn-on-failure
// (postinstall) reports a failed build without failing the install.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStale, swapIn, takeBuildLock } from './build-support.mjs';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(packageDir, 'dist');
const stamp = path.join(dist, '.build-stamp');
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

const isStaleNow = () => isStale(stamp, packageDir, inputs);

const ifStale = process.argv.includes('--if-stale');
if (ifStale && !isStaleNow()) process.exit(0);

let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // An install without dev dependencies (the server's container) has no use for the CLI.
  console.error('client/: TypeScript is not installed, so the client and the mediatasks CLI are not built');
  process.exit(process.argv.includes('--warn-on-failure') ? 0 : 1);
}

// One build at a time (two test files build in their beforeAll, in parallel).
takeBuildLock(path.join(packageDir, '.dist-lock'), 'client/');
if (ifStale && !isStaleNow()) {
  console.error('client/: dist/ was built by another build meanwhile');
  process.exit(0);
}

// Into a scratch folder, swapped in whole: a failed build leaves the previous dist/.
const scratch = path.join(packageDir, `.dist-${process.pid}`);
const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', scratch], { cwd: packageDir, stdio: 'inherit' });
if (result.status !== 0) {
  fs.rmSync(scratch, { recursive: true, force: true });
  console.error('client/: the build failed, dist/ is unchanged');
  // From postinstall, a broken client must not fail the server's install: say so and go on.
  process.exit(process.argv.includes('--warn-on-failure') ? 0 : (result.status ?? 1));
}
swapIn(scratch, dist);
