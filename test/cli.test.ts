import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../server/src/cli/main.js';
import { expectGolden } from './support/golden.js';

const root = join(import.meta.dirname, '..');
const cliDir = join(import.meta.dirname, 'cli');

// The spawned tests run the real bundle: build it from the current sources first.
beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build.mjs')], { cwd: root });
});

async function run(args: string[], cwd = cliDir) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd, color: false });
  return { code, stdout, stderr };
}

describe('markpoint check: output', () => {
  it('stylish output, grouped per file with a coverage summary (golden)', async () => {
    const { code, stdout, stderr } = await run(['check', 'fixtures/cohort']);
    expect(stderr).toBe('');
    expect(code).toBe(1); // law-year-wrong is an error
    expectGolden(stdout, 'check-stylish.txt');
  });

  it('json output is the versioned format of json-output.md (golden)', async () => {
    const { stdout } = await run(['check', '--format', 'json', 'fixtures/cohort']);
    expectGolden(stdout, 'check.json');
    const doc = JSON.parse(stdout);
    expect(doc.version).toBe(1);
    expect(doc.files.map((f: { path: string }) => f.path)).toEqual(['fixtures/cohort/amy-brand.md', 'fixtures/cohort/ben-environment.md']);
    const amy = doc.files[0];
    expect(amy).toMatchObject({ element: 'org-purpose-brand', elementSource: 'front-matter' });
    const year = amy.diagnostics.find((d: { code: string }) => d.code === 'law-year-wrong');
    expect(year).toMatchObject({ severity: 'error', range: { start: { line: 23, column: 70 }, end: { line: 23, column: 87 } } });
    expect(doc.files[1]).toMatchObject({ element: 'service-environment', elementSource: 'inferred' });
    expect(doc.summary).toEqual({ files: 2, errors: 1, warnings: 2, information: 1 });
    for (const f of doc.files) for (const c of f.coverage) expect(['covered', 'partial', 'missing']).toContain(c.status);
  });

  it('counts columns in UTF-16 code units', async () => {
    const text = '# Brand 😀\n\n😀 Our brand is just the logo.\n';
    const proc = spawnSync('node', [join(root, 'bin', 'markpoint.js'), 'check', '--format', 'json', '-'], { input: text, encoding: 'utf8' });
    const d = JSON.parse(proc.stdout).files[0].diagnostics.find((x: { code: string }) => x.code === 'brand-as-logo');
    expect(d.range.start).toEqual({ line: 3, column: 4 }); // the emoji is two code units
  });
});

