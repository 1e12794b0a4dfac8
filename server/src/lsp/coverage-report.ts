import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { fileURLToPath } from 'node:url';
import type { Criteria } from '../core/index.js';
import { cohortHtml } from '../report/html.js';
import { CoverageNotification, CoverageRequest, ExportReportRequest, type CoverageParams, type CoverageReport, type ExportReportResult } from '../protocol/index.js';
import { lspRange } from './diagnostics.js';
import type { Analysis, DocumentAnalyses } from './documents.js';

/** A document's coverage as the `markpoint/coverage` messages carry it. */
export function coverageReport(uri: string, text: string, analysis: Analysis, criteria: Criteria): CoverageReport {
  const { result, lines } = analysis;
  const pack = criteria.packs.get(result.element);
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

/** `markpoint/exportReport`: the cohort report of a cohort of one, the same layout tutors see for a class. */
export function exportReport(uri: string, text: string, analysis: Analysis, criteria: Criteria, generatedAt: string): ExportReportResult {
  const path = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  const html = cohortHtml([{ path, text, result: analysis.result, lines: analysis.lines }], {
    criteria,
    generatedAt,
    title: `Markpoint coverage report: ${path.split('/').pop()}`,
  });
  return { html };
}

/**
 * The coverage panel's messages: the `markpoint/coverage` request, the
 * `markpoint/didChangeCoverage` notification after each analysis that changes what the
 * panel shows, and `markpoint/exportReport`.
 */
export class CoverageFeature {
  /** What was last notified per document, to notify only changes. */
  private readonly notified = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyses: DocumentAnalyses,
    private readonly criteria: Criteria,
  ) {
    analyses.onDidAnalyse((uri, analysis) => this.notify(uri, analysis));
  }

  register(): void {
    this.connection.onRequest(CoverageRequest, async (params: CoverageParams, token: CancellationToken) => {
      const uri = params?.textDocument?.uri;
      if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'markpoint/coverage needs { textDocument: { uri } }');
      const doc = this.documents.get(uri);
      if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open`);
      const analysis = await this.analyses.analysisOf(doc);
      if (token.isCancellationRequested || !analysis) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.');
      return this.reportOf(uri, analysis);
    });

    this.connection.onRequest(ExportReportRequest, async (params: CoverageParams): Promise<ExportReportResult> => {
      const uri = params?.textDocument?.uri;
      const doc = typeof uri === 'string' ? this.documents.get(uri) : undefined;
      if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `${String(uri)} is not open`);
      const analysis = await this.analyses.analysisOf(doc);
      if (!analysis) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.');
      return exportReport(doc.uri, doc.getText(), analysis, this.criteria, new Date().toISOString());
    });
  }

  /** A closed document: the next open notifies afresh. */
  forget(uri: string): void {
    this.notified.delete(uri);
  }

  private reportOf(uri: string, analysis: Analysis): CoverageReport {
    return coverageReport(uri, this.documents.get(uri)?.getText() ?? '', analysis, this.criteria);
  }

  private notify(uri: string, analysis: Analysis): void {
    const report = this.reportOf(uri, analysis);
    const key = JSON.stringify({ ...report, version: 0 });
    if (this.notified.get(uri) === key) return;
    this.notified.set(uri, key);
    void this.connection.sendNotification(CoverageNotification, report);
  }
}
