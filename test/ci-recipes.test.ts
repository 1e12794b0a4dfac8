import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sarifValidator } from './support/sarif.js';

/**
 * The CI recipes of docs/ci.md, run as far as they can be here: the commands of the
 * GitHub workflow and the GitLab job exactly as written (with `npx` and `markpoint`
 * resolved to this checkout), and the pre-commit hook in a throwaway Git repository.
 */
const root = join(import.meta.dirname, '..');
const recipes = join(root, 'examples', 'ci');
let sandbox: string;
let bin: string;

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build.mjs')], { cwd: root });
  sandbox = mkdtempSync(join(tmpdir(), 'markpoint-ci-'));
  // `markpoint` and `npx markpoint` on PATH, as after `npm install markpoint`.
  bin = join(sandbox, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'markpoint'), `#!/bin/sh\nexec node ${join(root, 'bin', 'markpoint.js')} "$@"\n`);
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\n[ "$1" = markpoint ] && shift\nexec node ${join(root, 'bin', 'markpoint.js')} "$@"\n`);
  chmodSync(join(bin, 'markpoint'), 0o755);
  chmodSync(join(bin, 'npx'), 0o755);
});
afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

const env = () => ({ ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' });

/** A repository with a `submissions` folder of learners' work. */
function workspace(name: string): string {
  const dir = join(sandbox, name);
  mkdirSync(join(dir, 'submissions'), { recursive: true });
  for (const f of ['amy-brand.md', 'ben-environment.md']) copyFileSync(join(root, 'test', 'cli', 'fixtures', 'cohort', f), join(dir, 'submissions', f));
  return dir;
}

function run(command: string, cwd: string, extraEnv: Record<string, string> = {}) {
  return spawnSync('sh', ['-c', command], { cwd, env: { ...env(), ...extraEnv }, encoding: 'utf8' });
}

describe('the GitHub Actions workflow', () => {
  const workflow = parseYaml(readFileSync(join(recipes, 'github-workflow.yml'), 'utf8'));
  const steps: Array<{ run?: string; uses?: string; with?: Record<string, string> }> = workflow.jobs.markpoint.steps;
  const commands = steps.map((s) => s.run).filter((r): r is string => !!r && r.includes('markpoint check'));

  it('lints with annotations and a job summary, failing on the error', () => {
    const dir = workspace('github');
    const summary = join(dir, 'summary.md');
    const annotate = run(commands[0], dir, { GITHUB_STEP_SUMMARY: summary });
    expect(annotate.status).toBe(1); // amy-brand.md has an error-level finding
    expect(annotate.stdout).toMatch(/^::error file=submissions\/amy-brand\.md,line=23,col=70,.*title=law-year-wrong::/m);
    expect(readFileSync(summary, 'utf8')).toContain('| submissions/amy-brand.md |');
  });

  it('writes SARIF that the upload step can send: valid SARIF 2.1.0', () => {
    const dir = workspace('sarif');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    const produce = run(commands[1], dir);
    expect(produce.status).toBe(0); // `|| true`: the upload step runs whatever was found
    const sarif = JSON.parse(readFileSync(join(dir, upload.with!.sarif_file), 'utf8'));
    const validate = sarifValidator();
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toContain('law-year-wrong');
  });
});

describe('the GitLab job', () => {
  it('writes the JUnit report its artifacts name', () => {
    const job = parseYaml(readFileSync(join(recipes, 'gitlab-ci.yml'), 'utf8')).markpoint;
    const dir = workspace('gitlab');
    const command = job.script.find((s: string) => s.includes('markpoint check'));
    expect(run(command, dir).status).toBe(1);
    const xml = new XMLParser({ ignoreAttributes: false }).parse(readFileSync(join(dir, job.artifacts.reports.junit), 'utf8'));
    expect(xml.testsuites['@_name']).toBe('markpoint');
    expect(xml.testsuites.testsuite).toHaveLength(2);
  });
});

describe('the pre-commit hook', () => {
  it('refuses a commit with an error and allows one without', () => {
    const repo = join(sandbox, 'repo');
    mkdirSync(repo);
    const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, env: env(), encoding: 'utf8' });
    git('init', '-q');
    git('config', 'user.email', 'tutor@example.com');
    git('config', 'user.name', 'Tutor');
    copyFileSync(join(recipes, 'pre-commit'), join(repo, '.git', 'hooks', 'pre-commit'));
    chmodSync(join(repo, '.git', 'hooks', 'pre-commit'), 0o755);

    writeFileSync(join(repo, 'assignment.md'), '# Policies\n\nI work at a shop. The Equality Act 2012 means we keep a ramp, for example for Mr Khan.\n');
    git('add', 'assignment.md');
    const refused = git('commit', '-q', '-m', 'first draft');
    expect(refused.status).not.toBe(0);
    expect(refused.stdout + refused.stderr).toContain('law-year-wrong');

    writeFileSync(join(repo, 'assignment.md'), '# Policies\n\nI work at a shop. The Equality Act 2010 means we keep a ramp, for example for Mr Khan.\n');
    git('add', 'assignment.md');
    expect(git('commit', '-q', '-m', 'fixed the year').status).toBe(0);
    expect(git('log', '--oneline').stdout.trim().split('\n')).toHaveLength(1);
  });
});