describe('markpoint check: exit codes', () => {
  it.each([
    ['error', 1],
    ['warning', 1],
    ['information', 1],
  ])('--fail-on %s with an error present exits %i', async (level, expected) => {
    expect((await run(['check', '--fail-on', level, 'fixtures/cohort/amy-brand.md'])).code).toBe(expected);
  });

  it('exits 0 for a file with no findings at any level', async () => {
    for (const level of ['error', 'warning', 'information']) expect((await run(['check', '--fail-on', level, 'fixtures/cohort/ben-environment.md'])).code).toBe(0);
  });

  it('exits 0 when only information is found, unless --fail-on information', async () => {
    expect((await run(['check', 'fixtures/information-only.md'])).code).toBe(0);
    expect((await run(['check', '--fail-on', 'warning', 'fixtures/information-only.md'])).code).toBe(0);
    expect((await run(['check', '--fail-on', 'information', 'fixtures/information-only.md'])).code).toBe(1);
  });

  it('exits 2 for an unreadable input but still checks and reports the others', async () => {
    const { code, stdout, stderr } = await run(['check', '--format', 'json', 'missing.md', 'fixtures/cohort/ben-environment.md']);
    expect(code).toBe(2);
    expect(stderr).toBe('markpoint: missing.md: no such file or directory\n');
    const doc = JSON.parse(stdout);
    expect(doc.files[0]).toEqual({ path: 'missing.md', error: { message: 'no such file or directory' } });
    expect(doc.files[1].element).toBe('service-environment');
  });

  it.each([
    [['check', '--format', 'xml', 'x.md'], "unknown format 'xml'"],
    [['check', '--fail-on', 'never', 'x.md'], "unknown --fail-on level 'never'"],
    [['check', '--element', 'brand', 'x.md'], "unknown element 'brand'"],
    [['check'], 'no files given'],
    [['check', '--colour', 'x.md'], "Unknown option '--colour'"],
    [['lint', 'x.md'], "unknown command 'lint'"],
  ])('usage error %j exits 2 with a clear message', async (args, message) => {
    const { code, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it('a glob that matches nothing is reported, not silently ignored', async () => {
    const { code, stderr } = await run(['check', 'fixtures/**/*.markdown']);
    expect(code).toBe(2);
    expect(stderr).toContain('no files match this pattern');
  });
});

describe('markpoint check: inputs', () => {
  it('expands globs and directories in a stable order without duplicates', async () => {
    const { stdout } = await run(['check', '--format', 'json', 'fixtures/cohort/*.md', 'fixtures', 'fixtures/cohort/amy-brand.md']);
    expect(JSON.parse(stdout).files.map((f: { path: string }) => f.path)).toEqual([
      'fixtures/cohort/amy-brand.md',
      'fixtures/cohort/ben-environment.md',
      'fixtures/configured/notes.md',
      'fixtures/information-only.md',
      'fixtures/misconfigured/notes.md',
      'fixtures/project/ben.md',
      'fixtures/project/unit-1/amy.md',
    ]);
  });

  it('--element applies when the front matter does not name one', async () => {
    const { stdout } = await run(['check', '--format', 'json', '--element', 'plan-deliver', 'fixtures/cohort']);
    const files = JSON.parse(stdout).files;
    expect(files[0]).toMatchObject({ element: 'org-purpose-brand', elementSource: 'front-matter' });
    expect(files[1]).toMatchObject({ element: 'plan-deliver', elementSource: 'option' });
  });
});

describe('markpoint check: .markpoint.json', () => {
  it('applies the nearest config file: its element and check severities', async () => {
    const { code, stdout } = await run(['check', '--format', 'json', 'fixtures/configured/notes.md']);
    const file = JSON.parse(stdout).files[0];
    expect(file).toMatchObject({ element: 'plan-deliver', elementSource: 'option' });
    expect(file.diagnostics.find((d: { code: string }) => d.code === 'brand-as-logo').severity).toBe('error');
    expect(code).toBe(1);
  });

  it('lets --element win over the config file, and --no-config ignore it', async () => {
    const flagged = JSON.parse((await run(['check', '--format', 'json', '--element', 'org-purpose-brand', 'fixtures/configured/notes.md'])).stdout).files[0];
    expect(flagged.element).toBe('org-purpose-brand');
    const ignored = JSON.parse((await run(['check', '--format', 'json', '--no-config', 'fixtures/configured/notes.md'])).stdout).files[0];
    expect(ignored.elementSource).toBe('inferred');
    expect(ignored.diagnostics.find((d: { code: string }) => d.code === 'brand-as-logo').severity).toBe('warning');
  });

  it('reports a broken config file with its position and exits 2, still checking the file', async () => {
    const { code, stdout, stderr } = await run(['check', '--format', 'json', 'fixtures/misconfigured/notes.md']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "markpoint: fixtures/misconfigured/.markpoint.json:3:32: checks/brand-as-logo must be equal to one of the allowed values: error, warning, information, hint, off (the file's settings were not used)\n",
    );
    expect(JSON.parse(stdout).files[0].diagnostics.length).toBeGreaterThan(0);
  });
});

describe('markpoint check: overrides, ignores and --config', () => {
  it('applies overrides by glob and leaves ignored files out of directory expansion', async () => {
    const files = JSON.parse((await run(['check', '--format', 'json', 'fixtures/project'])).stdout).files;
    expect(files.map((f: { path: string }) => f.path)).toEqual(['fixtures/project/ben.md', 'fixtures/project/unit-1/amy.md']);
    const [ben, amy] = files;
    expect(ben.element).toBe('service-environment');
    expect(amy.element).toBe('org-purpose-brand');
    expect(amy.diagnostics.find((d: { code: string }) => d.code === 'brand-as-logo').severity).toBe('error');
    expect(ben.diagnostics.find((d: { code: string }) => d.code === 'brand-as-logo').severity).toBe('warning');
    for (const f of files) expect(f.diagnostics.map((d: { code: string }) => d.code)).not.toContain('career-path-linear');
  });

  it('still checks an ignored file named explicitly', async () => {
    const files = JSON.parse((await run(['check', '--format', 'json', 'fixtures/project/drafts/old.md'])).stdout).files;
    expect(files).toHaveLength(1);
  });

  it('--config names the config file for every input', async () => {
    const file = JSON.parse((await run(['check', '--format', 'json', '--config', 'fixtures/configured/.markpoint.json', 'fixtures/project/ben.md'])).stdout).files[0];
    expect(file.element).toBe('plan-deliver');
    const missing = await run(['check', '--config', 'nowhere.json', 'fixtures/project/ben.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nowhere.json:1:1: no such file');
  });
});

describe('markpoint check: --fail-on × --min-coverage', () => {
  // amy-brand.md: an error-level finding, 75% coverage; ben-environment.md: no findings,
  // 75%; information-only.md: one information finding, 17%.
  const files: Array<[string, { worst: number; percent: number }]> = [
    ['fixtures/cohort/amy-brand.md', { worst: 3, percent: 75 }],
    ['fixtures/cohort/ben-environment.md', { worst: 0, percent: 75 }],
    ['fixtures/information-only.md', { worst: 1, percent: 17 }],
  ];
  const rank: Record<string, number> = { error: 3, warning: 2, information: 1 };
  const cases: Array<[string, string | undefined, string, number]> = [];
  for (const failOn of ['error', 'warning', 'information'])
    for (const min of [undefined, '10', '50', '80'])
      for (const [file, { worst, percent }] of files) {
        const fails = worst >= rank[failOn] || (min !== undefined && percent < Number(min));
        cases.push([failOn, min, file, fails ? 1 : 0]);
      }
  it.each(cases)('--fail-on %s --min-coverage %s on %s exits %i', async (failOn, min, file, expected) => {
    const args = ['check', '--fail-on', failOn, ...(min ? ['--min-coverage', min] : []), file];
    expect((await run(args)).code).toBe(expected);
  });

  it('reports each file’s coverage percentage and which fall below the minimum', async () => {
    const { stdout } = await run(['check', '--min-coverage', '80', 'fixtures/cohort']);
    expect(stdout).toContain('2 partial, 0 missing (75%)  below --min-coverage 80%');
    expect(stdout).toContain('5 of 8 covered, 2 partial, 1 missing (75%)  below --min-coverage 80%');
  });

  it.each([['150'], ['-1'], ['half']])('rejects --min-coverage %s', async (value) => {
    const { code, stderr } = await run(['check', `--min-coverage=${value}`, 'x.md']);
    expect(code).toBe(2);
    expect(stderr).toContain('--min-coverage takes a percentage from 0 to 100');
  });
});

describe('markpoint check: --output and batches', () => {
  it('--output writes the chosen format to a file and keeps the stylish summary on the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-out-'));
    const out = join(dir, 'report.json');
    const { stdout } = await run(['check', '--format', 'json', '--output', out, 'fixtures/cohort']);
    expect(JSON.parse(readFileSync(out, 'utf8')).files).toHaveLength(2);
    expect(stdout).toContain('Marking points:');
    expect(stdout).toContain(`Report written to ${out}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives the same output in parallel (worker threads) as serially, in input order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-batch-'));
    const sources = ['cohort/amy-brand.md', 'cohort/ben-environment.md', 'information-only.md'].map((f) => readFileSync(join(cliDir, 'fixtures', f), 'utf8'));
    for (let i = 0; i < 24; i++) writeFileSync(join(dir, `learner-${String(i).padStart(2, '0')}.md`), sources[i % 3].replace('I work', `I (learner ${i}) work`));
    const serial = await run(['check', '--format', 'json', '--jobs', '1', '.'], dir);
    const parallel = await run(['check', '--format', 'json', '--jobs', '2', '.'], dir);
    expect(parallel.stdout).toBe(serial.stdout);
    expect(JSON.parse(serial.stdout).files).toHaveLength(24);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('markpoint report', () => {
  it('writes the cohort HTML and CSV, naming learners from front matter or the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-report-'));
    const html = join(dir, 'report.html');
    const csv = join(dir, 'cohort.csv');
    const { code, stdout } = await run(['report', 'fixtures/cohort', '--out', html, '--csv', csv, '--title', 'Spring <cohort>']);
    expect(code).toBe(0);
    expect(stdout).toBe(`Report for 2 learners written to ${html}\nSpreadsheet written to ${csv}\n`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Amy Fielding'); // front matter `learner:`
    expect(page).toContain('ben-environment'); // no front matter: the file name
    expect(page).toContain('Spring &lt;cohort&gt;');
    expect(page).not.toMatch(/<script|src="http|href="http/);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatch(/^Amy Fielding,fixtures\/cohort\/amy-brand\.md,org-purpose-brand,/);
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs --out, and exits 2 when an input cannot be read (still writing the report)', async () => {
    expect((await run(['report', 'fixtures/cohort'])).stderr).toContain('report needs --out FILE');
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-report-'));
    const html = join(dir, 'report.html');
    const { code } = await run(['report', 'fixtures/cohort', 'missing.md', '--out', html]);
    expect(code).toBe(2);
    expect(readFileSync(html, 'utf8')).toContain('missing.md');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('progress on stderr', () => {
  it('draws a bar on a terminal for long batches and stays silent otherwise', async () => {
    const { createProgress } = await import('../server/src/cli/progress.js');
    let tty = '';
    const bar = createProgress(25, { isTTY: true, columns: 80, write: (t: string) => (tty += t) });
    for (let i = 0; i < 25; i++) bar.tick();
    bar.done();
    expect(tty).toContain('Checking 25/25 [');
    let pipe = '';
    const quiet = createProgress(25, { isTTY: false, write: (t: string) => (pipe += t) });
    quiet.tick();
    quiet.done();
    expect(pipe).toBe('');
    let short = '';
    createProgress(3, { isTTY: true, write: (t: string) => (short += t) }).tick();
    expect(short).toBe('');
  });
});

describe('the markpoint executable', () => {
  it('reads standard input with - and prints stylish output', () => {
    const proc = spawnSync('node', [join(root, 'bin', 'markpoint.js'), 'check', '-'], {
      input: '# Brand\n\nAt my shop our brand is just the logo.\n',
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(proc.status).toBe(0);
    expect(proc.stdout).toContain('brand-as-logo');
    expect(proc.stdout.split('\n')[0]).toMatch(/^- {2}\S+ \(inferred from the text(, close to \S+)?\)/);
  });

  it('prints help and exits 0 with --help; exits 2 with no command', () => {
    expect(spawnSync('node', [join(root, 'bin', 'markpoint.js'), '--help'], { encoding: 'utf8' }).status).toBe(0);
    const none = spawnSync('node', [join(root, 'bin', 'markpoint.js')], { encoding: 'utf8' });
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Usage: markpoint check');
  });
});
