/**
 * The documents are part of the product: this suite holds them to the code. The code
 * map in ARCHITECTURE.md names every source file; the sample outputs in the README and
 * docs/json-format.md are what the CLI prints; the CLI's JSON validates against
 * docs/markpoint-output.schema.json; docs/ids.md lists the IDs of criteria/; the
 * documented disable comments work; the files and links the documents name exist; and
 * `npm run eval` says what it needs when its corpus is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../server/src/cli/main.js';
import { analyse, PRODUCT_CHECK_DEFINITIONS } from '../server/src/core/index.js';
import { COVERAGE_CODE } from '../server/src/lsp/diagnostics.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

const root = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const { criteria } = bundledCriteria();

/** The documents this suite reads, as a newcomer would. */
const DOCUMENTS = ['README.md', 'ARCHITECTURE.md', 'CONTRIBUTING.md', 'client/README.md', 'docs/json-format.md', 'docs/ids.md', 'docs/ci.md'];

/** Run the CLI in process, from the repository's root, as `npx markpoint ARGS` does. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: root, color: false });
  return { code, stdout, stderr };
}

/** Paths of the files below `dir` (relative to it), leaving out what is built or installed. */
function filesUnder(dir: string): string[] {
  const skip = new Set(['node_modules', '.git', 'dist', 'build', '.vscode-test', 'test-results']);
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    skip.has(e.name) ? [] : e.isDirectory() ? filesUnder(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
  );
}

/** Fenced blocks that follow a `<!-- KIND: ARGS -->` comment: the CLI arguments and the block's text. */
function markedBlocks(text: string, kind: 'output' | 'excerpt'): Array<{ args: string[]; body: string }> {
  const pattern = new RegExp(`<!-- ${kind}: (.+?) -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\`\\n`, 'g');
  return [...text.matchAll(pattern)].map((m) => ({ args: m[1].trim().split(/\s+/), body: m[2] }));
}

