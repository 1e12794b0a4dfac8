import type { Detector, Hit } from '../context.js';
import type { Block, Sentence } from '../document.js';
import type { LawCitation } from '../laws.js';
import { leadIn } from '../learned/features.js';

/**
 * `law-application`: a paragraph (or table row, or list item) cites a law but does not
 * apply it to a concrete service situation. A unit counts as applied when it has
 *   - a sign of a situation (`require`: "for example", "when a customer…", "so we…", a
 *     figure other than the law's own year), not counting an "e.g." that only
 *     introduces the law itself; or
 *   - in a table row, another cell that says what is done (five words or more); or
 *   - enough content of its own (`minContentWords` words that are neither generic law
 *     talk nor part of a citation) with someone acting in it (`actor`).
 * Headings, quotations and the reference list are not discussion and are skipped.
 */
export const lawApplication: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'law-application') return [];
  const require = ctx.concept(spec.require);
  const generic = spec.generic ? ctx.concept(spec.generic) : undefined;
  const actor = spec.actor ? ctx.concept(spec.actor) : undefined;
  const byUnit = new Map<number, LawCitation[]>();
  for (const c of ctx.laws) {
    const b = c.sentence.block;
    if (b.kind === 'heading' || b.quoted || b.references) continue;
    (byUnit.get(b.unit) ?? byUnit.set(b.unit, []).get(b.unit)!).push(c);
  }
  const hits: Hit[] = [];
  for (const [unit, citations] of byUnit) {
    const blocks: Block[] = ctx.doc.blocks.filter((b) => b.unit === unit);
    // A lead-in ("To comply with the Act we:") is applied by the list it introduces.
    const last = blocks[blocks.length - 1];
    if (last.kind === 'paragraph' && /:$/.test(last.text.replace(/[*_\s]+$/, ''))) {
      for (let i = last.index + 1; i < ctx.doc.blocks.length && ctx.doc.blocks[i].list; i++) {
        if (leadIn(ctx.doc, ctx.doc.blocks[i]) === last) blocks.push(ctx.doc.blocks[i]);
      }
    }
    const sentences = blocks.flatMap((b) => b.sentences);
    // A word inside a citation, or an "e.g." that only introduces one, is not application.
    const inCitation = (s: Sentence, start: number, end: number) => citations.some((c) => c.sentence === s && start < c.end && end >= c.start - 1);
    const marked = sentences.some((s) => ctx.matches[s.index].of(require).some((m) => !inCitation(s, m.start, m.end)));
    if (marked) continue;
    const lawCells = new Set(citations.map((c) => c.sentence.block));
    if (blocks[0].table && blocks.some((b) => !lawCells.has(b) && !b.table?.header && b.sentences.reduce((n, s) => n + s.tokens.length, 0) >= 5)) continue;
    if (generic !== undefined && actor !== undefined) {
      let content = 0;
      let acting = false;
      for (const s of sentences) {
        const m = ctx.matches[s.index];
        if (m.has(actor)) acting = true;
        const general = new Set<number>();
        for (const g of m.of(generic)) for (let i = g.start; i < g.end; i++) general.add(i);
        s.tokens.forEach((t, i) => {
          if (!general.has(i) && !inCitation(s, i, i + 1) && /\p{L}/u.test(t.text)) content++;
        });
      }
      if (acting && content >= (spec.minContentWords ?? 6)) continue;
    }
    const own = blocks.filter((b) => b.unit === unit);
    hits.push({ range: { start: own[0].start, end: own[own.length - 1].end } });
  }
  return hits;
};
