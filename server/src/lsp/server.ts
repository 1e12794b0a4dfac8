import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import {
  analyse,
  analysisOptions,
  formatProblem,
  LineMap,
  mergeSettings,
  type AnalysisResult,
  type Criteria,
  type Settings,
} from '../core/index.js';
import { bundledCriteria } from '../node/criteria-files.js';
import { VERSION } from '../node/version.js';
import { findConfigFile, isIgnored, loadConfigFile, settingsForFile } from '../node/config-file.js';
import { codeActions, FIX_ALL_KIND } from './code-actions.js';
import { coverageHints, findingToDiagnostic, lspRange } from './diagnostics.js';
import { hoverAt } from './hover.js';
import { cohortHtml } from '../cli/cohort/report-html.js';
import { CoverageNotification, CoverageRequest, ExportReportRequest, type CoverageParams, type CoverageReport, type ExportReportResult } from './protocol.js';

/** One analysis of one version of a document. */
interface Analysis {
  version: number;
  result: AnalysisResult;
  lines: LineMap;
  settings: Settings;
  diagnostics: Diagnostic[];
}

interface DocumentState {
  timer?: ReturnType<typeof setTimeout>;
  analysis?: Analysis;
  /**
   * Settings for this document and whether the project ignores it, worked out once
   * (configuration request, config file look-up) and dropped when either changes.
   */
  config?: Promise<{ settings: Settings; ignored: boolean }>;
  lastCoverage?: string;
}

