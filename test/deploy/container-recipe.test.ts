import fs from 'node:fs';
import path from 'node:path';
import { DockerfileParser, type Env, type Instruction } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { agentArgv, serverArgv, serverEnv } from '@/deploy/commands';
import { loadConfig } from '@/lib/server/config/config';
import { buildKustomization, DEPLOY_DIR } from './manifests';

const ROOT = path.resolve(DEPLOY_DIR, '..');
const dockerfile = DockerfileParser.parse(fs.readFileSync(path.join(ROOT, 'Containerfile'), 'utf8'));
const stages = dockerfile.getFROMs();
const runtimeStart = stages[stages.length - 1]!.getRange().start.line;
const runtime = dockerfile.getInstructions().filter((i) => i.getRange().start.line >= runtimeStart);
const jsonArgs = (i: Instruction | undefined) => JSON.parse(i?.getArgumentsContent() ?? 'null') as string[];
const inRuntime = (keyword: string) => runtime.filter((i) => i.getKeyword() === keyword);

/** ENV lines of the final stage as a map (`${ARG}` references to empty build arguments count as empty). */
function runtimeEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  // The parser's values: quotes removed, so NODE_OPTIONS="a b" is one value.
  for (const i of inRuntime('ENV') as Env[]) {
    for (const p of i.getProperties()) env[p.getName()] = (p.getValue() ?? '').replace(/\$\{\w+\}/g, '');
  }
  return env;
}

describe('Containerfile', () => {
  it('builds in stages and runs the last one as a non-root user with data on a volume', () => {
    expect(stages.map((s) => s.getBuildStage())).toEqual(['deps', 'build', 'runtime']);
    // The compiler and npm's work stay in the build stages.
    expect(inRuntime('RUN').map((r) => r.getArgumentsContent())).toEqual(['mkdir -p /data && chown 65532:65532 /data']);
    const user = inRuntime('USER')[0]!.getArgumentsContent()!;
    expect(user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(jsonArgs(inRuntime('VOLUME')[0])).toEqual(['/data']);
    const env = runtimeEnv();
    expect(path.dirname(env.HOLOCRON_DB!)).toBe('/data');
    expect(env.NODE_ENV).toBe('production');
    // The environment it ships is one the server accepts, with the memory settings the tests run it with.
    expect(() => loadConfig(env)).not.toThrow();
    expect(env).toMatchObject(serverEnv({}));
  });

  it('gives npm start and npm run demo (plain-JS scripts) the same memory settings as the image', async () => {
    // scripts/processes.mjs runs without a TypeScript loader, so it keeps its own copy of serverEnv.
    const file = '../../scripts/processes.mjs'; // a variable: the plain-JS module has no type declarations
    const scripts = (await import(file)) as { serverEnv(env: Record<string, string | undefined>): Record<string, string> };
    for (const env of [{}, { NODE_OPTIONS: '--trace-gc' }, { MALLOC_ARENA_MAX: '4' }, { MALLOC_MMAP_THRESHOLD_: '65536' }]) expect(scripts.serverEnv(env)).toEqual(serverEnv(env));
  });

  it('runs the command the tests start, and the Deployment and DaemonSet run the same image that way', () => {
    const entry = jsonArgs(inRuntime('ENTRYPOINT')[0]);
    const cmd = jsonArgs(inRuntime('CMD')[0]);
    const env = runtimeEnv();
    expect(entry).toEqual(['node']);
    expect(cmd).toEqual(serverArgv(env.HOLOCRON_HOST!, env.PORT!));
    const objs = buildKustomization(path.join(DEPLOY_DIR, 'embedded'));
    const server = objs.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0];
    expect([...server.command, ...server.args]).toEqual([...entry, ...cmd]);
    const agent = objs.find((o) => o.kind === 'DaemonSet')!.spec.template.spec.containers[0];
    expect(agent.image).toBe(server.image);
    expect(agent.command).toEqual(entry);
    expect(agent.args.slice(0, 2)).toEqual(agentArgv([]));
    // Every port a manifest names is one the image exposes.
    const exposed = inRuntime('EXPOSE')[0]!.getArgumentsContent()!.split(/\s+/).map(Number);
    for (const c of [server, agent]) for (const p of c.ports) expect(exposed).toContain(p.containerPort);
  });

  it('copies what the commands need into the final stage', () => {
    const copied = inRuntime('COPY').flatMap((c) => {
      const args = (c.getArgumentsContent() ?? '').split(/\s+/);
      return args.slice(0, -1).map((a) => a.replace(/^\/app\//, ''));
    });
    for (const file of [...serverArgv('h', 1).slice(0, 1), ...agentArgv([]), 'proto/', 'rules/default-rules.yaml', 'scripts/base-path.cjs', 'next.config.js', 'instrumentation.ts']) {
      const top = file.split('/')[0]!;
      expect(copied, file).toContain(top);
      if (top !== 'node_modules') expect(fs.existsSync(path.join(ROOT, file)), file).toBe(true);
    }
    expect(copied).toContain('.next');
  });
});
