import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { formatProblem, type Criteria } from '../core/index.js';
import { bundledCriteria } from '../node/criteria-files.js';
import { VERSION } from '../node/version.js';
import { FIX_ALL_KIND, registerCodeActions } from './code-actions.js';
import { CoverageFeature } from './coverage-report.js';
import { DiagnosticsProvider } from './diagnostics-provider.js';
import { DocumentAnalyses, type ClientInfo } from './documents.js';
import { registerHover } from './hover.js';

/**
 * The Markpoint language server. It is an adapter: the analysis is the pure core's
 * `analyse()`. This function only wires the features to the connection, each in its own
 * module with its state passed to it: the documents' settings and analyses
 * (`documents.ts`), diagnostics (`diagnostics-provider.ts`), hovers (`hover.ts`), code
 * actions (`code-actions.ts`) and the coverage messages (`coverage-report.ts`).
 *
 * Invariants: a result computed for an older version of a document is never published;
 * settings are read per document (workspace/configuration, then `.markpoint.json`) and
 * dropped on every configuration change; an exception while analysing one document is
 * logged and leaves the server serving the others.
 */
export function startServer(connection: Connection, criteriaOverride?: Criteria): void {
  const loaded = criteriaOverride ? { criteria: criteriaOverride, problems: [] } : bundledCriteria();
  const criteria = loaded.criteria;
  const documents = new TextDocuments(TextDocument);
  const client: ClientInfo = { pull: false, configurationRequests: false, refreshSupport: false, watchedFiles: false, workspaceRoots: [], settings: undefined };
  const analyses = new DocumentAnalyses(connection, documents, criteria, client);
  const diagnostics = new DiagnosticsProvider(connection, documents, analyses, client);
  const coverage = new CoverageFeature(connection, documents, analyses, criteria);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    Object.assign(client, clientInfoOf(params));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(client.pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
      },
      serverInfo: { name: 'markpoint', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (loaded.problems.length) {
      const text = loaded.problems.map(formatProblem).join('\n');
      connection.console.error(`The criteria are broken:\n${text}`);
      void connection.window.showErrorMessage('Markpoint: its criteria files are broken; see the Markpoint output for where.');
    }
    if (client.configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'markpoint' }).catch(() => undefined);
    if (client.watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.markpoint.json' }] }).catch(() => undefined);
  });

  /** New settings make every analysis stale, even of an unchanged version. */
  const refreshAll = () => {
    analyses.invalidateAll();
    diagnostics.refreshAll();
  };
  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { markpoint?: unknown } | undefined)?.markpoint;
    if (settings !== undefined) client.settings = settings;
    refreshAll();
  });
  // A project's .markpoint.json changed: its settings and ignores apply from now on.
  connection.onDidChangeWatchedFiles(() => refreshAll());

  documents.onDidOpen((e) => diagnostics.schedule(e.document, 0));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
  documents.onDidClose((e) => {
    analyses.forget(e.document.uri);
    coverage.forget(e.document.uri);
    diagnostics.close(e.document.uri);
  });

  diagnostics.register();
  registerHover(connection, analyses, criteria);
  registerCodeActions(connection, analyses);
  coverage.register();
  documents.listen(connection);
}

/** What the client can do and the settings it starts with, from `initialize`. */
function clientInfoOf(params: InitializeParams): ClientInfo {
  const caps = params.capabilities;
  return {
    pull: !!caps.textDocument?.diagnostic,
    configurationRequests: !!caps.workspace?.configuration,
    refreshSupport: !!caps.workspace?.diagnostics?.refreshSupport,
    watchedFiles: !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    workspaceRoots: (params.workspaceFolders ?? [])
      .map((f) => f.uri)
      .concat(params.rootUri ? [params.rootUri] : [])
      .filter((u) => u.startsWith('file:'))
      .map((u) => fileURLToPath(u)),
    settings: (params.initializationOptions as { settings?: unknown } | undefined)?.settings,
  };
}