/**
 * The Markpoint language server. It is an adapter: the analysis is the pure core's
 * `analyse()`; here live documents, settings, debouncing, and the mapping to LSP.
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
  const states = new Map<string, DocumentState>();
  let pull = false;
  let configurationRequests = false;
  let refreshSupport = false;
  let watchedFiles = false;
  let workspaceRoots: string[] = [];
  let clientSettings: unknown;
  const reportedConfigProblems = new Set<string>();

  const state = (uri: string): DocumentState => {
    let s = states.get(uri);
    if (!s) states.set(uri, (s = {}));
    return s;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pull = !!caps.textDocument?.diagnostic;
    configurationRequests = !!caps.workspace?.configuration;
    refreshSupport = !!caps.workspace?.diagnostics?.refreshSupport;
    watchedFiles = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceRoots = (params.workspaceFolders ?? []).map((f) => f.uri).concat(params.rootUri ? [params.rootUri] : []).filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    clientSettings = (params.initializationOptions as { settings?: unknown } | undefined)?.settings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        ...(pull ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } } : {}),
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
    if (configurationRequests) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'markpoint' }).catch(() => undefined);
    if (watchedFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.markpoint.json' }] }).catch(() => undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    const settings = (change.settings as { markpoint?: unknown } | undefined)?.markpoint;
    if (settings !== undefined) clientSettings = settings;
    refreshAll();
  });

  // A project's .markpoint.json changed: its settings and ignores apply from now on.
  connection.onDidChangeWatchedFiles(() => refreshAll());

  /** New settings make every analysis stale, even of an unchanged version. */
  function refreshAll(): void {
    for (const s of states.values()) {
      s.config = undefined;
      s.analysis = undefined;
    }
    for (const doc of documents.all()) schedule(doc, 0);
    if (pull && refreshSupport) void connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** Settings for one document (defaults < editor settings < nearest .markpoint.json) and whether it is ignored. */
  function configFor(uri: string): Promise<{ settings: Settings; ignored: boolean }> {
    const s = state(uri);
    s.config ??= (async () => {
      let editor: unknown = clientSettings;
      if (configurationRequests) {
        try {
          editor = await connection.workspace.getConfiguration({ scopeUri: uri, section: 'markpoint' });
        } catch (error) {
          connection.console.warn(`Could not read settings for ${uri}: ${String(error)}`);
        }
      }
      const project = projectConfig(uri);
      const path = project ? fileURLToPath(uri) : '';
      return {
        settings: mergeSettings(editor as Partial<Settings>, ...(project ? settingsForFile(project, path) : [])),
        ignored: !!project && isIgnored(project, path),
      };
    })();
    return s.config;
  }

  async function settingsFor(uri: string): Promise<Settings> {
    return (await configFor(uri)).settings;
  }

  function projectConfig(uri: string) {
    if (!uri.startsWith('file:')) return undefined;
    const dir = dirname(fileURLToPath(uri));
    const root = workspaceRoots.find((r) => dir === r || dir.startsWith(r + sep));
    const file = findConfigFile(dir, root);
    if (!file) return undefined;
    const config = loadConfigFile(file);
    if (config.problems.length) {
      const key = `${file}:${config.problems.map((p) => p.message).join()}`;
      if (!reportedConfigProblems.has(key)) {
        reportedConfigProblems.add(key);
        const text = config.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
        connection.console.error(`Ignoring ${file}:\n${text}`);
        void connection.window.showWarningMessage(`Markpoint: ${config.problems[0].file}:${config.problems[0].line}:${config.problems[0].column}: ${config.problems[0].message}. The file is ignored until it is fixed.`);
      }
    }
    return config;
  }

  /** Analyse the current version of a document, or reuse the analysis of that version. */
  async function analysisOf(doc: TextDocument): Promise<Analysis | undefined> {
    const s = state(doc.uri);
    if (s.analysis?.version === doc.version) return s.analysis;
    const version = doc.version;
    const { settings, ignored } = await configFor(doc.uri);
    if (ignored) return undefined;
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return undefined; // edited meanwhile: this result would be stale
    if (s.analysis?.version === version) return s.analysis;
    try {
      const text = current.getText();
      const result = analyse(text, criteria, analysisOptions(settings));
      const lines = new LineMap(text);
      const diagnostics = result.findings.map((f) => findingToDiagnostic(f, lines));
      if (settings.coverageHints) diagnostics.push(...coverageHints(result, criteria, lines));
      s.analysis = { version, result, lines, settings, diagnostics };
      notifyCoverage(doc.uri, s.analysis);
      return s.analysis;
    } catch (error) {
      connection.console.error(`Markpoint could not analyse ${doc.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  /** Debounced analysis and, for clients without pull diagnostics, publishing. */
  function schedule(doc: TextDocument, delay?: number): void {
    const s = state(doc.uri);
    if (s.timer) clearTimeout(s.timer);
    void settingsFor(doc.uri).then((settings) => {
      if (s.timer) clearTimeout(s.timer);
      s.timer = setTimeout(() => {
        s.timer = undefined;
        void publish(doc.uri);
      }, delay ?? settings.debounce);
    });
  }

  async function publish(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    if ((await configFor(uri)).ignored) {
      // Newly ignored: clear what the editor still shows from before.
      if (!pull) await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const analysis = await analysisOf(doc);
    if (!analysis || documents.get(uri)?.version !== analysis.version) return;
    if (!pull) await connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: analysis.diagnostics });
  }

  function notifyCoverage(uri: string, analysis: Analysis): void {
    const report = coverageReport(uri, analysis);
    const key = JSON.stringify({ ...report, version: 0 });
    const s = state(uri);
    if (s.lastCoverage === key) return;
    s.lastCoverage = key;
    void connection.sendNotification(CoverageNotification, report);
  }

  function coverageReport(uri: string, analysis: Analysis): CoverageReport {
    const { result, lines } = analysis;
    const pack = criteria.packs.get(result.element);
    const text = documents.get(uri)?.getText() ?? '';
    const points = result.coverage.map((c) => {
      const point = pack?.markingPoints.find((p) => p.id === c.pointId);
      return {
        id: c.id,
        pointId: c.pointId,
        status: c.status,
        summary: point?.summary ?? '',
        examiner: point?.examiner ?? '',
        evidence: c.evidence.map((e) => ({ range: lspRange(lines, e.range), facet: e.facet, text: text.slice(e.range.start, e.range.end).replace(/\s+/g, ' ') })),
        missing: c.missingFacets,
        heldBackBy: c.weakenedBy,
      };
    });
    const count = (s: string) => points.filter((p) => p.status === s).length;
    return {
      uri,
      version: analysis.version,
      element: result.element,
      elementTitle: pack?.title ?? result.element,
      elementSource: result.elementSource,
      ...(result.elementInference?.runnerUp ? { elementRunnerUp: result.elementInference.runnerUp } : {}),
      wordCount: result.wordCount,
      points,
      counts: { covered: count('covered'), partial: count('partial'), missing: count('missing'), total: points.length },
      misconceptions: result.findings
        .filter((f) => criteria.checks.has(f.check))
        .map((f) => ({ code: f.check, message: f.message, severity: f.severity, range: lspRange(lines, f.range) })),
    };
  }

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const s = states.get(e.document.uri);
    if (s?.timer) clearTimeout(s.timer);
    states.delete(e.document.uri);
    if (!pull) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: 'full', items: [] };
    const { settings, ignored } = await configFor(doc.uri);
    if (ignored) return { kind: 'full', items: [] };
    // Debounce: a client pulls after every keystroke and cancels the previous pull.
    await delay(settings.debounce, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
    const analysis = await analysisOf(doc);
    if (!analysis || token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
    const resultId = `${analysis.version}:${settingsKey(analysis.settings)}`;
    if (params.previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: analysis.diagnostics };
  });

  connection.onHover(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await analysisOf(doc);
    if (!analysis) return null;
    return hoverAt(doc.getText(), doc.offsetAt(params.position), analysis.result, criteria, analysis.lines);
  });

  connection.onCodeAction(async (params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const analysis = await analysisOf(doc);
    if (!analysis) return null;
    return codeActions(doc, params.context.diagnostics, analysis.result, analysis.lines, params.context.only);
  });

  connection.onRequest(CoverageRequest, async (params: CoverageParams, token: CancellationToken) => {
    const uri = params?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'markpoint/coverage needs { textDocument: { uri } }');
    const doc = documents.get(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
    const analysis = await analysisOf(doc);
    if (token.isCancellationRequested || !analysis) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.');
    return coverageReport(uri, analysis);
  });

  connection.onRequest(ExportReportRequest, async (params: CoverageParams): Promise<ExportReportResult> => {
    const uri = params?.textDocument?.uri;
    const doc = typeof uri === 'string' ? documents.get(uri) : undefined;
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${String(uri)} is not open`);
    const analysis = await analysisOf(doc);
    if (!analysis) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.');
    const path = uri!.startsWith('file:') ? fileURLToPath(uri!) : uri!;
    const text = doc.getText();
    // The cohort report of a cohort of one: the same layout tutors see for a class.
    const html = cohortHtml([{ path, text, result: analysis.result, lines: analysis.lines }], {
      criteria,
      generatedAt: new Date().toISOString(),
      title: `Markpoint coverage report: ${path.split('/').pop()}`,
    });
    return { html };
  });

  documents.listen(connection);
}

function settingsKey(settings: Settings): string {
  return JSON.stringify(settings);
}

function delay(ms: number, token: CancellationToken): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve();
    }, ms);
    const listener = token.onCancellationRequested(() => {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

