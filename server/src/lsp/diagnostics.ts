import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { AnalysisResult, Criteria, Finding, LineMap, OffsetRange, Severity } from '../core/index.js';
import { elementDocsUrlOf } from '../core/index.js';
import type { DiagnosticData } from './protocol.js';

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
 * of the section that holds a partial point's evidence, or on the first line.
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
    const section = mainSection(result, entry.evidence.map((e) => e.range.start));
    const range = section ? lspRange(lines, section.heading) : fallback;
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

/** The headed section holding most of a point's evidence (sections run heading to heading). */
function mainSection(result: AnalysisResult, starts: number[]): AnalysisResult['sections'][number] | undefined {
  let best: AnalysisResult['sections'][number] | undefined;
  let most = 0;
  result.sections.forEach((section, i) => {
    const end = result.sections[i + 1]?.heading.start ?? Number.POSITIVE_INFINITY;
    const n = starts.filter((s) => s >= section.heading.start && s < end).length;
    if (n > most) {
      most = n;
      best = section;
    }
  });
  return best;
}
