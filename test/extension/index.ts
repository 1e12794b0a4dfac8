/**
 * The extension test suite's entry: VS Code's extension host loads the bundle of this
 * file (dist/test/extension/index.cjs, see scripts/vscode/build-tests.mjs) and calls
 * `run()`, as with `--extensionTestsPath`. It runs mocha over the bundled
 * `*.test.cjs` files beside it. Run it with `npm run test:extension`.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  // __dirname is the bundle's folder: this entry is bundled to CommonJS.
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.test.cjs')).sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  return new Promise((resolve, reject) => {
    if (files.length === 0) {
      reject(new Error(`no *.test.cjs files in ${__dirname}`));
      return;
    }
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test${failures === 1 ? '' : 's'} failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
