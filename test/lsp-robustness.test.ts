import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConnection } from 'vscode-languageserver/node';
import { CancellationTokenSource, createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import type { Criteria } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { startServer } from '../server/src/lsp/server.js';
import { waitFor } from './lsp/harness.js';

/** The server in-process, over a pair of streams, with criteria the test controls. */
async function inProcess(criteria: Criteria, capabilities: Record<string, unknown> = {}) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, criteria);
  server.listen();
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const logs: string[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
  });
  client.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  client.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ debounce: 300 })));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true }, ...capabilities } });
  await client.sendNotification('initialized', {});
  return { client, published, logs, dispose: () => (client.dispose(), server.dispose()) };
}

describe('language server robustness', () => {
  it('logs an exception while analysing one document and keeps serving the others', async () => {
    const { criteria } = bundledCriteria();
    // A check whose detector names a concept that does not exist: analysing any
    // plan-deliver document throws. Other elements do not use the check.
    const broken = { ...criteria.checks.get('objective-not-measurable')!, detector: { kind: 'items-without' as const, intro: 'no-such-concept', statement: 'no-such-concept', require: 'measure' } };
    const checks = new Map(criteria.checks).set('objective-not-measurable', broken);
    const packs = new Map([...criteria.packs].map(([id, p]) => [id, id === 'plan-deliver' ? p : { ...p, checks: p.checks.filter((c) => c !== 'objective-not-measurable') }]));
    const s = await inProcess({ ...criteria, checks, packs });
    await s.client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///a/plan.md', languageId: 'markdown', version: 1, text: '---\nelement: plan-deliver\n---\n\nMy objectives were:\n\n1. Be nice.\n' } });
    await s.client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///a/brand.md', languageId: 'markdown', version: 1, text: '---\nelement: org-purpose-brand\n---\n\nOur brand is just the logo.\n' } });
    const ok = await waitFor(() => s.published.find((p) => p.uri === 'file:///a/brand.md'), 5000, 'diagnostics for the healthy document');
    expect(ok.diagnostics.map((d) => d.code)).toContain('brand-as-logo');
    const log = await waitFor(() => s.logs.find((l) => l.includes('could not analyse file:///a/plan.md')), 5000, 'the error log');
    expect(log).toContain("Unknown concept 'no-such-concept'");
    expect(s.published.some((p) => p.uri === 'file:///a/plan.md')).toBe(false);
    // And it still answers requests afterwards.
    const hover = await s.client.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///a/brand.md' }, position: { line: 4, character: 20 } });
    expect(hover).not.toBeNull();
    s.dispose();
  });

  it('honours cancellation of a pull diagnostic request', async () => {
    const { criteria } = bundledCriteria();
    const s = await inProcess(criteria, { textDocument: { diagnostic: {} } });
    await s.client.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///a/x.md', languageId: 'markdown', version: 1, text: 'Our brand is just the logo.\n' } });
    const source = new CancellationTokenSource();
    const pending = s.client.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///a/x.md' } }, source.token);
    setTimeout(() => source.cancel(), 20); // inside the 300 ms debounce
    await expect(pending).rejects.toMatchObject({ code: -32802 });
    const full = (await s.client.sendRequest('textDocument/diagnostic', { textDocument: { uri: 'file:///a/x.md' } })) as { kind: string; items: Array<{ code: string }> };
    expect(full.items.map((d) => d.code)).toContain('brand-as-logo');
    s.dispose();
  });
});
