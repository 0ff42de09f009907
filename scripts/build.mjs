// `npm run build`: compiles src/ to dist/ (tsconfig.build.json) and builds the web console
// (console/dist). With --if-stale (npm's prestart) each builds only when a source is newer than its
// last build, so `npm ci && npm start` always runs current JavaScript and a second start costs a
// directory walk, not a compile.
//
// It compiles into a scratch folder and swaps it in whole: a failed or interrupted build leaves the
// previous dist/ (or none), never half of one, and removed sources leave no stale .js behind.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestChange } from '../client/scripts/build-support.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-stamp');
/** What the compiled output depends on: sources (src/generated included), compiler settings, dependency versions. */
const inputs = ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

function staleReason() {
  if (!fs.existsSync(stamp)) return 'no build yet';
  const builtAt = fs.statSync(stamp).mtimeMs;
  const changed = inputs.find((input) => newestChange(path.join(root, input)) > builtAt);
  return changed ? `${changed} changed since the last build` : null;
}

/** The compiler, or why this folder cannot build (an image's runtime stage: no sources or no TypeScript). */
function compiler() {
  if (!fs.existsSync(path.join(root, 'tsconfig.build.json')) || !fs.existsSync(path.join(root, 'src/main.ts'))) return { missing: 'the sources are not here' };
  try {
    return { tsc: createRequire(import.meta.url).resolve('typescript/bin/tsc') };
  } catch {
    return { missing: 'TypeScript is not installed (an install with --omit=dev?)' };
  }
}

function build(reason, { ifStale = false } = {}) {
  const { tsc, missing } = compiler();
  if (missing) {
    // An image built elsewhere: dist/ was compiled there (postinstall's Prisma client looks newer).
    if (ifStale && fs.existsSync(stamp)) {
      console.error(`starting the dist/ that is here: ${missing} to rebuild it (${reason})`);
      return;
    }
    console.error(`dist/ must be built (${reason}) but ${missing}: run \`npm run build\` where the sources and dev dependencies are, and copy dist/ here.`);
    process.exit(1);
  }
  const scratch = path.join(root, `.dist-${process.pid}`);
  const startedAt = performance.now();
  process.stderr.write(`building dist/ (${reason}) … `);
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', scratch], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    fs.rmSync(scratch, { recursive: true, force: true });
    console.error('the build failed: dist/ is unchanged');
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(path.join(scratch, '.build-stamp'), `${new Date().toISOString()}\n`);
  fs.rmSync(dist, { recursive: true, force: true });
  fs.renameSync(scratch, dist);
  process.stderr.write(`done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
}

/** The web console the server serves at / (console/scripts/build.mjs; it skips what is current). */
function buildConsole({ ifStale }) {
  const script = path.join(root, 'console/scripts/build.mjs');
  if (!fs.existsSync(script)) return;
  const flags = ifStale ? ['--if-stale', '--warn-on-failure'] : [];
  const result = spawnSync(process.execPath, [script, ...flags], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv.includes('--if-stale')) {
  const reason = staleReason();
  if (reason) build(reason, { ifStale: true });
  buildConsole({ ifStale: true });
} else {
  build('npm run build');
  buildConsole({ ifStale: false });
}
