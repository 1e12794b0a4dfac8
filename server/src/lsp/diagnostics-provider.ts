import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type DocumentDiagnosticReport, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Settings } from '../core/index.js';
import type { ClientInfo, DocumentAnalyses } from './documents.js';

/**
 * When diagnostics are computed and how they reach the client: pushed after a debounce
 * to clients without pull diagnostics, or answered to a pull (LSP 3.17), debounced
 * too. What they say is `diagnostics.ts`'s.
 */
export class DiagnosticsProvider {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: DocumentAnalyses,
    private readonly client: ClientInfo,
  ) {}

  /** Answer pull requests. */
  register(): void {
    this.connection.languages.diagnostics.on((params, token) => this.pull(params.textDocument.uri, params.previousResultId, token));
  }

  /** Debounced analysis and, for clients without pull diagnostics, publishing. */
  schedule(doc: TextDocument, delay?: number): void {
    this.clear(doc.uri);
    void this.analyses.configFor(doc.uri).then(({ settings }) => {
      this.clear(doc.uri);
      this.timers.set(
        doc.uri,
        setTimeout(() => {
          this.timers.delete(doc.uri);
          void this.publish(doc.uri);
        }, delay ?? settings.debounce),
      );
    });
  }

  /** Settings changed: every open document again, and clients that pull are asked to. */
  refreshAll(): void {
    for (const doc of this.documents.all()) this.schedule(doc, 0);
    if (this.client.pull && this.client.refreshSupport) void this.connection.languages.diagnostics.refresh().catch(() => undefined);
  }

  /** A closed document: nothing pending, and nothing left shown. */
  close(uri: string): void {
    this.clear(uri);
    if (!this.client.pull) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private clear(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    if ((await this.analyses.configFor(uri)).ignored) {
      // Newly ignored: clear what the editor still shows from before.
      if (!this.client.pull) await this.connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const analysis = await this.analyses.analysisOf(doc);
    if (!analysis || this.documents.get(uri)?.version !== analysis.version) return;
    if (!this.client.pull) await this.connection.sendDiagnostics({ uri, version: analysis.version, diagnostics: analysis.diagnostics });
  }

  private async pull(uri: string, previousResultId: string | undefined, token: CancellationToken): Promise<DocumentDiagnosticReport> {
    const doc = this.documents.get(uri);
    if (!doc) return { kind: 'full', items: [] };
    const { settings, ignored } = await this.analyses.configFor(doc.uri);
    if (ignored) return { kind: 'full', items: [] };
    // Debounce: a client pulls after every keystroke and cancels the previous pull.
    await delay(settings.debounce, token);
    if (token.isCancellationRequested) throw changed();
    const analysis = await this.analyses.analysisOf(doc);
    if (!analysis || token.isCancellationRequested) throw changed();
    const resultId = `${analysis.version}:${settingsKey(analysis.settings)}`;
    if (previousResultId === resultId) return { kind: 'unchanged', resultId };
    return { kind: 'full', resultId, items: analysis.diagnostics };
  }
}

function changed(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
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
