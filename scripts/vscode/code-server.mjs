// Starting and stopping code-server and the browser that shows its workbench, shared by
// code-server-launcher.mjs (the extension test suite) and ui-smoke.mjs (the workbench
// driven as a person would). The recipe is shared/spec/testing.md's.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The install folder (see install-code-server.sh); MARKPOINT_CODE_SERVER overrides it. */
export const installDir = resolve(process.env.MARKPOINT_CODE_SERVER || join(root, '.vscode-test', 'code-server'));
const entry = join(installDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const chromiumPath = process.env.MARKPOINT_CHROMIUM || '/usr/bin/chromium';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Why code-server or Chromium cannot run here, or undefined when both can. */
export function missingPrerequisite() {
  if (!existsSync(entry)) return `code-server is not installed in ${installDir}: run scripts/vscode/install-code-server.sh`;
  if (!existsSync(chromiumPath)) return `Chromium is not at ${chromiumPath}: apt-get install chromium (or set MARKPOINT_CHROMIUM)`;
  return undefined;
}

/** The VS Code version code-server is built on, from its product.json. */
export function vscodeVersion() {
  try {
    return JSON.parse(readFileSync(join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'product.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

/** A port that was free a moment ago (code-server binds it right after). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Starts code-server on a free 127.0.0.1 port, in a process group of its own, with its
 * user data, extensions folder, config and XDG folders in a new temporary folder, and
 * waits until GET /healthz answers. `prepare(temp)` may fill the folder first (for
 * example, link an extension into `${temp}/extensions`).
 */
export async function startCodeServer({ prepare, healthTimeoutMs = 60_000 } = {}) {
  const temp = mkdtempSync(join(tmpdir(), 'markpoint-code-server-'));
  const dirs = { userData: join(temp, 'user-data'), extensions: join(temp, 'extensions'), xdg: join(temp, 'xdg') };
  for (const d of Object.values(dirs)) mkdirSync(d);
  await prepare?.(temp, dirs);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const configFile = join(temp, 'config.yaml');
  writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const logFile = join(temp, 'code-server.log');
  const log = createWriteStream(logFile);

  // detached: a process group of its own, so that one kill stops all of it (its file
  // watcher outlives the main process otherwise).
  const child = spawn(
    process.execPath,
    [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
      '--config', configFile,
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: dirs.xdg, XDG_CONFIG_HOME: dirs.xdg, XDG_CACHE_HOME: dirs.xdg, XDG_STATE_HOME: dirs.xdg },
    },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise((r) => child.once('exit', (code, signal) => r(`code-server exited (${code ?? signal})`)));

  let stopped = false;
  const server = {
    port,
    base,
    temp,
    dirs,
    child,
    /** Resolves with a description if code-server exits. */
    exited,
    /** A `vscode-remote:` URI for an absolute path on this machine. */
    remote: (path) => `vscode-remote://127.0.0.1:${port}${path}`,
    /** The last lines of code-server's own log. */
    logTail: (lines = 40) => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n') : ''),
    /** Stops the whole process group and removes the temporary folder (unless MARKPOINT_KEEP_TEMP). */
    async stop() {
      if (stopped) return;
      stopped = true;
      await killGroup(child);
      log.end();
      if (process.env.MARKPOINT_KEEP_TEMP) console.log(`[code-server] kept ${temp}`);
      else rmSync(temp, { recursive: true, force: true });
    },
  };
  try {
    await waitForHealth(base, child, Date.now() + healthTimeoutMs);
  } catch (error) {
    const tail = server.logTail();
    await server.stop();
    throw new Error(`${error.message}${tail ? `\n${tail}` : ''}`);
  }
  return server;
}

/** Polls GET /healthz until code-server answers, it exits, or the deadline passes. */
async function waitForHealth(base, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited early (${child.exitCode ?? child.signalCode})`);
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  throw new Error('code-server did not answer /healthz in time');
}

/** Sends SIGTERM to the process group, and SIGKILL if it is still there after 5 s. */
async function killGroup(child) {
  if (!child?.pid) return;
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
      return true;
    } catch {
      return false; // the group is gone
    }
  };
  if (!signalGroup('SIGTERM')) return;
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    if (!signalGroup(0)) return;
  }
  signalGroup('SIGKILL');
}

/**
 * Debian's Chromium, headless, driven by playwright-core (which downloads no browser).
 * Given code-server's temporary folder, Chromium's XDG folders go there too (it writes
 * crash-report settings under ~/.config otherwise).
 */
export function launchChromium(server) {
  const xdg = server ? { XDG_CONFIG_HOME: server.dirs.xdg, XDG_CACHE_HOME: server.dirs.xdg } : {};
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, ...xdg },
  });
}

/** The workbench URL for a folder, with an optional payload of [name, value] pairs. */
export function workbenchUrl(server, { folder, payload } = {}) {
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(folder)}`);
  if (payload?.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.base}/${query.length ? `?${query.join('&')}` : ''}`;
}

/** A screenshot file name in test-results/, made if needed. */
export function screenshotPath(name) {
  const dir = join(root, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
