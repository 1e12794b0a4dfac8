import type { Detector } from '../context.js';
import { isNegated } from '../guards.js';

/**
 * `document-absence`: the document discusses one thing (`when`, at least `minMentions`
 * times) but never another (`absent` anywhere, or `absentNear` in the sections where the
 * first is discussed: a stray "training" elsewhere is not an internal factor). Placed at the first heading whose section
 * mentions `placeAt`, else at the first heading, else at the start of the prose.
 */
export const documentAbsence: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'document-absence') return [];
  const sentences = ctx.doc.sentences.filter((s) => !s.block.references);
  if (sentences.length === 0) return [];
  // The learner names their workplace in the front matter (`workplace:`): the answer is about it.
  const fm = ctx.doc.frontMatter?.data ?? {};
  if ((spec.unlessFrontMatter ?? []).some((key) => typeof fm[key] === 'string' && (fm[key] as string).trim())) return [];
  const sections = new Set<number>();
  if (spec.when) {
    const when = ctx.concept(spec.when);
    let mentions = 0;
    for (const s of sentences) {
      if (s.block.kind === 'heading') continue;
      // "I don't see customers face to face": a denial is not a discussion.
      const n = ctx.matches[s.index].of(when).filter((m) => !isNegated(ctx, s, [m], 6)).length;
      mentions += n;
      if (n) sections.add(s.block.section.index);
    }
    if (mentions < (spec.minMentions ?? 1)) return [];
  }
  const absent = spec.absent.map((c) => ctx.concept(c));
  if (sentences.some((s) => absent.some((c) => ctx.matches[s.index].has(c)))) return [];
  const near = (spec.absentNear ?? []).map((c) => ctx.concept(c));
  if (sentences.some((s) => sections.has(s.block.section.index) && near.some((c) => ctx.matches[s.index].has(c)))) return [];
  const place = spec.placeAt ? ctx.concept(spec.placeAt) : undefined;
  const headings = ctx.doc.sections.filter((s) => s.heading && !s.heading.references);
  const section =
    (place !== undefined && headings.find((s) => s.blocks.some((b) => b.sentences.some((x) => ctx.matches[x.index].has(place))))) || headings[0];
  const anchor = section?.heading ?? sentences[0].block;
  return [{ range: { start: anchor.start, end: anchor.end } }];
};
