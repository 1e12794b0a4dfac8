// Runs one of the bundles that `npm install` (the prepare script) or `npm run build`
// writes to dist/, with a clear message when it has not been built yet.
import { existsSync } from 'node:fs';

export async function runBundle(file, command) {
  const bundle = new URL(`../dist/${file}`, import.meta.url);
  if (!existsSync(bundle)) {
    process.stderr.write(`${command}: it has not been built yet. Run 'npm install' or 'npm run build' in the Markpoint folder.\n`);
    process.exit(2);
  }
  await import(bundle.href);
}
