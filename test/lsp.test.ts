import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, DocumentDiagnosticReport, FullDocumentDiagnosticReport, Hover } from 'vscode-languageserver-protocol';
import type { CoverageReport } from '../server/src/protocol/index.js';
import { ASSIGNMENT } from './lsp/assignment.js';
import { applyEdits, root, startClient, waitFor, type TestClient } from './lsp/harness.js';

let workspace: string;
const uri = () => `file://${workspace}/amy.md`;

beforeAll(() => {
  execFileSync('node', [join(root, 'scripts', 'build.mjs')], { cwd: root });
  workspace = mkdtempSync(join(tmpdir(), 'markpoint-lsp-'));
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

async function open(c: TestClient, text = ASSIGNMENT, version = 1, docUri = uri()) {
  await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'markdown', version, text } });
}

const codes = (ds: Diagnostic[]) => ds.map((d) => d.code).filter((c) => c !== 'coverage');

describe('the language server over stdio', () => {
  it('initializes with incremental sync, hovers, code actions and (for pull clients) a diagnostic provider', async () => {
    client = await startClient({ pull: true });
    expect(client.initializeResult).toMatchObject({
      serverInfo: { name: 'markpoint' },
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.markpoint'] },
        diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      },
    });
    const push = await startClient();
    expect(push.initializeResult!.capabilities.diagnosticProvider).toBeUndefined();
    await push.stop();
  });


  it('pushes diagnostics with code, docs link, source and data for clients without pull (Neovim 0.7)', async () => {
    client = await startClient({ workspace: undefined });
    await open(client);
    const published = await client.waitForDiagnostics(uri(), 1);
    expect(codes(published.diagnostics)).toEqual(['brand-as-logo', 'escalation-unnamed-role', 'law-year-wrong']);
    const year = published.diagnostics.find((d) => d.code === 'law-year-wrong')!;
    const line12 = ASSIGNMENT.split('\n')[12];
    const at = line12.indexOf('Equality Act 2012');
    expect(year).toMatchObject({
      severity: 1,
      source: 'markpoint',
      message: 'The Equality Act is dated 2010, not 2012.',
      range: { start: { line: 12, character: at }, end: { line: 12, character: at + 'Equality Act 2012'.length } },
      codeDescription: { href: expect.stringMatching(/docs\/checks\.md#law-year-wrong$/) },
    });
    expect(year.data).toMatchObject({ check: 'law-year-wrong', fix: { newText: '2010' } });
    const hints = published.diagnostics.filter((d) => d.code === 'coverage');
    expect(hints.length).toBeGreaterThan(0);
    expect(hints.every((d) => d.severity === 3)).toBe(true);
    // A partly evidenced point's hint sits on the heading of the section with its evidence.
    const policies = hints.find((d) => String(d.message).includes('org-purpose-brand/policies-applied'))!;
    expect(policies.message).toMatch(/^Marking point partly evidenced: org-purpose-brand\/policies-applied/);
    expect(policies.range.start.line).toBe(10); // "## Policies"
    // A point with no evidence at all goes to the first heading.
    const missing = hints.find((d) => String(d.message).startsWith('Marking point not yet evidenced'))!;
    expect(missing.range.start.line).toBe(4);
  });

  it('answers pull diagnostics (LSP 3.17) for clients that have them, and does not push', async () => {
    client = await startClient({ pull: true });
    await open(client);
    const report = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri() } })) as FullDocumentDiagnosticReport;
    expect(report.kind).toBe('full');
    expect(codes(report.items)).toEqual(['brand-as-logo', 'escalation-unnamed-role', 'law-year-wrong']);
    const again = (await client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri() }, previousResultId: report.resultId })) as DocumentDiagnosticReport;
    expect(again).toEqual({ kind: 'unchanged', resultId: report.resultId });
    expect(client.published).toEqual([]);
  });

  it('applies incremental edits and publishes only for the latest version', async () => {
    client = await startClient({ settings: { debounce: 50 } });
    await open(client);
    await client.waitForDiagnostics(uri(), 1);
    // Fix the year with an incremental edit, then quickly make a second edit.
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(), version: 2 },
      contentChanges: [{ range: { start: { line: 12, character: 81 }, end: { line: 12, character: 85 } }, text: '2010' }],
    });
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(), version: 3 },
      contentChanges: [{ range: { start: { line: 8, character: 55 }, end: { line: 8, character: 90 } }, text: ' Our brand is the promise we keep.' }],
    });
    const latest = await client.waitForDiagnostics(uri(), 3);
    expect(codes(latest.diagnostics)).toEqual(['escalation-unnamed-role']);
    // The debounce swallowed version 2: nothing stale was published for it.
    expect(client.published.some((p) => p.version === 2)).toBe(false);
  });

  it('gives teaching hovers on a finding, a heading and a key concept', async () => {
    client = await startClient();
    await open(client);
    await client.waitForDiagnostics(uri(), 1);
    const hover = (line: number, character: number) => client!.connection.sendRequest('textDocument/hover', { textDocument: { uri: uri() }, position: { line, character } }) as Promise<Hover | null>;
    const onFinding = await hover(8, 70);
    expect((onFinding!.contents as { value: string }).value).toMatch(/^\*\*Brand treated as just a logo\*\* · `brand-as-logo`/);
    expect((onFinding!.contents as { value: string }).value).toContain('What the assessor looks for');
    const onHeading = await hover(10, 4);
    expect((onHeading!.contents as { value: string }).value).toMatch(/^\*\*This section evidences\*\* \(org-purpose-brand\):\n\n- . `policies-applied`/);
    const onEmptyHeading = await hover(6, 4);
    expect((onEmptyHeading!.contents as { value: string }).value).toMatch(/does not yet evidence a marking point/);
    const onConcept = await hover(12, ASSIGNMENT.split('\n')[12].indexOf('HEAT') + 2);
    expect((onConcept!.contents as { value: string }).value).toMatch(/^\*\*HEAT\*\*\n\nA complaint-handling model: Hear, Empathise, Apologise, Take action/);
    expect(await hover(3, 0)).toBeNull();
  });

  it('offers the exact year fix, suppression comments and fix-all, whose edits do what they say', async () => {
    client = await startClient();
    await open(client);
    const published = await client.waitForDiagnostics(uri(), 1);
    const year = published.diagnostics.find((d) => d.code === 'law-year-wrong')!;
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: year.range,
      context: { diagnostics: [year] },
    })) as CodeAction[];
    expect(actions.map((a) => a.title)).toEqual(['Change the year to 2010', 'Disable law-year-wrong for this line', 'Disable law-year-wrong for this file']);
    const fixed = applyEdits(ASSIGNMENT, actions[0].edit!.changes![uri()]);
    expect(fixed).toContain('The Equality Act 2010 means');

    // Applying the "this line" suppression makes the finding go away, and only that one.
    const silenced = applyEdits(ASSIGNMENT, actions[1].edit!.changes![uri()]);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(), version: 2 }, contentChanges: [{ text: silenced }] });
    expect(codes((await client.waitForDiagnostics(uri(), 2)).diagnostics)).toEqual(['brand-as-logo', 'escalation-unnamed-role']);

    const fileWide = applyEdits(ASSIGNMENT, actions[2].edit!.changes![uri()]);
    expect(fileWide).toMatch(/^---\nelement: org-purpose-brand\n---\n\n<!-- markpoint-disable law-year-wrong -->\n/);

    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(), version: 3 }, contentChanges: [{ text: ASSIGNMENT }] });
    await client.waitForDiagnostics(uri(), 3);
    const all = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: uri() },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(all.map((a) => a.kind)).toEqual(['source.fixAll.markpoint']);
    expect(applyEdits(ASSIGNMENT, all[0].edit!.changes![uri()])).toBe(ASSIGNMENT.replace('Equality Act 2012', 'Equality Act 2010'));
  });

  it('answers markpoint/coverage and notifies when coverage changes', async () => {
    client = await startClient();
    await open(client);
    await client.waitForDiagnostics(uri(), 1);
    const report = (await client.connection.sendRequest('markpoint/coverage', { textDocument: { uri: uri() } })) as CoverageReport;
    expect(report).toMatchObject({ uri: uri(), version: 1, element: 'org-purpose-brand', elementSource: 'front-matter' });
    expect(report.points.map((p) => p.pointId)).toEqual(['mission-values-customers', 'service-brand-impact', 'policies-applied', 'internal-external-customers']);
    expect(report.counts.total).toBe(4);
    expect(report.misconceptions.map((m) => m.code)).toEqual(['brand-as-logo', 'escalation-unnamed-role', 'law-year-wrong']);
    const note = await waitFor(() => client!.notifications.find((n) => n.method === 'markpoint/didChangeCoverage'), 5000, 'coverage notification');
    expect(note.params).toMatchObject({ uri: uri(), element: 'org-purpose-brand' });
    await expect(client.connection.sendRequest('markpoint/coverage', { textDocument: { uri: 'file:///not/open.md' } })).rejects.toThrow(/is not open/);
    await expect(client.connection.sendRequest('markpoint/coverage', {})).rejects.toThrow(/needs/);
  });

  it('reads settings per document and re-analyses when they change', async () => {
    client = await startClient({ settings: { checks: { 'brand-as-logo': 'off' }, coverageHints: false } });
    await open(client);
    const first = await client.waitForDiagnostics(uri(), 1);
    expect(codes(first.diagnostics)).toEqual(['escalation-unnamed-role', 'law-year-wrong']);
    expect(first.diagnostics.some((d) => d.code === 'coverage')).toBe(false);
    expect(client.configurationRequests).toBeGreaterThan(0);
    client.settings = { checks: { 'law-year-wrong': 'warning' }, coverageHints: false };
    client.published.length = 0;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const again = await waitFor(() => client!.published.find((p) => p.uri === uri()), 5000, 'republished diagnostics');
    expect(codes(again.diagnostics)).toEqual(['brand-as-logo', 'escalation-unnamed-role', 'law-year-wrong']);
    expect(again.diagnostics.find((d) => d.code === 'law-year-wrong')!.severity).toBe(2);
  });

  it('reads .markpoint.json from the workspace, which wins over editor settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'markpoint-ws-'));
    writeFileSync(join(dir, '.markpoint.json'), JSON.stringify({ checks: { 'escalation-unnamed-role': 'off' }, coverageHints: false }));
    client = await startClient({ workspace: dir, settings: { coverageHints: true } });
    const docUri = `file://${dir}/sub/amy.md`;
    await open(client, ASSIGNMENT, 1, docUri);
    const d = await client.waitForDiagnostics(docUri, 1);
    expect(codes(d.diagnostics)).toEqual(['brand-as-logo', 'law-year-wrong']);
    expect(d.diagnostics.some((x) => x.code === 'coverage')).toBe(false);
    // Editing the file takes effect once the client reports the change, with no restart.
    writeFileSync(join(dir, '.markpoint.json'), JSON.stringify({ checks: { 'brand-as-logo': 'off' }, coverageHints: false }));
    client.published.length = 0;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${dir}/.markpoint.json`, type: 2 }] });
    const again = await waitFor(() => client!.published.find((p) => p.uri === docUri), 5000, 'republished diagnostics');
    expect(codes(again.diagnostics)).toEqual(['escalation-unnamed-role', 'law-year-wrong']);
    // And `ignore` leaves the document out altogether.
    writeFileSync(join(dir, '.markpoint.json'), JSON.stringify({ ignore: ['sub/**'] }));
    client.published.length = 0;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${dir}/.markpoint.json`, type: 2 }] });
    const cleared = await waitFor(() => client!.published.find((p) => p.uri === docUri), 5000, 'cleared diagnostics');
    expect(cleared.diagnostics).toEqual([]);
    const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: docUri }, position: { line: 8, character: 70 } });
    expect(hover).toBeNull();
    rmSync(dir, { recursive: true, force: true });
  });

  it('works on untitled documents and keeps serving after a bad request', async () => {
    client = await startClient({ configuration: false });
    await expect(client.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'untitled:Untitled-1' } })).resolves.toBeNull();
    await open(client, ASSIGNMENT, 1, 'untitled:Untitled-1');
    const d = await client.waitForDiagnostics('untitled:Untitled-1', 1);
    expect(codes(d.diagnostics)).toContain('brand-as-logo');
  });

  it('shuts down and exits cleanly', async () => {
    const c = await startClient();
    const exited = new Promise<number | null>((resolve) => c.process.once('exit', (code) => resolve(code)));
    await c.connection.sendRequest('shutdown');
    await c.connection.sendNotification('exit');
    expect(await exited).toBe(0);
    c.connection.dispose();
  });
});
