import { tokenRange, type Detector, type Hit } from '../context.js';
import { followers, isDirectlyNegated, isQuoted, namesRole, sentenceIsGuarded } from '../guards.js';
import type { AnalysisContext } from '../context.js';
import type { Sentence } from '../document.js';
import { leadIn } from '../learned/features.js';

/**
 * `trigger-without`: the trigger concept occurs but the concept that should accompany
 * it does not, in the same sentence or (with `nextSentence`) the one after it in the
 * same block. "I just pass it on" has an escalation and no named role. With
 * `vagueTarget`, a hand-over to nobody in particular right after the trigger ("I pass
 * it on to someone else in the office") fires even if the sentence names a place.
 */
export const triggerWithout: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'trigger-without') return [];
  const hits: Hit[] = [];
  const trigger = ctx.concept(spec.trigger);
  const without = ctx.concept(spec.without);
  const unless = (spec.unless ?? []).map((c) => ctx.concept(c));
  const vague = spec.vagueTarget ? ctx.concept(spec.vagueTarget) : undefined;
  const models = new Set(ctx.criteria.models.map((m) => m.acronym));
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    if (!matches.has(trigger)) continue;
    if (sentenceIsGuarded(ctx, sentence) || unless.some((c) => matches.has(c))) continue;
    // "I have to escalate when:" introduces the cases, not a hand-over; the steps of a
    // named model ("LISTEN: … Escalate if needed …") are the model's, not a hand-over.
    if (/:$/.test(ctx.doc.text.slice(sentence.start, sentence.end).trimEnd())) continue;
    if (sentence.tokens.some((t) => models.has(t.text))) continue;
    const usable = matches.of(trigger).filter((m) => !isDirectlyNegated(ctx, sentence, m) && !isQuoted(sentence, [m]));
    const toNobody = vague === undefined ? undefined : usable.find((m) => matches.of(vague).some((v) => v.start >= m.start && v.start <= m.end + 1));
    if (toNobody) {
      hits.push({ range: tokenRange(sentence, toNobody.start, toNobody.end) });
      continue;
    }
    if (matches.has(without) || namesRole(sentence)) continue;
    if (spec.nextSentence && following(ctx, sentence).some((n) => ctx.matches[n.index].has(without) || namesRole(n))) continue;
    if (usable[0]) hits.push({ range: tokenRange(sentence, usable[0].start, usable[0].end) });
  }
  return hits;
};

const CONTINUES = new Set(['it', 'this', 'that', 'they', 'these', 'which', 'normally', 'usually', 'so', 'then', 'here']);

/**
 * What completes a sentence: the next sentence in its section, and, when it introduces
 * a list ("If I can't help, I pass it on to:"), the list's items.
 */
function following(ctx: AnalysisContext, sentence: Sentence): Sentence[] {
  const block = sentence.block;
  // The next paragraph continues this one only when it says so ("It goes to…", "This is the…").
  const out = followers(ctx, sentence, 1).filter((n) => n.block === block || CONTINUES.has(n.tokens[0]?.lower ?? ''));
  if (sentence === block.sentences[block.sentences.length - 1] && /:$/.test(block.text.replace(/[*_\s]+$/, ''))) {
    for (let i = block.index + 1; i < ctx.doc.blocks.length && ctx.doc.blocks[i].list; i++) {
      if (leadIn(ctx.doc, ctx.doc.blocks[i]) === block) out.push(...ctx.doc.blocks[i].sentences);
    }
  }
  return out;
}
