import type { AnalysisContext } from './context.js';
import type { CheckDefinition, Pack } from './criteria.js';
import type { Section, Sentence } from './document.js';
import { featuresOf } from './learned/judge.js';
import type { CoverageEntry, CoverageStatus, Evidence, Finding, OffsetRange, SectionCoverage } from './types.js';

/**
 * Coverage of marking points, judged as `shared/spec/coverage.md` says an assessor does.
 * Each point lists facets (the parts of the examiner's wording: "mission", "values",
 * "customer groups"), each a set of concepts; a facet is evidenced by the sentences of
 * prose that mention one of them (not headings without prose under them, nor the
 * reference list).
 *   - covered: the `required` facets and at least `coveredWhen` facets (default all)
 *     are evidenced, and at least one evidencing sentence is *applied*: about the
 *     writer's own organisation or a real situation, not a bare hypothetical or a
 *     list of names;
 *   - partial: at least `partialWhen` facets (default one), or covered but never
 *     applied, or held back by a misconception;
 *   - missing: fewer.
 * A covered point is held back to partial when misconceptions about it weigh 2 or more
 * (`weakenedBy`): document-level findings always count, others when they stand in the
 * passage (the section under the nearest heading, or the whole text without headings)
 * that evidences the point. A mistake the learner recognises in the same paragraph
 * ("I have not always got this right… I should have phoned…") is still reported, but
 * shows understanding and holds nothing back.
 */
const MAX_EVIDENCE = 12;
/** A list item or table cell this short names a thing; it does not explain or apply it. */
const NAMED_ONLY_WORDS = 6;

export function coverageOf(ctx: AnalysisContext, pack: Pack, findings: Finding[], checks: Map<string, CheckDefinition>, learned = true): { entries: CoverageEntry[]; sections: SectionCoverage[] } {
  // Prose sentences: a heading, the question a learner answers, evidences nothing on its own.
  const prose = ctx.doc.sentences.filter((s) => !s.block.references && s.block.kind !== 'heading');
  const sectionPoints = new Map<Section, Set<string>>();
  const headed = ctx.doc.sections.flatMap((s) => (s.heading ? [s.heading] : []));
  const entries = pack.markingPoints.map((point) => {
    const evidence: Array<Evidence & { sentence: Sentence }> = [];
    const missingFacets: string[] = [];
    let satisfied = 0;
    let requiredMissing = false;
    for (const facet of point.facets) {
      const handles = facet.concepts.map((c) => ctx.concept(c));
      const found = prose.filter((s) => handles.some((h) => ctx.matches[s.index].has(h)) && !(facet.realised && ctx.has(s, 'hypothetical')));
      if (found.length >= (facet.min ?? 1)) {
        satisfied++;
        for (const s of found) evidence.push({ range: { start: s.start, end: s.end }, facet: facet.id, sentence: s });
      } else {
        missingFacets.push(facet.label);
        if (facet.required) requiredMissing = true;
      }
    }
    const coveredWhen = point.coveredWhen ?? point.facets.length;
    let status: CoverageStatus = satisfied >= coveredWhen && !requiredMissing ? 'covered' : satisfied >= (point.partialWhen ?? 1) ? 'partial' : 'missing';
    // The learned layer reads evidence in words no facet lists: enough to say the point
    // is begun (partial), never enough on its own to call it covered.
    const model = learned ? ctx.criteria.learned : undefined;
    if (status === 'missing' && model) {
      const id = `${pack.element}/${point.id}`;
      const read = prose.filter((s) => model.evidences(id, featuresOf(ctx, s)));
      if (read.length > 0) {
        status = 'partial';
        for (const s of read) evidence.push({ range: { start: s.start, end: s.end }, facet: 'learned', sentence: s });
      }
    }
    if (status === 'covered' && !evidence.some((e) => isApplied(ctx, e.sentence))) status = 'partial';

    const weakenedBy: string[] = [];
    /** Where the findings that hold the point back stand. */
    const heldBackAt: number[] = [];
    if (status === 'covered' && point.weakenedBy) {
      let weight = 0;
      const evidenced = new Set(evidence.map((e) => passageOf(ctx, e.sentence.block.section)));
      for (const f of findings) {
        const w = point.weakenedBy[f.check];
        if (!w || reflectedOn(ctx, f)) continue;
        const scope = checks.get(f.check)?.scope;
        const block = blockAt(ctx, f.range.start);
        if (scope !== 'document' && !(block && evidenced.has(passageOf(ctx, block.section)))) continue;
        if (point.unlessEvidencedElsewhere?.includes(f.check) && evidence.some((e) => !findings.some((g) => g.check === f.check && blockAt(ctx, g.range.start)?.unit === e.sentence.block.unit))) continue;
        weight += w;
        weakenedBy.push(f.check);
        heldBackAt.push(f.range.start);
      }
      if (weight >= 2) status = 'partial';
      else {
        weakenedBy.length = 0;
        heldBackAt.length = 0;
      }
    }
    for (const e of evidence) {
      const section = e.sentence.block.section;
      if (!section.heading) continue;
      (sectionPoints.get(section) ?? sectionPoints.set(section, new Set()).get(section)!).add(point.id);
    }
    const kept = dedupe(evidence).slice(0, MAX_EVIDENCE);
    const section = primarySection(headed, heldBackAt, kept.map((e) => e.range.start));
    return {
      id: `${pack.element}/${point.id}`,
      pointId: point.id,
      status,
      evidence: kept,
      missingFacets,
      weakenedBy: [...new Set(weakenedBy)],
      ...(section ? { section: { start: section.start, end: section.end } } : {}),
    } satisfies CoverageEntry;
  });
  const sections: SectionCoverage[] = [];
  for (const section of ctx.doc.sections) {
    if (!section.heading) continue;
    sections.push({ heading: { start: section.heading.start, end: section.heading.end }, title: section.title, pointIds: [...(sectionPoints.get(section) ?? [])] });
  }
  return { entries, sections };
}

