import { tokenRange, type Detector, type Hit } from '../context.js';
import { isDirectlyNegated, isQuoted, sentenceIsGuarded } from '../guards.js';

/**
 * `trigger-without`: the trigger concept occurs but the concept that should accompany
 * it does not, in the same sentence or (with `nextSentence`) the one after it in the
 * same block. "I just pass it on" has an escalation and no named role.
 */
export const triggerWithout: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'trigger-without') return [];
  const hits: Hit[] = [];
  const trigger = ctx.concept(spec.trigger);
  const without = ctx.concept(spec.without);
  const unless = (spec.unless ?? []).map((c) => ctx.concept(c));
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    if (!matches.has(trigger) || matches.has(without)) continue;
    if (sentenceIsGuarded(ctx, sentence) || unless.some((c) => matches.has(c))) continue;
    const next = spec.nextSentence ? ctx.nextInBlock(sentence) : undefined;
    if (next && ctx.matches[next.index].has(without)) continue;
    const found = matches.of(trigger).find((m) => !isDirectlyNegated(ctx, sentence, m) && !isQuoted(sentence, [m]));
    if (found) hits.push({ range: tokenRange(sentence, found.start, found.end) });
  }
  return hits;
};
