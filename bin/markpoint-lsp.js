#!/usr/bin/env node
// The Markpoint language server: `markpoint-lsp --stdio`. Bundled into dist/ by
// `npm install` (the package's prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/server.js', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("markpoint-lsp: the server has not been built yet. Run 'npm install' or 'npm run build' in the Markpoint folder.\n");
  process.exit(2);
}
await import(bundle.href);
