import type { Connection, Hover } from 'vscode-languageserver';
import { checkTitle, STATUS_SYMBOL, type AnalysisResult, type Criteria, type LineMap, type Pack } from '../core/index.js';
import type { DocumentAnalyses } from './documents.js';

/** Answer hover requests from the document's current analysis. */
export function registerHover(connection: Connection, analyses: DocumentAnalyses, criteria: Criteria): void {
  connection.onHover(async (params) => {
    const open = await analyses.current(params.textDocument.uri);
    if (!open) return null;
    const { doc, analysis } = open;
    return hoverAt(doc.getText(), doc.offsetAt(params.position), analysis.result, criteria, analysis.lines);
  });
}

/**
 * Teaching hovers, in order of specificity:
 *   1. on a finding: what it is, why it matters and what the assessor looks for;
 *   2. on a heading: which marking points that section evidences;
 *   3. on a key concept (HEAT, PESTLE, UK GDPR, Equality Act 2010, …): a short
 *      explanation and the marking points it serves.
 */
export function hoverAt(text: string, offset: number, result: AnalysisResult, criteria: Criteria, lines: LineMap): Hover | null {
  const pack = criteria.packs.get(result.element);
  const findings = result.findings.filter((f) => offset >= f.range.start && offset <= f.range.end && criteria.checks.has(f.check));
  if (findings.length) {
    const f = findings[0];
    const check = criteria.checks.get(f.check)!;
    const value = [
      `**${checkTitle(criteria, check.id)}** · \`${check.id}\``,
      '',
      check.why,
      '',
      `**What the assessor looks for:** ${check.assessor}`,
      '',
      `[About this check](${f.docsUrl}) · turn it off with a quick fix`,
    ].join('\n');
    return { contents: { kind: 'markdown', value }, range: { start: lines.positionAt(f.range.start), end: lines.positionAt(f.range.end) } };
  }

  const section = result.sections.find((s) => offset >= s.heading.start && offset <= s.heading.end);
  if (section && pack) {
    const points = section.pointIds.map((id) => {
      const point = pack.markingPoints.find((p) => p.id === id);
      const status = result.coverage.find((c) => c.pointId === id)?.status ?? 'missing';
      return `- ${STATUS_SYMBOL[status]} \`${id}\`: ${point?.summary ?? ''} (${status})`;
    });
    const value = points.length
      ? [`**This section evidences** (${pack.element}):`, '', ...points].join('\n')
      : `**This section does not yet evidence a marking point of ${pack.element}.** Say which marking point it answers and give an example from your workplace.`;
    return { contents: { kind: 'markdown', value }, range: { start: lines.positionAt(section.heading.start), end: lines.positionAt(section.heading.end) } };
  }

  if (pack) {
    const concept = keyConceptAt(text, offset, pack);
    if (concept) {
      const { term, explanation, markingPoints, start, end } = concept;
      const serves = (markingPoints ?? []).map((id) => `\`${pack.element}/${id}\``).join(', ');
      const value = [`**${term}**`, '', explanation, ...(serves ? ['', `Marking points: ${serves}`] : [])].join('\n');
      return { contents: { kind: 'markdown', value }, range: { start: lines.positionAt(start), end: lines.positionAt(end) } };
    }
  }
  return null;
}

/** The key concept whose term or alias is written at `offset`, matched as whole words. */
export function keyConceptAt(text: string, offset: number, pack: Pack): (Pack['keyConcepts'][number] & { start: number; end: number }) | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndRaw = text.indexOf('\n', offset);
  const lineEnd = lineEndRaw === -1 ? text.length : lineEndRaw;
  const line = text.slice(lineStart, lineEnd).toLowerCase();
  const at = offset - lineStart;
  let best: (Pack['keyConcepts'][number] & { start: number; end: number }) | undefined;
  for (const concept of pack.keyConcepts) {
    for (const name of [concept.term, ...(concept.aliases ?? [])]) {
      const needle = name.toLowerCase();
      for (let i = line.indexOf(needle); i !== -1; i = line.indexOf(needle, i + 1)) {
        const before = i === 0 ? ' ' : line[i - 1];
        const after = line[i + needle.length] ?? ' ';
        if (/[\p{L}\p{N}]/u.test(before) || /[\p{L}\p{N}]/u.test(after)) continue;
        if (at < i || at > i + needle.length) continue;
        // Acronyms must be written in capitals: "heat" in a kitchen is not the model.
        if (name === name.toUpperCase() && /[A-Z]/.test(name) && text.slice(lineStart + i, lineStart + i + needle.length) !== name) continue;
        if (!best || needle.length > best.end - best.start) best = { ...concept, start: lineStart + i, end: lineStart + i + needle.length };
      }
    }
  }
  return best;
}
