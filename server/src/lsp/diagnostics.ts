import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { AnalysisResult, Criteria, Finding, LineMap, OffsetRange, Severity } from '../core/index.js';
import { elementDocsUrlOf } from '../core/index.js';
import type { DiagnosticData } from '../protocol/index.js';

/** The one place that turns findings (and coverage hints) into LSP diagnostics. */

export const SOURCE = 'markpoint';
export const COVERAGE_CODE = 'coverage';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function lspRange(lines: LineMap, range: OffsetRange): Range {
  return { start: lines.positionAt(range.start), end: lines.positionAt(range.end) };
}

export function findingToDiagnostic(finding: Finding, lines: LineMap): Diagnostic {
  const data: DiagnosticData = { check: finding.check };
  if (finding.fix) data.fix = { range: lspRange(lines, finding.fix.range), newText: finding.fix.newText, title: finding.fix.title };
  return {
    range: lspRange(lines, finding.range),
    severity: SEVERITY[finding.severity],
    code: finding.check,
    codeDescription: { href: finding.docsUrl },
    source: SOURCE,
    message: finding.message,
    data,
  };
}

/**
 * Marking points not yet fully evidenced, as information diagnostics: on the heading
 * of the section the point is read in (the core's `primarySection`: where the findings
 * that hold it back stand, else most of its evidence), or on the first heading or line.
 */
export function coverageHints(result: AnalysisResult, criteria: Criteria, lines: LineMap): Diagnostic[] {
  const pack = criteria.packs.get(result.element);
  if (!pack) return [];
  const firstHeading = result.sections[0]?.heading;
  const fallback: Range = firstHeading ? lspRange(lines, firstHeading) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const out: Diagnostic[] = [];
  for (const entry of result.coverage) {
    if (entry.status === 'covered') continue;
    const point = pack.markingPoints.find((p) => p.id === entry.pointId);
    const range = entry.section ? lspRange(lines, entry.section) : fallback;
    const still = entry.missingFacets.length ? ` Not yet evidenced: ${entry.missingFacets.join(', ')}.` : '';
    const held = entry.weakenedBy.length ? ` Held back by: ${entry.weakenedBy.join(', ')}.` : '';
    const lead = entry.status === 'missing' ? 'Marking point not yet evidenced' : 'Marking point partly evidenced';
    const data: DiagnosticData = { check: COVERAGE_CODE, point: entry.id };
    out.push({
      range,
      severity: DiagnosticSeverity.Information,
      code: COVERAGE_CODE,
      codeDescription: { href: elementDocsUrlOf(result.element) },
      source: SOURCE,
      message: `${lead}: ${entry.id} (${point?.summary ?? ''}).${still}${held}`,
      data,
    });
  }
  return out;
}
