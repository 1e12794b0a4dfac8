import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

/**
 * A minimal LSP client for tests: starts the real bundled server (`dist/server.js
 * --stdio`) as a child process and talks JSON-RPC to it, as an editor would.
 */
export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** Every publishDiagnostics the server sent, in order. */
  published: PublishDiagnosticsParams[];
  /** Markpoint's own notifications, by method. */
  notifications: Array<{ method: string; params: unknown }>;
  logs: string[];
  /** Settings answered to workspace/configuration requests. */
  settings: Record<string, unknown>;
  configurationRequests: number;
  /** What the server answered to initialize. */
  initializeResult?: { capabilities: Record<string, unknown>; serverInfo?: { name: string } };
  waitForDiagnostics(uri: string, version: number, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export const root = join(import.meta.dirname, '..', '..');

export async function startClient(options: { pull?: boolean; configuration?: boolean; workspace?: string; settings?: Record<string, unknown> } = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const client: TestClient = {
    connection,
    process: child,
    published: [],
    notifications: [],
    logs: [],
    settings: options.settings ?? {},
    configurationRequests: 0,
    waitForDiagnostics(uri, version, timeoutMs = 10_000) {
      return waitFor(() => client.published.find((p) => p.uri === uri && p.version === version), timeoutMs, `diagnostics for ${uri}@${version}`);
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, 3000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      connection.dispose();
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    client.published.push(p);
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
  });
  connection.onNotification('markpoint/didChangeCoverage', (params: unknown) => {
    client.notifications.push({ method: 'markpoint/didChangeCoverage', params });
  });
  connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => {
    client.configurationRequests++;
    return params.items.map(() => client.settings);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/showMessageRequest', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  const capabilities: ClientCapabilities = {
    textDocument: {
      synchronization: { dynamicRegistration: false },
      hover: { contentFormat: ['markdown'] },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
      publishDiagnostics: { versionSupport: true },
      ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
    },
    workspace: { configuration: options.configuration ?? true, diagnostics: { refreshSupport: true } },
  };
  const workspace = options.workspace;
  client.initializeResult = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: workspace ? `file://${workspace}` : null,
    workspaceFolders: workspace ? [{ uri: `file://${workspace}`, name: 'ws' }] : null,
    capabilities,
  });
  await connection.sendNotification('initialized', {});
  return client;
}

export async function waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Apply LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
