import type { AnalysisResult, Finding, LineMap } from '../core/index.js';

/** One checked file, as every report and CLI output format reads it. */
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

/** 1-based line and UTF-16 column, as `--format json`, the terminal and the reports show them. */
export function cliRange(lines: LineMap, range: { start: number; end: number }): CliRange {
  const s = lines.positionAt(range.start);
  const e = lines.positionAt(range.end);
  return { start: { line: s.line + 1, column: s.character + 1 }, end: { line: e.line + 1, column: e.character + 1 } };
}

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