/**
 * The section a marking point is read in, given by its heading; the editor's coverage
 * hint sits on that heading. It is the headed section (from its heading to the next
 * heading) that holds most of the findings holding the point back or, when none do,
 * most of its evidence; the first of equals. Undefined when no headed section holds
 * any. `headings` are the document's headings in order.
 */
export function primarySection(headings: readonly OffsetRange[], heldBackAt: readonly number[], evidenceAt: readonly number[]): OffsetRange | undefined {
  return holdingMost(headings, heldBackAt) ?? holdingMost(headings, evidenceAt);
}

function holdingMost(headings: readonly OffsetRange[], offsets: readonly number[]): OffsetRange | undefined {
  let best: OffsetRange | undefined;
  let most = 0;
  headings.forEach((heading, i) => {
    const end = headings[i + 1]?.start ?? Number.POSITIVE_INFINITY;
    const n = offsets.filter((o) => o >= heading.start && o < end).length;
    if (n > most) {
      most = n;
      best = heading;
    }
  });
  return best;
}

/**
 * Applied: the sentence ties the point to the writer's own organisation or a real
 * situation (first person, the workplace, a named place or person, a figure), and is
 * not a bare hypothetical or a short list entry that only names the thing.
 */
function isApplied(ctx: AnalysisContext, s: Sentence): boolean {
  if ((s.block.kind === 'listItem' || s.block.kind === 'tableCell') && s.tokens.length < NAMED_ONLY_WORDS) {
    // A short row of a table is read with the rest of its row.
    if (!(s.block.table && ctx.doc.blocks.some((b) => b.unit === s.block.unit && b !== s.block && b.sentences.some((o) => o.tokens.length >= NAMED_ONLY_WORDS)))) return false;
  }
  if (ctx.has(s, 'first-person') || ctx.has(s, 'workplace') || ctx.has(s, '#number')) return true;
  return s.tokens.some((t, i) => i > 0 && /^\p{Lu}\p{Ll}/u.test(t.text) && !/[.!?:]$/.test(t.before) && t.lower !== 'i');
}

/** The passage an assessor reads a point in: the section under the nearest heading (the whole text when there are none). */
function passageOf(ctx: AnalysisContext, section: Section): Section | undefined {
  return ctx.doc.sections.some((s) => s.heading) ? section : undefined;
}

function blockAt(ctx: AnalysisContext, offset: number) {
  return ctx.doc.blocks.find((b) => offset >= b.start && offset < b.end);
}

function reflectedOn(ctx: AnalysisContext, finding: Finding): boolean {
  const block = blockAt(ctx, finding.range.start);
  if (!block) return false;
  return ctx.doc.blocks.some((b) => b.unit === block.unit && b.sentences.some((s) => ctx.has(s, 'reflection-cue')));
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