describe('ARCHITECTURE.md: the code map', () => {
  const map = read('ARCHITECTURE.md');
  const sources = ['server/src', 'client/src'].flatMap((dir) => filesUnder(join(root, dir)).filter((f) => f.endsWith('.ts')));

  it('has the source files to check', () => {
    expect(sources.length).toBeGreaterThan(40);
    expect(sources).toContain('cli/run-checks.ts');
  });

  it('names every source file under server/src and client/src', () => {
    // A file is named by a path that ends it (`detectors/index.ts`, `run-checks.ts`) and
    // that ends no other source file, standing alone (not inside a longer path).
    const suffixes = (path: string) => path.split('/').map((_, i, parts) => parts.slice(i).join('/'));
    const owners = new Map<string, number>();
    for (const path of sources) for (const s of suffixes(path)) owners.set(s, (owners.get(s) ?? 0) + 1);
    const named = (s: string) => new RegExp(`(?<![\\w./-])${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(map);
    const unnamed = sources.filter((path) => !suffixes(path).some((s) => owners.get(s) === 1 && named(s)));
    expect(unnamed, 'add these files to the code map in ARCHITECTURE.md').toEqual([]);
  });
});

describe('the documents name what exists', () => {
  const repoFiles = filesUnder(root);

  it.each(DOCUMENTS)('%s: every file it names in `code` exists', (doc) => {
    const names = [...read(doc).matchAll(/`([\w][\w./-]*\.(?:ts|mts|mjs|json|md|yml))`/g)].map((m) => m[1]);
    const missing = [...new Set(names)].filter((name) => !repoFiles.some((f) => f === name || f.endsWith(`/${name}`)));
    expect(missing, `${doc} names files that do not exist`).toEqual([]);
  });

  it.each(DOCUMENTS)('%s: every relative link resolves, and none leaves the repository', (doc) => {
    const links = [...read(doc).matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^(https?:|mailto:|#)/.test(l));
    const broken = links.filter((link) => {
      const target = resolve(root, dirname(doc), link.split('#')[0]);
      return relative(root, target).startsWith('..') || !existsSync(target);
    });
    expect(broken, `${doc} links to files that no clone has`).toEqual([]);
    expect(read(doc)).not.toMatch(/shared\/spec|shared\/seeds/);
  });
});

describe('sample outputs are real output', () => {
  const samples = ['README.md', 'docs/json-format.md'].flatMap((doc) => markedBlocks(read(doc), 'output').map((b) => ({ doc, ...b })));

  it('the README and docs/json-format.md each show one', () => {
    expect(samples.map((s) => s.doc).sort()).toEqual(['README.md', 'docs/json-format.md']);
  });

  it.each(samples.map((s) => [s.doc, s.args.join(' '), s]))('%s: `markpoint %s` prints what the document shows', async (_doc, _args, sample) => {
    const { stdout } = await cli(sample.args);
    expect(sample.body, 'paste the real output into the document').toBe(stdout.replace(/\n$/, ''));
  });

  it("the README's JSON excerpt is part of the real output", async () => {
    const excerpts = markedBlocks(read('README.md'), 'excerpt');
    expect(excerpts).toHaveLength(1);
    const contains = (value: unknown, part: unknown): boolean =>
      JSON.stringify(value) === JSON.stringify(part) || (typeof value === 'object' && value !== null && Object.values(value).some((v) => contains(v, part)));
    for (const { args, body } of excerpts) expect(contains(JSON.parse((await cli(args)).stdout), JSON.parse(body))).toBe(true);
  });
});

describe('docs/markpoint-output.schema.json', () => {
  const schema = JSON.parse(read('docs/markpoint-output.schema.json'));
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  const scratch = mkdtempSync(join(tmpdir(), 'markpoint-schema-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  // A text whose element is a close call, so that `elementInference.runnerUp` appears.
  const vague = join(scratch, 'vague.md');
  writeFileSync(vague, 'hello world\n');
  type Output = { version: number; files: Array<Record<string, unknown>> };
  let output: Promise<Output> | undefined;
  const realOutput = (): Promise<Output> =>
    (output ??= cli(['check', '--format', 'json', '--jobs', '1', 'examples', 'test/fixtures', 'test/cli/fixtures', vague, 'missing.md']).then((r) => JSON.parse(r.stdout)));

  it('validates the JSON output of the examples and every fixture', async () => {
    const doc = await realOutput();
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('was tried on every shape the format has', async () => {
    const files = (await realOutput()).files;
    expect(files.length).toBeGreaterThan(40);
    expect(files.some((f) => 'error' in f)).toBe(true);
    expect(new Set(files.map((f) => f.elementSource))).toEqual(new Set(['front-matter', 'option', 'inferred', undefined]));
    expect(files.some((f) => (f.elementInference as { runnerUp?: string } | undefined)?.runnerUp)).toBe(true);
    const statuses = new Set(files.flatMap((f) => ((f.coverage as Array<{ status: string }>) ?? []).map((c) => c.status)));
    expect(statuses).toEqual(new Set(['covered', 'partial', 'missing']));
  });

  it('fails when any field of the output is renamed', async () => {
    const doc = await realOutput();
    // The first place where each field occurs, by its path with array indices left out.
    const places = new Map<string, Array<string | number>>();
    const walk = (value: unknown, path: Array<string | number>) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          const shape = [...path, key].filter((p) => typeof p === 'string').join('.');
          if (!places.has(shape)) places.set(shape, [...path, key]);
          walk(v, [...path, key]);
        }
      }
    };
    walk(doc, []);
    expect(places.size).toBeGreaterThan(20);
    const accepted = [...places].filter(([, path]) => {
      const copy = JSON.parse(JSON.stringify(doc));
      const parent = path.slice(0, -1).reduce((o, k) => o[k], copy);
      const key = path.at(-1) as string;
      parent[`${key}Renamed`] = parent[key];
      delete parent[key];
      return validate(copy);
    });
    expect(accepted.map(([shape]) => shape)).toEqual([]);
  });

  it('has every field it names described in docs/json-format.md', () => {
    const page = read('docs/json-format.md');
    const fields = new Set<string>();
    const collect = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      if (properties) Object.keys(properties).forEach((k) => fields.add(k));
      Object.values(node).forEach(collect);
    };
    collect(schema);
    expect([...fields].filter((f) => !page.includes(`\`${f}\``))).toEqual([]);
  });
});

describe('docs/ids.md lists the IDs of criteria/', () => {
  const page = read('docs/ids.md');
  /** The rows of the table under a `## heading`, by the ID in their first cell. */
  const table = (heading: string): Map<string, string[]> => {
    const section = page.split(/^## /m).find((s) => s.startsWith(`${heading}\n`)) ?? '';
    const rows = section.split('\n').filter((l) => l.startsWith('| `'));
    return new Map(rows.map((l) => l.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ''))).map(([id, ...rest]) => [id, rest]));
  };
  const packs = [...criteria.packs.values()];
  const lists = {
    Elements: { listed: table('Elements'), current: new Map(packs.map((p) => [p.element, [p.title]])) },
    'Marking points': { listed: table('Marking points'), current: new Map(packs.flatMap((p) => p.markingPoints.map((m) => [`${p.element}/${m.id}`, [m.summary]]))) },
    Checks: { listed: table('Checks'), current: new Map([...criteria.checks.values()].map((c) => [c.id, [c.scope, c.severity]])) },
    "The product's own IDs": { listed: table("The product's own IDs"), current: new Map(PRODUCT_CHECK_DEFINITIONS.map((c) => [c.id, [c.scope, c.severity]])) },
  };

  it.each(Object.entries(lists))('%s: no listed ID has been renamed or removed', (_, { listed, current }) => {
    expect(listed.size).toBeGreaterThan(2);
    const gone = [...listed.keys()].filter((id) => !current.has(id));
    expect(gone, 'public IDs never change: restore these IDs in criteria/, and add new ones beside them').toEqual([]);
  });

  it.each(Object.entries(lists))('%s: every ID in criteria/ is listed, as criteria/ describes it', (_, { listed, current }) => {
    const unlisted = [...current.keys()].filter((id) => !listed.has(id));
    expect(unlisted, 'add a row for each new ID to docs/ids.md').toEqual([]);
    for (const [id, cells] of current) expect(listed.get(id)?.slice(0, cells.length), id).toEqual(cells);
  });

  it("names the editor's coverage hint code, which no check may take", () => {
    expect(page).toContain(`the code \`${COVERAGE_CODE}\``);
    expect(criteria.checks.has(COVERAGE_CODE)).toBe(false);
  });
});

