#!/usr/bin/env node
// A stand-in for the VS Code executable, for @vscode/test-electron's `runTests`
// (`vscodeExecutablePath`). No desktop VS Code can be downloaded on this machine, so
// this runs the same extension test suite in code-server (VS Code's own server build,
// whose extension host is the real one), with Debian's Chromium as the browser:
//
//   1. start code-server in its own process group, on a free 127.0.0.1 port, with its
//      user data, extensions and config in a temporary folder (never the home folder),
//      and wait for GET /healthz (see code-server.mjs);
//   2. open the workbench in headless Chromium (playwright-core) with the workspace
//      folder and a payload naming the extension under development and the tests
//      entry, so that the entry's `run()` executes inside the extension host, as under
//      test-electron;
//   3. print the suite's output (window.codeAutomationLog) and take its exit code
//      (window.codeAutomationExit: 0 passed, 1 failed);
//   4. screenshot the workbench to test-results/vscode-<time>.png (on failure, or
//      always with MARKPOINT_SCREENSHOT=1), stop the browser and the whole code-server
//      process group, and exit with the suite's code.
//
// Arguments, as test-electron passes them: `--extensionDevelopmentPath=DIR` (one or
// more), `--extensionTestsPath=FILE`, and the workspace folder (the first argument that
// is not an option). Everything else (--no-sandbox, --user-data-dir=…, …) is ignored:
// the launcher owns its user data and extensions folders.
//
// Environment: MARKPOINT_CODE_SERVER (the install folder; default
// .vscode-test/code-server), MARKPOINT_CHROMIUM (default /usr/bin/chromium),
// MARKPOINT_VSCODE_TIMEOUT (seconds for the whole run; default 180),
// MARKPOINT_SCREENSHOT (screenshot even when the suite passes), MARKPOINT_KEEP_TEMP
// (keep the temporary folder).
import { resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium, missingPrerequisite, screenshotPath, sleep, startCodeServer, vscodeVersion, workbenchUrl } from './code-server.mjs';

const timeoutMs = Number(process.env.MARKPOINT_VSCODE_TIMEOUT || 180) * 1000;

/** The launcher's own lines, told apart from the suite's. */
const say = (message) => console.log(`[code-server-launcher] ${message}`);
const complain = (message) => console.error(`[code-server-launcher] ${message}`);

/** The arguments test-electron passes that matter here. */
function parseArgs(argv) {
  const devPaths = [];
  let testsPath;
  let folder;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => (arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : argv[++i]);
    if (name === '--extensionDevelopmentPath') devPaths.push(resolve(value()));
    else if (name === '--extensionTestsPath') testsPath = resolve(value());
    else if (!arg.startsWith('-') && folder === undefined) folder = resolve(arg);
  }
  return { devPaths, testsPath, folder };
}

/**
 * Prints what VS Code passes to codeAutomationLog: a level and console-style arguments
 * (a format string and its values). The workbench's own log lines come this way too,
 * interleaved with the suite's. Failed look-ups of open-vsx.org (the extension gallery;
 * there is no network here) are harmless and left out.
 */
function printLog(level, messages) {
  const text = format(...(Array.isArray(messages) ? messages : [messages]));
  if (/ENOTFOUND open-vsx\.org/.test(text)) return;
  (level === 'error' ? console.error : console.log)(text);
}

async function main() {
  const { devPaths, testsPath, folder } = parseArgs(process.argv.slice(2));
  if (!testsPath || devPaths.length === 0) {
    console.error('usage: code-server-launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER] [ignored options]');
    return 2;
  }
  const missing = missingPrerequisite();
  if (missing) {
    complain(missing);
    return 2;
  }

  const deadline = Date.now() + timeoutMs;
  let server;
  let browser;
  let page;
  let exitCode = 1;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  };
  // Ctrl+C, or test-electron stopping us: still stop code-server's whole group.
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  try {
    server = await startCodeServer();
    browser = await launchChromium(server);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));

    let finish;
    const finished = new Promise((r) => (finish = r));
    await page.exposeFunction('codeAutomationExit', (code) => finish(Number(code)));
    await page.exposeFunction('codeAutomationLog', (level, messages) => printLog(level, messages));

    const payload = [...devPaths.map((p) => ['extensionDevelopmentPath', server.remote(p)]), ['extensionTestsPath', server.remote(testsPath)]];
    say(`VS Code ${vscodeVersion()} (code-server) on ${server.base}, workspace ${folder ?? '(none)'}`);
    await page.goto(workbenchUrl(server, { folder, payload }));

    const timedOut = sleep(Math.max(0, deadline - Date.now())).then(() => `timed out after ${timeoutMs / 1000} s`);
    const result = await Promise.race([finished, timedOut, server.exited]);
    if (typeof result === 'number') {
      exitCode = result;
    } else {
      complain(`no result from the test suite: ${result}`);
      for (const e of pageErrors) complain(`page error: ${e}`);
    }
  } catch (error) {
    complain(error instanceof Error ? error.message : String(error));
  }

  if (page && (exitCode !== 0 || process.env.MARKPOINT_SCREENSHOT)) {
    const file = screenshotPath(`vscode-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    await page.screenshot({ path: file }).then(() => say(`screenshot: ${file}`), () => {});
  }
  if (exitCode !== 0 && server) {
    const tail = server.logTail();
    if (tail.trim()) complain(`code-server's log (last lines):\n${tail}`);
  }
  await cleanup();
  return exitCode;
}

// Exit at once: a pending timer (the overall deadline) must not keep the process alive.
process.exit(await main());
