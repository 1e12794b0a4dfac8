/**
 * The language server's features called in process, with a document and the criteria:
 * no server is spawned (test/lsp.test.ts does that, over stdio).
 */
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, MarkupContent } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, primarySection, STATUS_SYMBOL, type Settings } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { codeActions, FIX_ALL_KIND } from '../server/src/lsp/code-actions.js';
import { COVERAGE_CODE } from '../server/src/lsp/diagnostics.js';
import { analyseText } from '../server/src/lsp/documents.js';
import { hoverAt } from '../server/src/lsp/hover.js';
import { ASSIGNMENT as BASE } from './lsp/assignment.js';

const { criteria } = bundledCriteria();

/** The language server's test assignment, with an unnamed escalation in a list as well. */
const ASSIGNMENT = [BASE, '## Complaints', '', 'When a parcel is late:', '', '- I listen and apologise.', '- If a customer complains and I cannot sort it, I just pass it on.', ''].join('\n');

/** A document and its analysis, as the server holds them for one version. */
function open(text: string, settings: Settings = DEFAULT_SETTINGS) {
  const doc = TextDocument.create('file:///work/amy.md', 'markdown', 1, text);
  return { doc, analysis: analyseText(text, 1, criteria, settings) };
}

const at = (text: string, needle: string, after = 0) => text.indexOf(needle) + after;

describe('hover, in process', () => {
  const { doc, analysis } = open(ASSIGNMENT);
  const hover = (offset: number) => hoverAt(ASSIGNMENT, offset, analysis.result, criteria, analysis.lines);
  const value = (offset: number) => (hover(offset)?.contents as MarkupContent | undefined)?.value;

  it('on a finding: the check by its title, why it matters, what the assessor looks for, over the finding', () => {
    const finding = analysis.result.findings.find((f) => f.check === 'law-year-wrong')!;
    const check = criteria.checks.get('law-year-wrong')!;
    const h = hover(at(ASSIGNMENT, 'Equality Act 2012', 3))!;
    expect((h.contents as MarkupContent).value).toBe(
      [`**${check.title}** · \`law-year-wrong\``, '', check.why, '', `**What the assessor looks for:** ${check.assessor}`, '', `[About this check](${finding.docsUrl}) · turn it off with a quick fix`].join('\n'),
    );
    expect(h.range).toEqual({ start: doc.positionAt(finding.range.start), end: doc.positionAt(finding.range.end) });
  });

  it('on a heading: the marking points that section evidences, each with its status symbol', () => {
    const section = analysis.result.sections.find((s) => s.title === 'Complaints')!;
    const lines = value(at(ASSIGNMENT, '## Complaints', 4))!.split('\n');
    expect(lines[0]).toBe('**This section evidences** (org-purpose-brand):');
    const points = lines.slice(2);
    expect(section.pointIds.length).toBeGreaterThan(0);
    expect(points).toHaveLength(section.pointIds.length);
    for (const [i, id] of section.pointIds.entries()) {
      const status = analysis.result.coverage.find((c) => c.pointId === id)!.status;
      expect(points[i]).toMatch(new RegExp(`^- ${STATUS_SYMBOL[status]} \`${id}\`: .* \\(${status}\\)$`));
    }
  });

  it('on a heading whose section evidences nothing: what to do about it', () => {
    expect(value(at(ASSIGNMENT, '# Purpose', 3))).toMatch(/^\*\*This section does not yet evidence a marking point of org-purpose-brand\.\*\* Say which marking point/);
  });

  it('on a key concept, written in capitals when it is an acronym', () => {
    expect(value(at(ASSIGNMENT, 'HEAT', 2))).toMatch(/^\*\*HEAT\*\*\n\nA complaint-handling model/);
    const kitchen = ASSIGNMENT.replace('We use the HEAT model', 'We turn the heat down');
    const other = open(kitchen).analysis;
    expect(hoverAt(kitchen, at(kitchen, 'heat', 2), other.result, criteria, other.lines)).toBeNull();
  });

  it('nowhere else', () => {
    expect(hover(at(ASSIGNMENT, 'element:'))).toBeNull();
  });
});

