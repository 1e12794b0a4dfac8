import type { Connection, Diagnostic, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import { analyse, analysisOptions, LineMap, mergeSettings, type AnalysisResult, type Criteria, type Settings } from '../core/index.js';
import { findConfigFile, isIgnored, loadConfigFile, settingsForFile } from '../node/config-file.js';
import { coverageHints, findingToDiagnostic } from './diagnostics.js';

/** One analysis of one version of a document. */
export interface Analysis {
  version: number;
  result: AnalysisResult;
  lines: LineMap;
  settings: Settings;
  diagnostics: Diagnostic[];
}

/** What the client said it can do in `initialize`, and the editor settings it has sent. */
export interface ClientInfo {
  /** Pull diagnostics (LSP 3.17); otherwise the server pushes them. */
  pull: boolean;
  configurationRequests: boolean;
  refreshSupport: boolean;
  watchedFiles: boolean;
  /** The workspace folders' paths: a `.markpoint.json` is looked for up to the nearest. */
  workspaceRoots: string[];
  /** The `markpoint` settings of `initializationOptions` or of the last configuration change. */
  settings: unknown;
}

/** A document's settings (defaults < editor settings < nearest `.markpoint.json`) and whether the project ignores it. */
export interface DocumentConfig {
  settings: Settings;
  ignored: boolean;
}

/** Analyse one version of a document's text into what the features serve. */
export function analyseText(text: string, version: number, criteria: Criteria, settings: Settings): Analysis {
  const result = analyse(text, criteria, analysisOptions(settings));
  const lines = new LineMap(text);
  const diagnostics = result.findings.map((f) => findingToDiagnostic(f, lines));
  if (settings.coverageHints) diagnostics.push(...coverageHints(result, criteria, lines));
  return { version, result, lines, settings, diagnostics };
}

interface DocumentState {
  analysis?: Analysis;
  /** Worked out once (configuration request, config file look-up) and dropped when either changes. */
  config?: Promise<DocumentConfig>;
}

/**
 * The open documents' settings and analyses, which every feature reads. A document is
 * analysed at most once per version and settings; a result computed for an older
 * version is never returned.
 */
export class DocumentAnalyses {
  private readonly states = new Map<string, DocumentState>();
  private readonly reportedConfigProblems = new Set<string>();
  private readonly analysed: Array<(uri: string, analysis: Analysis) => void> = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly criteria: Criteria,
    private readonly client: ClientInfo,
  ) {}

  /** Called with each new analysis, before it is returned. */
  onDidAnalyse(listener: (uri: string, analysis: Analysis) => void): void {
    this.analysed.push(listener);
  }

  /** New settings make every analysis stale, even of an unchanged version. */
  invalidateAll(): void {
    for (const s of this.states.values()) {
      s.config = undefined;
      s.analysis = undefined;
    }
  }

  /** A closed document's state goes. */
  forget(uri: string): void {
    this.states.delete(uri);
  }

  /** Settings for one document and whether it is ignored. */
  configFor(uri: string): Promise<DocumentConfig> {
    const s = this.state(uri);
    s.config ??= (async () => {
      let editor: unknown = this.client.settings;
      if (this.client.configurationRequests) {
        try {
          editor = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'markpoint' });
        } catch (error) {
          this.connection.console.warn(`Could not read settings for ${uri}: ${String(error)}`);
        }
      }
      const project = this.projectConfig(uri);
      const path = project ? fileURLToPath(uri) : '';
      return {
        settings: mergeSettings(editor as Partial<Settings>, ...(project ? settingsForFile(project, path) : [])),
        ignored: !!project && isIgnored(project, path),
      };
    })();
    return s.config;
  }

  /** An open document with the analysis of its current version; undefined when it is not open, is ignored or changed meanwhile. */
  async current(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    const doc = this.documents.get(uri);
    const analysis = doc && (await this.analysisOf(doc));
    return doc && analysis ? { doc, analysis } : undefined;
  }

  /** Analyse the current version of a document, or reuse the analysis of that version. */
  async analysisOf(doc: TextDocument): Promise<Analysis | undefined> {
    const s = this.state(doc.uri);
    if (s.analysis?.version === doc.version) return s.analysis;
    const version = doc.version;
    const { settings, ignored } = await this.configFor(doc.uri);
    if (ignored) return undefined;
    const current = this.documents.get(doc.uri);
    if (!current || current.version !== version) return undefined; // edited meanwhile: this result would be stale
    if (s.analysis?.version === version) return s.analysis;
    try {
      s.analysis = analyseText(current.getText(), version, this.criteria, settings);
      for (const listener of this.analysed) listener(doc.uri, s.analysis);
      return s.analysis;
    } catch (error) {
      this.connection.console.error(`Markpoint could not analyse ${doc.uri}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return undefined;
    }
  }

  private state(uri: string): DocumentState {
    let s = this.states.get(uri);
    if (!s) this.states.set(uri, (s = {}));
    return s;
  }

  /** The nearest `.markpoint.json` of a file, within its workspace folder; its problems are shown once. */
  private projectConfig(uri: string) {
    if (!uri.startsWith('file:')) return undefined;
    const dir = dirname(fileURLToPath(uri));
    const root = this.client.workspaceRoots.find((r) => dir === r || dir.startsWith(r + sep));
    const file = findConfigFile(dir, root);
    if (!file) return undefined;
    const config = loadConfigFile(file);
    if (config.problems.length) {
      const key = `${file}:${config.problems.map((p) => p.message).join()}`;
      if (!this.reportedConfigProblems.has(key)) {
        this.reportedConfigProblems.add(key);
        const text = config.problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n');
        this.connection.console.error(`Ignoring ${file}:\n${text}`);
        const first = config.problems[0];
        void this.connection.window.showWarningMessage(`Markpoint: ${first.file}:${first.line}:${first.column}: ${first.message}. The file is ignored until it is fixed.`);
      }
    }
    return config;
  }
}
