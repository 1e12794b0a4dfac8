import type { AnalysisContext } from './context.js';
import type { CheckDefinition, Pack } from './criteria.js';
import type { Section, Sentence } from './document.js';
import type { CoverageEntry, CoverageStatus, Evidence, Finding, SectionCoverage } from './types.js';

/**
 * Coverage of marking points. Each point lists facets (the parts of the examiner's
 * wording: "mission", "vision", "values", "customer groups"), each a set of concepts.
 * A facet is evidenced by the sentences of prose that mention one of its concepts.
 *   - covered: at least `coveredWhen` facets (default all) are evidenced;
 *   - partial: at least `partialWhen` (default one);
 *   - missing: fewer.
 * A covered point is held back to partial when misconceptions about it weigh 2 or more
 * (`weakenedBy`): document-level findings always count, others only inside the section
 * that carries most of the point's evidence, where the assessor reads for it. A mistake
 * the learner recognises in the same paragraph ("I have not always got this right… I
 * should have phoned…") is still reported, but shows understanding and holds nothing back.
 */
const MAX_EVIDENCE = 12;

export function coverageOf(ctx: AnalysisContext, pack: Pack, findings: Finding[], checks: Map<string, CheckDefinition>): { entries: CoverageEntry[]; sections: SectionCoverage[] } {
  // Prose sentences, and headings that have prose under them: "### Contingency" over a
  // list of what-ifs evidences contingencies as an assessor reads it.
  const prose = ctx.doc.sentences.filter((s) => !s.block.references && (s.block.kind !== 'heading' || s.block.section.blocks.length > 1));
  const sectionPoints = new Map<Section, Set<string>>();
  const entries = pack.markingPoints.map((point) => {
    const evidence: Array<Evidence & { sentence: Sentence }> = [];
    const missingFacets: string[] = [];
    let satisfied = 0;
    for (const facet of point.facets) {
      const handles = facet.concepts.map((c) => ctx.concept(c));
      const found = prose.filter((s) => handles.some((h) => ctx.matches[s.index].has(h)) && !(facet.realised && ctx.has(s, 'hypothetical')));
      if (found.length >= (facet.min ?? 1)) {
        satisfied++;
        for (const s of found) evidence.push({ range: { start: s.start, end: s.end }, facet: facet.id, sentence: s });
      } else missingFacets.push(facet.label);
    }
    let status: CoverageStatus =
      satisfied >= (point.coveredWhen ?? point.facets.length) ? 'covered' : satisfied >= (point.partialWhen ?? 1) ? 'partial' : 'missing';

    const primary = primarySection(ctx.doc.sections, evidence.map((e) => e.sentence));
    const weakenedBy: string[] = [];
    if (status === 'covered' && point.weakenedBy) {
      let weight = 0;
      for (const f of findings) {
        const w = point.weakenedBy[f.check];
        if (!w || reflectedOn(ctx, f)) continue;
        const scope = checks.get(f.check)?.scope;
        if (scope === 'document' || (primary && f.range.start >= primary.start && f.range.start < primary.end)) {
          weight += w;
          weakenedBy.push(f.check);
        }
      }
      if (weight >= 2) status = 'partial';
      else weakenedBy.length = 0;
    }
    for (const e of evidence) {
      const section = e.sentence.block.section;
      if (!section.heading) continue;
      (sectionPoints.get(section) ?? sectionPoints.set(section, new Set()).get(section)!).add(point.id);
    }
    return {
      id: `${pack.element}/${point.id}`,
      pointId: point.id,
      status,
      evidence: dedupe(evidence).slice(0, MAX_EVIDENCE),
      missingFacets,
      weakenedBy: [...new Set(weakenedBy)],
    } satisfies CoverageEntry;
  });
  const sections: SectionCoverage[] = [];
  for (const section of ctx.doc.sections) {
    if (!section.heading) continue;
    sections.push({ heading: { start: section.heading.start, end: section.heading.end }, title: section.title, pointIds: [...(sectionPoints.get(section) ?? [])] });
  }
  return { entries, sections };
}

function reflectedOn(ctx: AnalysisContext, finding: Finding): boolean {
  const block = ctx.doc.blocks.find((b) => finding.range.start >= b.start && finding.range.start < b.end);
  if (!block) return false;
  return ctx.doc.blocks.some((b) => b.unit === block.unit && b.sentences.some((s) => ctx.has(s, 'reflection-cue')));
}

/**
 * The section where the assessor reads for a point: the most specific headed section
 * (subsections included) that holds at least half of the point's evidence.
 */
function primarySection(sections: Section[], sentences: Sentence[]): Section | undefined {
  if (sentences.length === 0) return undefined;
  let best: Section | undefined;
  for (const section of sections) {
    if (!section.heading) continue;
    const inside = sentences.filter((s) => s.start >= section.start && s.start < section.end).length;
    if (inside * 2 < sentences.length) continue;
    if (!best || section.depth > best.depth || (section.depth === best.depth && section.end - section.start < best.end - best.start)) best = section;
  }
  return best;
}

function dedupe(evidence: Array<Evidence & { sentence: Sentence }>): Evidence[] {
  const seen = new Set<number>();
  const out: Evidence[] = [];
  for (const e of [...evidence].sort((a, b) => a.range.start - b.range.start)) {
    if (seen.has(e.range.start)) continue;
    seen.add(e.range.start);
    out.push({ range: e.range, facet: e.facet });
  }
  return out;
}