describe('the disable comments, as the README documents them', () => {
  const readme = read('README.md');
  const example = /```markdown\n([\s\S]*?markpoint-disable[\s\S]*?)```/.exec(readme)?.[1] ?? '';
  const silenced = [...example.matchAll(/markpoint-(?:disable-next-line|disable-line|disable) ([\w-]+)/g)].map((m) => m[1]);
  const checksIn = (text: string) => analyse(text, criteria, { element: 'org-purpose-brand' }).findings.map((f) => f.check);

  it('the example uses every kind of comment', () => {
    for (const kind of ['disable-next-line', 'disable-line', 'disable', 'enable']) expect(example).toContain(`<!-- markpoint-${kind} `);
    expect(silenced.length).toBe(3);
  });

  it('the example silences each check it names, which fires without the comments', () => {
    const found = checksIn(example);
    const withoutComments = checksIn(example.replace(/<!--[\s\S]*?-->/g, ''));
    for (const check of silenced) {
      expect(found, check).not.toContain(check);
      expect(withoutComments, check).toContain(check);
    }
  });

  it('front matter `markpoint-disable` takes a list or a string of IDs', () => {
    const body = 'Our brand is just the logo over the door.\n\nUnder the Equality Act 2012, we treat every customer fairly.\n';
    expect(checksIn(body)).toEqual(expect.arrayContaining(['brand-as-logo', 'law-year-wrong']));
    for (const value of ['[brand-as-logo, law-year-wrong]', 'brand-as-logo, law-year-wrong', 'brand-as-logo law-year-wrong']) {
      const found = checksIn(`---\nmarkpoint-disable: ${value}\n---\n\n${body}`);
      expect(found, value).not.toContain('brand-as-logo');
      expect(found, value).not.toContain('law-year-wrong');
    }
    expect(readme).toContain('one string of IDs separated by\ncommas or spaces');
  });
});

describe('invariants that ARCHITECTURE.md states about the adapters', () => {
  const sourcesOf = (dir: string) => filesUnder(join(root, dir)).filter((f) => f.endsWith('.ts')).map((f) => join(root, dir, f));
  const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);

  it('the extension imports nothing from the core, the CLI or the Node adapters', () => {
    const forbidden = ['core', 'cli', 'node'].map((d) => join(root, 'server', 'src', d));
    const offending = sourcesOf('client/src').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && forbidden.some((d) => resolve(dirname(file), spec).startsWith(d + '/')))
        .map((spec) => `${relative(root, file)}: ${spec}`),
    );
    expect(offending).toEqual([]);
  });

  it('no source file imports a networking module or calls fetch', () => {
    const network = /^(node:)?(http|https|http2|net|tls|dgram)$/;
    const offending = [...sourcesOf('server/src'), ...sourcesOf('client/src')].filter(
      (file) => importsOf(file).some((spec) => network.test(spec)) || /\b(fetch|XMLHttpRequest|WebSocket)\s*\(/.test(readFileSync(file, 'utf8')),
    );
    expect(offending.map((f) => relative(root, f))).toEqual([]);
  });
});

describe('npm run eval without its corpus', () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const evaluate = (dir: string) => spawnSync(tsx, ['scripts/eval.ts', dir], { cwd: root, encoding: 'utf8' });

  it('says that the folder is missing and what a corpus is, and exits 2', () => {
    const run = evaluate('no-such-corpus');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('eval: there is no corpus folder no-such-corpus.');
    expect(run.stderr).toContain('a folder of Markdown assignments with a labels.json beside them');
    expect(run.stderr).toContain('npm run eval -- test/corpus/holdout');
    expect(run.stderr).not.toContain('ENOENT');
  });

  it('says that labels.json is missing from a folder that has none, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-eval-'));
    try {
      const run = evaluate(dir);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`eval: ${dir} has no labels.json.`);
      expect(run.stderr).not.toContain('ENOENT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
