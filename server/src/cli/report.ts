import type { AnalysisResult, Criteria, Finding, Severity } from '../core/index.js';
import { severityCounts, type FileReport } from '../report/file-report.js';

// What the reports share with the CLI's formats lives below both, in `report/`.
export { cliRange, severityCounts, type CliPosition, type CliRange, type FileReport } from '../report/file-report.js';

export const SEVERITY_RANK: Record<Severity, number> = { hint: 0, information: 1, warning: 2, error: 3 };

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
