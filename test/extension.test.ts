import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3), whose
 * extension host is the real one, with Debian's Chromium as its window.
 *
 * - The extension test suite (test/extension/, mocha in the extension host) through
 *   @vscode/test-electron's runTests (scripts/vscode/run-extension-tests.mjs).
 * - A UI smoke test of the workbench driven from the browser
 *   (scripts/vscode/ui-smoke.mjs), which saves test-results/vscode-ui.png.
 *
 * `.ci/run` installs code-server (scripts/vscode/install-code-server.sh); on a
 * developer's machine without it these tests are skipped, and in CI they fail instead.
 */
const root = join(import.meta.dirname, '..');
const codeServerInstalled = existsSync(join(root, '.vscode-test', 'code-server', '.markpoint-installed'));

/** Runs a command without blocking the worker; resolves with its exit code and output. */
function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs); // the scripts stop code-server on SIGTERM
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe.runIf(codeServerInstalled || process.env.CI !== undefined)('the extension in VS Code (code-server)', () => {
  beforeAll(async () => {
    for (const [command, args] of [
      ['bash', ['scripts/vscode/install-code-server.sh']], // nothing to do when installed
      ['node', ['scripts/build.mjs']],
      ['node', ['scripts/vscode/build-tests.mjs']],
    ] as const) {
      const { code, output } = await run(command, [...args], 280_000);
      if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${output}`);
    }
  }, 300_000);

  it('passes the extension test suite in the extension host', async () => {
    const { code, output } = await run('node', ['scripts/vscode/run-extension-tests.mjs'], 230_000);
    expect(code, output).toBe(0);
    expect(output).toMatch(/^\s*\d+ passing/m);
    expect(output).not.toMatch(/^\s*\d+ failing/m);
  }, 240_000);

  it('shows the findings in the Problems panel and the coverage view of the workbench', async () => {
    const { code, output } = await run('node', ['scripts/vscode/ui-smoke.mjs'], 230_000);
    expect(code, output).toBe(0);
    expect(output).toContain('law-year-wrong');
    expect(existsSync(join(root, 'test-results', 'vscode-ui.png'))).toBe(true);
  }, 240_000);
});
