import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CoverageNotification, CoverageRequest, ExportReportRequest, type CoverageReport, type ExportReportResult } from '../../server/src/protocol/index.js';
import packs from './elements.js';
import { CoverageTreeProvider } from './coverage-tree.js';
import { setElementChange } from './front-matter.js';

/**
 * The Markpoint extension: starts the language server (dist/server.js) over Node IPC,
 * shows the criteria coverage panel and a status bar item for the active Markdown
 * document, and adds the Markpoint commands. All analysis happens in the server.
 */
let client: LanguageClient | undefined;

/** What tests and other extensions can reach: the panel's provider and the status bar. */
export interface MarkpointApi {
  coverage: CoverageTreeProvider;
  status: vscode.StatusBarItem;
  client: () => LanguageClient | undefined;
  /** Resolves when the coverage of `uri` at `version` or later has been shown. */
  coverageShown(uri: string, version?: number): Promise<CoverageReport>;
}

export async function activate(context: vscode.ExtensionContext): Promise<MarkpointApi> {
  const coverage = new CoverageTreeProvider();
  const reports = new Map<string, CoverageReport>();
  const waiters: Array<{ uri: string; version: number; resolve: (r: CoverageReport) => void }> = [];
  const status = vscode.window.createStatusBarItem('markpoint.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Markpoint coverage';
  status.command = 'markpoint.showCoverage';

  const view = vscode.window.createTreeView('markpoint.coverage', { treeDataProvider: coverage, showCollapseAll: true });
  context.subscriptions.push(view, status);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6015'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Any scheme: file, untitled, and virtual workspaces' documents alike.
    documentSelector: [{ language: 'markdown' }],
    synchronize: { configurationSection: 'markpoint' },
    outputChannelName: 'Markpoint',
  };

  const activeMarkdown = () => {
    const editor = vscode.window.activeTextEditor;
    return editor?.document.languageId === 'markdown' ? editor : undefined;
  };

  const render = () => {
    const editor = activeMarkdown();
    const report = editor ? reports.get(editor.document.uri.toString()) : undefined;
    coverage.show(report);
    view.description = report ? `${report.counts.covered}/${report.counts.total} covered` : undefined;
    if (!report) {
      status.hide();
      return;
    }
    const { covered, partial, total } = report.counts;
    status.text = `$(mortar-board) Markpoint: ${covered}/${total}`;
    status.tooltip = new vscode.MarkdownString(
      `**Markpoint**: ${covered} of ${total} marking points of *${report.elementTitle}* evidenced${partial ? `, ${partial} partly` : ''}; ${report.misconceptions.length} misconception${report.misconceptions.length === 1 ? '' : 's'} found.\n\nClick to show the coverage panel.`,
    );
    status.show();
  };

  const remember = (report: CoverageReport) => {
    // A reply to an older request can arrive after the notification of a newer version.
    const known = reports.get(report.uri);
    if (known && known.version > report.version) return;
    reports.set(report.uri, report);
    for (const w of [...waiters]) {
      if (w.uri === report.uri && report.version >= w.version) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(report);
      }
    }
    render();
  };

  const requestCoverage = async (document: vscode.TextDocument) => {
    if (!client || document.languageId !== 'markdown') return;
    try {
      remember(await client.sendRequest<CoverageReport>(CoverageRequest, { textDocument: { uri: document.uri.toString() } }));
    } catch {
      // The document changed while the server worked; its notification will follow.
    }
  };

  const start = async () => {
    client = new LanguageClient('markpoint', 'Markpoint', serverOptions, clientOptions);
    client.onNotification(CoverageNotification, (report: CoverageReport) => remember(report));
    await client.start();
    const editor = activeMarkdown();
    if (editor) await requestCoverage(editor.document);
  };

  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      render();
      if (editor) void requestCoverage(editor.document);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => reports.delete(doc.uri.toString())),

    vscode.commands.registerCommand('markpoint.showCoverage', () => vscode.commands.executeCommand('markpoint.coverage.focus')),

    vscode.commands.registerCommand('markpoint.reveal', async (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
      await vscode.window.showTextDocument(document, { selection, preserveFocus: false });
    }),

    // An element ID as argument (from a keybinding, or a test) skips the quick pick.
    vscode.commands.registerCommand('markpoint.chooseElement', async (given?: string) => {
      const editor = activeMarkdown();
      if (!editor) {
        void vscode.window.showInformationMessage('Open a Markdown assignment first, then choose its element.');
        return false;
      }
      if (typeof given === 'string' && packs.some((p) => p.element === given)) return applyElement(editor.document, given);
      const current = reports.get(editor.document.uri.toString())?.element;
      const picked = await vscode.window.showQuickPick(
        packs.map((p) => ({ label: p.title, description: p.element, detail: p.synopsis, picked: p.element === current, element: p.element })),
        { title: 'Choose the element this assignment answers', placeHolder: current ? `Now: ${current}` : 'Element' },
      );
      if (!picked) return false;
      return applyElement(editor.document, picked.element);
    }),

    vscode.commands.registerCommand('markpoint.exportReport', async () => {
      const editor = activeMarkdown();
      if (!editor || !client) {
        void vscode.window.showInformationMessage('Open a Markdown assignment to export its coverage report.');
        return undefined;
      }
      const { html } = await client.sendRequest<ExportReportResult>(ExportReportRequest, { textDocument: { uri: editor.document.uri.toString() } });
      const source = editor.document.uri;
      const target = source.scheme === 'untitled' ? await vscode.window.showSaveDialog({ filters: { HTML: ['html'] } }) : source.with({ path: source.path.replace(/(\.md|\.markdown)?$/i, '.markpoint.html') });
      if (!target) return undefined;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
      void vscode.window.showInformationMessage(`Coverage report written to ${vscode.workspace.asRelativePath(target)}.`, 'Open Folder').then((choice) => {
        if (choice) void vscode.commands.executeCommand('revealFileInOS', target);
      });
      return target;
    }),

    vscode.commands.registerCommand('markpoint.restartServer', async () => {
      if (client) await client.restart();
      else await start();
      const editor = activeMarkdown();
      if (editor) await requestCoverage(editor.document);
    }),

    vscode.commands.registerCommand('markpoint.openExample', async () => {
      const example = vscode.Uri.joinPath(context.extensionUri, 'examples', 'garden-centre-brand.md');
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(example));
      // An untitled copy: the learner can edit it freely, and nothing in the extension changes.
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.window.showTextDocument(document);
    }),

    { dispose: () => void client?.stop() },
  );

  await start();
  render();

  return {
    coverage,
    status,
    client: () => client,
    coverageShown(uri, version = 0) {
      const known = reports.get(uri);
      if (known && known.version >= version) return Promise.resolve(known);
      return new Promise((resolve) => waiters.push({ uri, version, resolve }));
    },
  };
}

/** Set `element:` in the front matter, creating it if absent, as one undoable edit. */
async function applyElement(document: vscode.TextDocument, element: string): Promise<boolean> {
  const change = setElementChange(document.getText(), element);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.text);
  return vscode.workspace.applyEdit(edit);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
