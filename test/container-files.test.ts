// A static check of Dockerfile and compose.yaml: no container engine runs on our machines, so the
// image is never built here and compose never started. What this proves: the compose file parses,
// every variable it and the image set for our server is one the configuration knows and accepts,
// the image is multi-stage, runs as a non-root user, checks its health on the operations listener,
// copies only files that exist, and starts with the command `npm start` runs and the README names.
// What it cannot prove: that the image builds, that the base images still exist, that MinIO and
// PostgreSQL come up as written.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configVariables, loadConfig } from '../src/config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

interface Instruction { name: string; args: string }
interface Stage { from: string; alias?: string; instructions: Instruction[] }

/** Dockerfile instructions by stage, continuation lines joined, comments dropped. */
function dockerfileStages(text: string): Stage[] {
  const lines = text.replace(/\\\n/g, ' ').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, name, args] = /^(\w+)\s+(.*)$/.exec(line)!;
    if (name.toUpperCase() === 'FROM') {
      const [from, , alias] = args.split(/\s+/);
      stages.push({ from, alias, instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ name: name.toUpperCase(), args });
    }
  }
  return stages;
}

/** `ENV A=1 B=2` as pairs. */
const envPairs = (args: string) => Object.fromEntries(args.split(/\s+/).map((pair) => pair.split('=') as [string, string]));

/** Compose interpolation with what an operator would give: `${X:-default}` → default, `${X:?message}` → a sample. */
function interpolate(value: string, samples: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::?([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) => {
    if (kind === '-') return rest!;
    if (!(name in samples)) throw new Error(`${name} has no default and no sample value`);
    return samples[name];
  });
}

const stages = dockerfileStages(read('Dockerfile'));
const runtime = stages.at(-1)!;
const compose = parse(read('compose.yaml'), { merge: true }) as {
  services: Record<string, { build?: string; image?: string; environment?: Record<string, string>; deploy?: { replicas?: number } }>;
};
const ourServices = Object.entries(compose.services).filter(([, service]) => service.build === '.');
const startCommand = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;

describe('Dockerfile', () => {
  it('builds in one stage and runs in a slimmer one, as a non-root user', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(runtime.from).toMatch(/^node:24-.*slim$/);
    const user = runtime.instructions.filter((instruction) => instruction.name === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    // The runtime installs production dependencies only and takes the build's output.
    expect(runtime.instructions.some((instruction) => instruction.name === 'RUN' && instruction.args.includes('npm ci --omit=dev'))).toBe(true);
    const copiedFromBuild = runtime.instructions.filter((instruction) => instruction.name === 'COPY' && instruction.args.startsWith('--from='));
    expect(copiedFromBuild.map((instruction) => instruction.args.split(/\s+/)[1])).toEqual(expect.arrayContaining(['/app/dist', '/app/models']));
    for (const instruction of copiedFromBuild) expect(stages.map((stage) => stage.alias)).toContain(instruction.args.split(/\s+/)[0].slice('--from='.length));
  });

  it('copies only files that exist, and leaves local state out of the build context', () => {
    for (const stage of stages) {
      for (const instruction of stage.instructions.filter((each) => each.name === 'COPY' && !each.args.startsWith('--from='))) {
        const sources = instruction.args.split(/\s+/).slice(0, -1);
        for (const source of sources) expect(fs.existsSync(path.join(root, source)), `${source} exists`).toBe(true);
      }
    }
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', 'models', 'src/generated']));
  });

  it('starts with the command npm start runs (the one the README documents) and checks health on the operations listener', () => {
    const command = runtime.instructions.filter((instruction) => instruction.name === 'CMD').at(-1)!;
    expect((JSON.parse(command.args) as string[]).join(' ')).toBe(startCommand);
    expect(read('README.md')).toContain(`\`${startCommand}\``);

    const environment = Object.assign({}, ...runtime.instructions.filter((instruction) => instruction.name === 'ENV').map((instruction) => envPairs(instruction.args))) as Record<string, string>;
    for (const name of Object.keys(environment)) expect([...configVariables, 'NODE_ENV'], `ENV ${name}`).toContain(name);
    const healthCheck = runtime.instructions.find((instruction) => instruction.name === 'HEALTHCHECK')!;
    expect(healthCheck.args).toContain(`http://127.0.0.1:${environment.OPS_PORT}/health/ready`);
    expect(runtime.instructions.find((instruction) => instruction.name === 'EXPOSE')!.args.split(/\s+/)).toEqual(expect.arrayContaining([environment.PORT, environment.OPS_PORT]));
  });
});

describe('compose.yaml', () => {
  it('parses: PostgreSQL, an S3 server, an API and replicated workers built from this Dockerfile', () => {
    expect(compose.services.postgres.image).toMatch(/^postgres:/);
    expect(compose.services.minio.image).toMatch(/minio/);
    const roles = Object.fromEntries(ourServices.map(([name, service]) => [name, service.environment?.ROLE]));
    expect(roles).toEqual({ api: 'api', worker: 'worker' });
    expect(compose.services.worker.deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('sets only variables the configuration knows, with values it accepts, within the connection budget', () => {
    const samples = { API_KEYS: 'me:0123456789abcdef0123456789abcdef' };
    let connections = 0;
    for (const [name, service] of ourServices) {
      const environment = Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), samples)]));
      for (const key of Object.keys(environment)) expect(configVariables, `${name}: ${key}`).toContain(key);
      // What the image adds (HOST=0.0.0.0, OPS_PORT…) is part of what the process reads.
      const imageEnvironment = Object.assign({}, ...runtime.instructions.filter((instruction) => instruction.name === 'ENV').map((instruction) => envPairs(instruction.args))) as Record<string, string>;
      const config = loadConfig({ ...imageEnvironment, ...environment });
      expect(config.s3, `${name} keeps files in the bucket`).not.toBeNull();
      expect(config.database.url).toMatch(/@postgres:5432\//);
      connections += config.database.poolSize * (service.deploy?.replicas ?? 1);
    }
    // PostgreSQL's default max_connections, less a few for an operator.
    expect(connections).toBeLessThanOrEqual(97);
  });
});
