import type { Criteria } from '../core/index.js';
import { severityCounts, type FileReport } from './file-report.js';
import { buildCohort, statusOf } from './cohort.js';

/**
 * The cohort as a spreadsheet: one row per analysed learner, in the order of the HTML
 * report (grouped by element, then by name). Columns: learner, file, element, word
 * count, errors, warnings, information, then one column per marking point of every
 * element in the cohort (`<element>/<point>`), holding covered, partial or missing,
 * and empty where the point is not of that learner's element.
 *
 * RFC 4180: fields holding a comma, quote or line break are quoted with quotes
 * doubled, and lines end in CRLF. A cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe.
 * Files that could not be read have no row: the HTML report lists them with the reason.
 */
export function cohortCsv(reports: FileReport[], ctx: { criteria: Criteria }): string {
  const cohort = buildCohort(reports, ctx.criteria);
  const points = cohort.elements.flatMap((e) => e.points);
  const rows: string[][] = [['learner', 'file', 'element', 'word count', 'errors', 'warnings', 'information', ...points.map((p) => p.id)]];
  for (const learner of cohort.learners) {
    const c = severityCounts(learner.result.findings);
    rows.push([
      learner.name,
      learner.report.path,
      learner.result.element,
      String(learner.result.wordCount),
      String(c.errors),
      String(c.warnings),
      String(c.information),
      ...points.map((p) => statusOf(learner, p) ?? ''),
    ]);
  }
  return rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}

/** One field: formula-guarded, then quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
