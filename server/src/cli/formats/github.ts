import type { CoverageStatus, Severity } from '../../core/index.js';
import { cliRange, counts, type FileReport, type FormatContext } from '../report.js';

/**
 * `--format github`: GitHub Actions workflow commands, which GitHub shows as
 * annotations on the lines of a pull request, and a Markdown job summary for
 * $GITHUB_STEP_SUMMARY.
 *
 * GitHub shows at most 10 annotations of each level per step and drops the rest
 * without a word, so the summary says how many were not shown: otherwise a learner
 * with 30 findings would see 10 and believe that was all.
 */

type AnnotationLevel = 'error' | 'warning' | 'notice';

/** GitHub's default number of annotations of each level it shows in one step. */
export const GITHUB_ANNOTATION_LIMIT = 10;

/** Workflow commands have no level below `notice`, so information and hints share it. */
function levelOf(severity: Severity): AnnotationLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
}

export function formatGithub(reports: FileReport[], ctx: FormatContext & { limit?: number }): { annotations: string; summary: string } {
  const limit = ctx.limit ?? GITHUB_ANNOTATION_LIMIT;
  const perLevel: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  const annotations: string[] = [];
  const rows: string[] = [];
  for (const report of reports) {
    if (report.error || !report.result || !report.lines) {
      // An unreadable file is an error of the run; without a line GitHub shows it on the run itself.
      const message = `${report.path} could not be checked: ${report.error ?? 'unknown reason'}`;
      annotations.push(command('error', { file: report.path, title: 'markpoint' }, message));
      perLevel.error++;
      rows.push(`| ${cell(report.path)} | could not be checked: ${cell(report.error ?? 'unknown reason')} | – | – | – | – | – | – |`);
      continue;
    }
    const { result, lines } = report;
    for (const finding of result.findings) {
      const { start, end } = cliRange(lines, finding.range);
      const level = levelOf(finding.severity);
      perLevel[level]++;
      annotations.push(
        command(level, { file: report.path, line: start.line, col: start.column, endLine: end.line, endColumn: end.column, title: finding.check }, finding.message),
      );
    }
    const status = (s: CoverageStatus) => result.coverage.filter((c) => c.status === s).length;
    const c = counts([report]);
    rows.push(
      `| ${cell(report.path)} | ${cell(result.element)} | ${status('covered')} | ${status('partial')} | ${status('missing')} | ${c.errors} | ${c.warnings} | ${c.information + c.hints} |`,
    );
  }

  const total = counts(reports);
  const problems = total.errors + total.warnings + total.information + total.hints;
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}`;
  const summary = [
    '## Markpoint',
    '',
    '| File | Element | Covered | Partial | Missing | Errors | Warnings | Information |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    problems === 0
      ? `No problems found in ${files}.`
      : `${problems} problem${problems === 1 ? '' : 's'} (${plural(total.errors, 'error')}, ${plural(total.warnings, 'warning')}, ${total.information + total.hints} information) in ${files}.`,
  ];
  const hidden = Object.values(perLevel).reduce((sum, n) => sum + Math.max(0, n - limit), 0);
  if (hidden > 0) {
    summary.push(
      '',
      `**${hidden} ${hidden === 1 ? 'finding was' : 'findings were'} not shown as annotations**, because GitHub shows at most ${limit} of each level in a step. See the full report: run \`markpoint check\` on these files, or upload \`--format sarif\` to code scanning.`,
    );
  }
  return { annotations: annotations.length ? annotations.join('\n') + '\n' : '', summary: summary.join('\n') + '\n' };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `::level key=value,…::message`, with both parts escaped as the runner expects. */
function command(level: AnnotationLevel, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(',');
  return `::${level} ${props}::${escapeData(message)}`;
}

/** Escape a workflow command's message, as the Actions toolkit does. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a workflow command's property value: `:` and `,` would end it early. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * Make text safe in a Markdown table cell. File names come from learners: without this
 * a `|` would split the row and `<`, `[` or `*` would be read as markup.
 */
function cell(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(/[\\`*_[\]<>|&~#]/g, '\\$&');
}
