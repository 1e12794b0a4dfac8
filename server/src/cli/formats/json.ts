import { cliRange, counts, type FileReport } from '../report.js';

/** `--format json`: exactly shared/spec/json-output.md, version 1. */
export function formatJson(reports: FileReport[]): string {
  const c = counts(reports);
  const doc = {
    version: 1,
    files: reports.map((r) => {
      if (r.error || !r.result || !r.lines) return { path: r.path, error: { message: r.error ?? 'could not be checked' } };
      const { result, lines } = r;
      return {
        path: r.path,
        element: result.element,
        elementSource: result.elementSource,
        // Added in version 1 (fields may be added): how sure an inferred element is, and the close runner-up.
        ...(result.elementInference ? { elementInference: result.elementInference } : {}),
        wordCount: result.wordCount,
        diagnostics: result.findings.map((f) => ({
          code: f.check,
          severity: f.severity,
          message: f.message,
          range: cliRange(lines, f.range),
          docs: f.docsUrl,
        })),
        coverage: result.coverage.map((cov) => ({
          id: cov.id,
          status: cov.status,
          evidence: cov.evidence.map((e) => cliRange(lines, e.range)),
        })),
      };
    }),
    summary: { files: reports.length, errors: c.errors, warnings: c.warnings, information: c.information },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
