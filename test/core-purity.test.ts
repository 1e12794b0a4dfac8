import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Invariant: the analysis core is pure. It imports no `node:` module, no Node built-in,
 * nothing of VS Code or the LSP, and performs no I/O; adapters do that. Checked twice:
 * by reading the imports of every core file, and by bundling the core for a neutral
 * platform, which fails if anything in its dependency graph needs Node.
 */
const root = join(import.meta.dirname, '..');
const srcDir = join(root, 'server', 'src');
const coreDir = join(srcDir, 'core');
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'util', 'child_process', 'worker_threads', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'process', 'buffer', 'module', 'readline', 'tty', 'zlib', 'perf_hooks', 'fs/promises']);

function coreFiles(dir = coreDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** What a source file imports: the specifiers of its `import`, `export … from` and `import()`. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
}

describe('the analysis core', () => {
  const files = coreFiles();

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(coreDir.length + 1), f]))('%s imports nothing impure', (_, file) => {
    const source = readFileSync(file, 'utf8');
    for (const spec of importsOf(source)) {
      expect(spec.startsWith('node:'), spec).toBe(false);
      expect(NODE_BUILTINS.has(spec), spec).toBe(false);
      expect(/^vscode(-|$)/.test(spec), spec).toBe(false);
    }
    expect(source).not.toMatch(/\bprocess\.(env|argv|cwd|stdout|stderr)\b/);
    expect(source).not.toMatch(/\b(fetch|XMLHttpRequest|WebSocket)\s*\(/);
  });

  it('bundles for a neutral platform (no Node built-in anywhere in its dependency graph)', async () => {
    const result = await build({
      entryPoints: [join(coreDir, 'index.ts')],
      bundle: true,
      write: false,
      platform: 'neutral',
      format: 'esm',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0].text.length).toBeGreaterThan(10_000);
  });
});

/**
 * Invariant: the adapters depend only downwards. Each folder of `server/src` may import
 * itself and the folders listed for it; the extension (`client/src`) nothing under
 * `server/src` but the shared protocol, and the protocol no package at all. So the
 * language server never reaches into the CLI, and the client into the server's code.
 */
const MAY_IMPORT: Record<string, string[]> = {
  core: [],
  protocol: [],
  node: ['core'],
  report: ['core'],
  cli: ['core', 'node', 'report'],
  lsp: ['core', 'node', 'report', 'protocol'],
};

/** The `server/src` folder (`core`, `lsp`, …) that a path is in, or undefined outside it. */
function srcFolderOf(path: string): string | undefined {
  const rel = relative(srcDir, path);
  return rel.startsWith('..') ? undefined : rel.split(sep)[0];
}

/** Each relative import of a file that leaves its own folder, as `folder: specifier` when that folder is not allowed. */
function forbiddenImports(file: string, allowed: string[]): string[] {
  const own = srcFolderOf(file);
  return importsOf(readFileSync(file, 'utf8'))
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ spec, folder: srcFolderOf(resolve(dirname(file), spec)) }))
    .filter(({ folder }) => folder !== undefined && folder !== own && !allowed.includes(folder))
    .map(({ spec, folder }) => `${relative(root, file)} imports ${folder}: ${spec}`);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the adapters depend only downwards', () => {
  it('every folder of server/src has its rule', () => {
    const folders = readdirSync(srcDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(folders.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  it.each(Object.entries(MAY_IMPORT))('server/src/%s imports only %j', (folder, allowed) => {
    const files = sourcesUnder(join(srcDir, folder));
    expect(files.length).toBeGreaterThan(0);
    expect(files.flatMap((f) => forbiddenImports(f, allowed))).toEqual([]);
  });

  it('the extension imports nothing under server/src but the protocol', () => {
    const files = sourcesUnder(join(root, 'client', 'src'));
    expect(files.some((f) => importsOf(readFileSync(f, 'utf8')).some((s) => s.includes('server/src/protocol/')))).toBe(true);
    expect(files.flatMap((f) => forbiddenImports(f, ['protocol']))).toEqual([]);
  });

  it('the protocol imports no package, so both sides can take it as it is', () => {
    const specs = sourcesUnder(join(srcDir, 'protocol')).flatMap((f) => importsOf(readFileSync(f, 'utf8')));
    expect(specs.filter((s) => !s.startsWith('.'))).toEqual([]);
  });

  it('catches an import that goes the wrong way', () => {
    // A real file of the language server, checked as if it might import no other folder.
    expect(forbiddenImports(join(srcDir, 'lsp', 'server.ts'), [])).toContainEqual(expect.stringMatching(/^server\/src\/lsp\/server\.ts imports core: /));
  });
});
