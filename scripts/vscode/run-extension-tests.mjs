#!/usr/bin/env node
// Runs the extension test suite (dist/test/extension/index.cjs, built by
// build-tests.mjs) in a real VS Code through @vscode/test-electron's `runTests`, with
// a fresh temporary copy of examples/ as the workspace. `npm run test:extension`
// builds everything first.
//
// Here, with no VS Code download possible, the "VS Code executable" is
// code-server-launcher.mjs, which runs the suite in code-server (installed by
// install-code-server.sh). With MARKPOINT_VSCODE=desktop the same suite runs in a
// desktop VS Code that test-electron downloads (MARKPOINT_VSCODE_VERSION, default
// stable), on a machine with internet.
//
// Exits with the suite's result: 0 when every test passed.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const desktop = process.env.MARKPOINT_VSCODE === 'desktop';

const temp = mkdtempSync(join(tmpdir(), 'markpoint-vscode-tests-'));
const workspace = join(temp, 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });

let code;
try {
  code = await runTests({
    ...(desktop ? { version: process.env.MARKPOINT_VSCODE_VERSION || 'stable' } : { vscodeExecutablePath: join(here, 'code-server-launcher.mjs') }),
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'dist', 'test', 'extension', 'index.cjs'),
    // A desktop VS Code gets its own profile here too (code-server's launcher makes its own).
    launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${join(temp, 'user-data')}`, `--extensions-dir=${join(temp, 'extensions')}`],
  });
} catch (error) {
  // runTests rejects when VS Code (or the launcher) exits non-zero.
  console.error(error instanceof Error ? error.message : error);
  code = typeof error?.code === 'number' ? error.code : 1;
} finally {
  rmSync(temp, { recursive: true, force: true });
}
process.exit(code);
