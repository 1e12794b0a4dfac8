/**
 * One source for how checks and statuses are named to people (`core/labels.ts`): the
 * terminal, the editor's hovers and the cohort report show the same title for a check
 * and the same symbol for a status.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse, checkTitle, LineMap, PRODUCT_CHECK_DEFINITIONS, STATUS_SYMBOL, statusLabel } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { formatStylish } from '../server/src/cli/formats/stylish.js';
import { cohortHtml, esc } from '../server/src/report/html.js';
import type { FileReport } from '../server/src/report/file-report.js';
import { hoverAt } from '../server/src/lsp/hover.js';

const root = join(import.meta.dirname, '..');
const { criteria } = bundledCriteria();

describe('checkTitle', () => {
  it("gives a check's own title from its check file", () => {
    expect(checkTitle(criteria, 'brand-as-logo')).toBe(criteria.checks.get('brand-as-logo')!.title);
    expect(checkTitle(criteria, 'brand-as-logo')).toBe('Brand treated as just a logo');
  });

  it("gives a product check's title from its one definition", () => {
    for (const p of PRODUCT_CHECK_DEFINITIONS) expect(checkTitle(criteria, p.id)).toBe(p.title);
    expect(checkTitle(criteria, 'word-count')).toBe('Prose outside the word limit');
  });

  it('falls back to the ID for a check nobody defines', () => {
    expect(checkTitle(criteria, 'no-such-check')).toBe('no-such-check');
  });
});

describe('the terminal, the hover and the cohort report name things alike', () => {
  // Held back by brand-as-logo, and 60% under its word limit (a product check).
  const path = 'test/cli/fixtures/cohort/amy-brand.md';
  const text = readFileSync(join(root, path), 'utf8');
  const result = analyse(text, criteria);
  const lines = new LineMap(text);
  const report: FileReport = { path, text, result, lines };
  const stylish = formatStylish([report], { criteria, color: false });
  const html = cohortHtml([report], { criteria, generatedAt: '2025-03-12T14:05:00Z' });

  it('the analysis has what the test needs', () => {
    expect(result.coverage.find((c) => c.pointId === 'service-brand-impact')!.weakenedBy).toEqual(['brand-as-logo']);
    expect(result.findings.map((f) => f.check)).toContain('word-count');
  });

  it('a check that holds a point back, by the same title', () => {
    const title = checkTitle(criteria, 'brand-as-logo');
    expect(stylish).toContain(`held back by: ${title} (brand-as-logo)`);
    expect(html).toContain(`<li>held back by <em>${esc(title)}</em></li>`);
    const finding = result.findings.find((f) => f.check === 'brand-as-logo')!;
    const hover = hoverAt(text, finding.range.start, result, criteria, lines);
    expect((hover!.contents as { value: string }).value.startsWith(`**${title}** · \`brand-as-logo\``)).toBe(true);
  });

  it("a product check's finding, by its one title", () => {
    expect(html).toContain(`<td class="ctitle">${esc(checkTitle(criteria, 'word-count'))}<br><code>word-count</code></td>`);
  });

  it('each status with its one symbol', () => {
    for (const cov of result.coverage) {
      expect(stylish).toMatch(new RegExp(`^  ${statusLabel(cov.status)}  ${cov.pointId}\\b`, 'm'));
      expect(html).toContain(`<tr data-point="${cov.id}" data-status="${cov.status}"><td class="status"><span class="badge s-${cov.status}"><span aria-hidden="true">${STATUS_SYMBOL[cov.status]}</span> ${cov.status}</span>`);
    }
    expect(statusLabel('partial')).toBe('◐ partial');
  });
});

describe('the status symbols are written once', () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const files = [...sources(join(root, 'server', 'src')), ...sources(join(root, 'client', 'src'))].map((f) => relative(root, f));

  it('in core/labels.ts, and in no other source file', () => {
    const writing = files.filter((f) => Object.values(STATUS_SYMBOL).some((symbol) => readFileSync(join(root, f), 'utf8').includes(symbol)));
    expect(writing).toEqual(['server/src/core/labels.ts']);
  });
});
