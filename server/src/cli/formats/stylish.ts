import { checkTitle, STATUS_SYMBOL, statusLabel, type CoverageStatus, type Severity } from '../../core/index.js';
import { cliRange, counts, coveragePercent, type FileReport, type FormatContext } from '../report.js';

/**
 * `--format stylish` (the default), after ESLint's: findings grouped per file as
 * `line:col  severity  message  check-id`, then a coverage summary a learner can read
 * at a glance: each marking point with its status and, when not covered, what is missing.
 */
export function formatStylish(reports: FileReport[], ctx: FormatContext): string {
  const paint = painter(ctx.color);
  const out: string[] = [];
  for (const r of reports) {
    if (r.error || !r.result || !r.lines) {
      out.push(paint.underline(r.path), `  ${paint.red('error')}  ${r.error ?? 'could not be checked'}`, '');
      continue;
    }
    const { result, lines } = r;
    const runnerUp = result.elementInference?.runnerUp;
    const source = { 'front-matter': 'from front matter', option: 'as chosen', inferred: runnerUp ? `inferred from the text, close to ${runnerUp}` : 'inferred from the text' }[result.elementSource];
    out.push(`${paint.underline(r.path)}  ${paint.dim(`${result.element} (${source}) · ${result.wordCount.toLocaleString('en-GB')} words`)}`);
    const rows = result.findings.map((f) => {
      const { start } = cliRange(lines, f.range);
      return [`${start.line}:${start.column}`, f.severity, f.message, f.check] as const;
    });
    const wPos = Math.max(0, ...rows.map((r) => r[0].length));
    const wSev = Math.max(0, ...rows.map((r) => r[1].length));
    for (const [pos, sev, message, check] of rows) {
      out.push(`  ${paint.dim(pos.padEnd(wPos))}  ${paint.severity(sev as Severity, sev.padEnd(wSev))}  ${message}  ${paint.dim(check)}`);
    }
    if (rows.length === 0) out.push(`  ${paint.green('no problems found')}`);
    const pack = ctx.criteria.packs.get(result.element);
    if (pack && result.coverage.length) {
      const n = (s: CoverageStatus) => result.coverage.filter((c) => c.status === s).length;
      const percent = coveragePercent(result);
      const below = ctx.minCoverage !== undefined && percent < ctx.minCoverage ? `  ${paint.red(`below --min-coverage ${ctx.minCoverage}%`)}` : '';
      out.push('', `  Marking points: ${n('covered')} of ${result.coverage.length} covered, ${n('partial')} partial, ${n('missing')} missing (${percent}%)${below}`);
      const wId = Math.max(...result.coverage.map((c) => c.pointId.length));
      for (const cov of result.coverage) {
        const point = pack.markingPoints.find((p) => p.id === cov.pointId);
        // A check that holds a point back is named by its title, as the cohort report names it, and its ID.
        const heldBack = cov.weakenedBy.map((w) => `${checkTitle(ctx.criteria, w)} (${w})`).join(', ');
        const detail =
          cov.status === 'covered'
            ? point?.summary ?? ''
            : [cov.missingFacets.length ? `not yet evidenced: ${cov.missingFacets.join(', ')}` : '', heldBack ? `held back by: ${heldBack}` : ''].filter(Boolean).join('; ');
        out.push(`  ${paint.status(cov.status)}  ${cov.pointId.padEnd(wId)}  ${paint.dim(detail)}`);
      }
    }
    out.push('');
  }
  const c = counts(reports);
  const failed = reports.filter((r) => r.error).length;
  const total = c.errors + c.warnings + c.information + c.hints;
  const parts = [`${c.errors} error${c.errors === 1 ? '' : 's'}`, `${c.warnings} warning${c.warnings === 1 ? '' : 's'}`, `${c.information} information`];
  const files = `${reports.length} file${reports.length === 1 ? '' : 's'}`;
  const summary = total === 0 ? `${STATUS_SYMBOL.covered} no problems in ${files}` : `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files}`;
  out.push(total === 0 && failed === 0 ? paint.green(summary) : paint.bold(summary));
  if (failed) out.push(paint.red(`${failed} file${failed === 1 ? '' : 's'} could not be checked`));
  return out.join('\n') + '\n';
}

function painter(color: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (color ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  const red = wrap(31, 39);
  const yellow = wrap(33, 39);
  const blue = wrap(34, 39);
  const green = wrap(32, 39);
  const dim = wrap(2, 22);
  return {
    red,
    green,
    dim,
    bold: wrap(1, 22),
    underline: wrap(4, 24),
    severity: (s: Severity, text: string) => (s === 'error' ? red : s === 'warning' ? yellow : blue)(text),
    status: (s: CoverageStatus) => (s === 'covered' ? green : s === 'partial' ? yellow : red)(statusLabel(s)),
  };
}
