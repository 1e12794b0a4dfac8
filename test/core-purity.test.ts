import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Invariant: the analysis core is pure. It imports no `node:` module, no Node built-in,
 * nothing of VS Code or the LSP, and performs no I/O; adapters do that. Checked twice:
 * by reading the imports of every core file, and by bundling the core for a neutral
 * platform, which fails if anything in its dependency graph needs Node.
 */
const coreDir = join(import.meta.dirname, '..', 'server', 'src', 'core');
const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'util', 'child_process', 'worker_threads', 'net', 'http', 'https', 'crypto', 'stream', 'events', 'process', 'buffer', 'module', 'readline', 'tty', 'zlib', 'perf_hooks', 'fs/promises']);

function coreFiles(dir = coreDir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? coreFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the analysis core', () => {
  const files = coreFiles();

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [f.slice(coreDir.length + 1), f]))('%s imports nothing impure', (_, file) => {
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]);
    for (const spec of specifiers) {
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