describe('code actions, in process', () => {
  const { doc, analysis } = open(ASSIGNMENT);
  const diagnostic = (check: string, nth = 0) => analysis.diagnostics.filter((d) => d.code === check)[nth];
  const actionsFor = (d: Diagnostic, only?: string[]) => codeActions(doc, [d], analysis.result, analysis.lines, only);
  const apply = (edit: NonNullable<ReturnType<typeof codeActions>[number]['edit']>) => TextDocument.applyEdits(doc, edit.changes![doc.uri]);
  const checksAfter = (text: string) => open(text).analysis.result.findings.map((f) => f.check);

  it('the exact fix first and preferred, then the two suppressions', () => {
    const actions = actionsFor(diagnostic('law-year-wrong'));
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ['Change the year to 2010', 'quickfix', true],
      ['Disable law-year-wrong for this line', 'quickfix', false],
      ['Disable law-year-wrong for this file', 'quickfix', false],
    ]);
    expect(apply(actions[0].edit!)).toBe(ASSIGNMENT.replace('Equality Act 2012', 'Equality Act 2010'));
  });

  it('above a paragraph, a disable-next-line comment that silences only that check there', () => {
    const silenced = apply(actionsFor(diagnostic('brand-as-logo'))[0].edit!);
    expect(silenced).toContain('## Brand\n\n<!-- markpoint-disable-next-line brand-as-logo -->\nI work as a bookseller');
    expect(checksAfter(silenced)).not.toContain('brand-as-logo');
    expect(checksAfter(silenced)).toContain('law-year-wrong');
  });

  it('in a list item, a disable-line comment at the end of the line, which keeps the list whole', () => {
    const inList = diagnostic('escalation-unnamed-role', 1);
    expect(inList.range.start.line).toBe(19);
    const silenced = apply(actionsFor(inList)[0].edit!);
    expect(silenced.split('\n')[19]).toBe('- If a customer complains and I cannot sort it, I just pass it on. <!-- markpoint-disable-line escalation-unnamed-role -->');
    // The one in the Policies paragraph is still reported.
    expect(checksAfter(silenced).filter((c) => c === 'escalation-unnamed-role')).toHaveLength(1);
  });

  it('for the file: a comment after the front matter, or at the top when there is none', () => {
    expect(apply(actionsFor(diagnostic('brand-as-logo'))[1].edit!)).toMatch(/^---\nelement: org-purpose-brand\n---\n\n<!-- markpoint-disable brand-as-logo -->\n\n\n# Purpose/);
    const bare = ASSIGNMENT.replace(/^---[\s\S]*?---\n/, '');
    const { doc: bareDoc, analysis: bareAnalysis } = open(bare);
    const d = bareAnalysis.diagnostics.find((x) => x.code === 'brand-as-logo')!;
    const edit = codeActions(bareDoc, [d], bareAnalysis.result, bareAnalysis.lines)[1].edit!;
    const text = TextDocument.applyEdits(bareDoc, edit.changes![bareDoc.uri]);
    expect(text.startsWith('<!-- markpoint-disable brand-as-logo -->\n\n\n# Purpose')).toBe(true);
    expect(checksAfter(text)).not.toContain('brand-as-logo');
  });

  it('none for coverage hints or for diagnostics of other tools', () => {
    const hint = analysis.diagnostics.find((d) => d.code === COVERAGE_CODE)!;
    expect(hint).toBeDefined();
    expect(actionsFor(hint)).toEqual([]);
    expect(actionsFor({ ...diagnostic('brand-as-logo'), source: 'markdownlint' })).toEqual([]);
  });

  it('fix-all only when asked for, with every exact fix and nothing else', () => {
    expect(actionsFor(diagnostic('law-year-wrong'), ['quickfix']).map((a) => a.kind)).not.toContain(FIX_ALL_KIND);
    const all = codeActions(doc, analysis.diagnostics, analysis.result, analysis.lines, ['source.fixAll']);
    expect(all.map((a) => [a.title, a.kind])).toEqual([['Fix all exact Markpoint problems', FIX_ALL_KIND]]);
    expect(apply(all[0].edit!)).toBe(ASSIGNMENT.replace('Equality Act 2012', 'Equality Act 2010'));
    const clean = open(ASSIGNMENT.replace('2012', '2010'));
    expect(codeActions(clean.doc, [], clean.analysis.result, clean.analysis.lines, ['source.fixAll'])).toEqual([]);
  });
});

