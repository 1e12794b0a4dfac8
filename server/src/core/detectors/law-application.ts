import type { Detector, Hit } from '../context.js';
import type { Block } from '../document.js';

/**
 * `law-application`: a paragraph (or table row, or list item) cites a law but contains
 * no sign of a concrete service situation: no example, no "when/if a customer…", no
 * first-person practice, no figure other than the law's own year. Headings, quotations
 * and the reference list are not discussion and are skipped.
 */
export const lawApplication: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'law-application') return [];
  const require = ctx.concept(spec.require);
  const byUnit = new Map<number, typeof ctx.laws>();
  for (const c of ctx.laws) {
    const b = c.sentence.block;
    if (b.kind === 'heading' || b.quoted || b.references) continue;
    (byUnit.get(b.unit) ?? byUnit.set(b.unit, []).get(b.unit)!).push(c);
  }
  const hits: Hit[] = [];
  for (const [unit, citations] of byUnit) {
    const blocks: Block[] = ctx.doc.blocks.filter((b) => b.unit === unit);
    const applied = blocks.some((b) =>
      b.sentences.some((s) =>
        ctx.matches[s.index]
          .of(require)
          .some((m) => !citations.some((c) => c.sentence === s && m.start < c.end && m.end > c.start)),
      ),
    );
    if (!applied) hits.push({ range: { start: blocks[0].start, end: blocks[blocks.length - 1].end } });
  }
  return hits;
};
