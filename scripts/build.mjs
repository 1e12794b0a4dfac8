// Bundles the CLI, the language server and the VS Code extension with esbuild.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Prefer ES module builds: jsonc-parser's UMD build cannot be bundled.
  mainFields: ['module', 'main'],
  sourcemap: true,
  logLevel: 'warning',
  define: { MARKPOINT_VERSION: JSON.stringify(pkg.version) },
};

// The VS Code extension: CommonJS, as the extension host loads it; `vscode` is provided.
await build({
  ...common,
  entryPoints: { extension: 'client/src/extension.ts' },
  outfile: undefined,
  outdir: 'dist',
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  external: ['vscode'],
});

await build({
  ...common,
  entryPoints: { cli: 'server/src/cli/bin.ts', 'cli-worker': 'server/src/cli/worker.ts', server: 'server/src/lsp/main.ts' },
  outdir: 'dist',
  format: 'esm',
  // Some bundled CommonJS dependencies call require(); give ESM output one.
  banner: { js: "import { createRequire as __markpointRequire } from 'node:module'; const require = __markpointRequire(import.meta.url);" },
});