describe('a coverage hint sits where the point is read', () => {
  // Most of service-brand-impact's evidence is under "Service and reputation"; the finding
  // that holds it back, and one more sentence of evidence, under "Brand".
  const HELD_BACK = [
    '---',
    'element: org-purpose-brand',
    '---',
    '',
    '# Brand at Harbour Books',
    '',
    '## Service and reputation',
    '',
    'I work as a bookseller at Harbour Books. Good service gives us a better reputation in the town.',
    'When I helped Mrs Hart find a rare atlas, she told her friends and our reputation grew.',
    'Our loyalty card customers come back every week because we remember their names.',
    'Our friendly service is our advantage over the online competition.',
    '',
    '## Brand',
    '',
    'Our brand is basically the blue anchor logo on the bags. Good service keeps customers loyal to us.',
    '',
  ].join('\n');

  it('under the same heading as the findings that hold the point back', () => {
    const { doc, analysis } = open(HELD_BACK);
    const entry = analysis.result.coverage.find((c) => c.pointId === 'service-brand-impact')!;
    expect(entry.weakenedBy).toEqual(['brand-as-logo']);
    const headingOf = (line: number) => analysis.result.sections.filter((s) => doc.positionAt(s.heading.start).line <= line).pop()!;
    // The evidence is mostly elsewhere, so this is not where most of it is.
    const lines = entry.evidence.map((e) => doc.positionAt(e.range.start).line);
    expect(lines.filter((l) => headingOf(l).title === 'Service and reputation').length).toBeGreaterThan(lines.filter((l) => headingOf(l).title === 'Brand').length);

    const hint = analysis.diagnostics.find((d) => d.code === COVERAGE_CODE && (d.data as { point?: string }).point === entry.id)!;
    const finding = analysis.diagnostics.find((d) => d.code === 'brand-as-logo')!;
    expect(hint.message).toContain('Held back by: brand-as-logo.');
    expect(hint.range).toEqual({ start: doc.positionAt(headingOf(finding.range.start.line).heading.start), end: doc.positionAt(headingOf(finding.range.start.line).heading.end) });
    expect(doc.getText(hint.range)).toBe('## Brand');
  });

  it('under the heading with most of its evidence when nothing holds it back', () => {
    const { doc, analysis } = open(HELD_BACK.replace('Our brand is basically the blue anchor logo on the bags. ', ''));
    const entry = analysis.result.coverage.find((c) => c.pointId === 'policies-applied')!;
    expect(entry.status).not.toBe('covered');
    const hint = analysis.diagnostics.find((d) => (d.data as { point?: string }).point === entry.id)!;
    expect(doc.getText(hint.range)).toBe('## Service and reputation');
  });

  it('on the first heading when no section holds any of it', () => {
    const { doc, analysis } = open(HELD_BACK);
    const entry = analysis.result.coverage.find((c) => c.pointId === 'mission-values-customers')!;
    expect(entry.evidence).toEqual([]);
    const hint = analysis.diagnostics.find((d) => (d.data as { point?: string }).point === entry.id)!;
    expect(doc.getText(hint.range)).toBe('# Brand at Harbour Books');
  });

  describe('primarySection, the one choice', () => {
    const headings = [
      { start: 0, end: 5 },
      { start: 20, end: 25 },
      { start: 40, end: 45 },
    ];

    it('runs each section from its heading to the next, and prefers the findings that hold the point back', () => {
      expect(primarySection(headings, [], [6, 21, 22])).toBe(headings[1]);
      expect(primarySection(headings, [41], [6, 21, 22])).toBe(headings[2]);
      expect(primarySection(headings, [], [39, 40])).toBe(headings[1]);
    });

    it('takes the first of equals, and nothing before the first heading', () => {
      expect(primarySection(headings, [], [6, 21])).toBe(headings[0]);
      expect(primarySection([{ start: 10, end: 12 }], [3], [1, 2])).toBeUndefined();
      expect(primarySection([{ start: 10, end: 12 }], [3], [11])).toEqual({ start: 10, end: 12 });
    });
  });
});
