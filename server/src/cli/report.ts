import { LineMap, type AnalysisResult, type Criteria, type Finding, type Severity } from '../core/index.js';

/** The CLI's view of one checked file, shared by every output format. */
export interface FileReport {
  path: string;
  /** The file's text, for formats that quote evidence. */
  text?: string;
  result?: AnalysisResult;
  /** Line map of the file's text, to turn offsets into lines and columns. */
  lines?: LineMap;
  error?: string;
}

export interface CliPosition {
  line: number;
  column: number;
}

export interface CliRange {
  start: CliPosition;
  end: CliPosition;
}

/** 1-based line and UTF-16 column, as `--format json` and the terminal show them. */
export function cliRange(lines: LineMap, range: { start: number; end: number }): CliRange {
  const s = lines.positionAt(range.start);
  const e = lines.positionAt(range.end);
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

/** Findings by severity. */
export function severityCounts(findings: Finding[]): { errors: number; warnings: number; information: number; hints: number } {
  const c = { errors: 0, warnings: 0, information: 0, hints: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else if (f.severity === 'information') c.information++;
    else c.hints++;
  }
  return c;
}

/** Findings by severity across a batch. */
export function counts(reports: FileReport[]): ReturnType<typeof severityCounts> {
  return severityCounts(reports.flatMap((r) => r.result?.findings ?? []));
}

/**
 * How much of its element a file evidences, as a percentage: covered marking points
 * count fully, partial ones half. `--min-coverage` compares against this.
 */
export function coveragePercent(result: AnalysisResult): number {
  if (result.coverage.length === 0) return 100;
  const score = result.coverage.reduce((n, c) => n + (c.status === 'covered' ? 1 : c.status === 'partial' ? 0.5 : 0), 0);
  return Math.round((score / result.coverage.length) * 100);
}

export function atOrAbove(findings: Finding[], threshold: Severity): boolean {
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]);
}

export interface FormatContext {
  criteria: Criteria;
  color: boolean;
  /** `--min-coverage`, when given: formats may say which files fall below it. */
  minCoverage?: number;
}
