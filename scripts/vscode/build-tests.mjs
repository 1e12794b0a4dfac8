// Bundles the extension test suite (test/extension/) for VS Code's extension host:
// index.ts (the `run()` entry test-electron's --extensionTestsPath names) and every
// *.test.ts, each to dist/test/extension/<name>.cjs. CommonJS, as the extension host
// loads it; `vscode` is provided by the host and mocha is loaded from node_modules.
// Kept apart from scripts/build.mjs, which builds what ships.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'test', 'extension');
const outdir = join(root, 'dist', 'test', 'extension');

const entryPoints = Object.fromEntries(
  readdirSync(src)
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => [f.replace(/\.ts$/, ''), join(src, f)]),
);

rmSync(outdir, { recursive: true, force: true }); // no stale test file runs
await build({
  entryPoints,
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['vscode', 'mocha'],
  sourcemap: true,
  logLevel: 'warning',
});
