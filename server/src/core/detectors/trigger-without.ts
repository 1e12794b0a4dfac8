import { tokenRange, type Detector, type Hit } from '../context.js';
import { isDirectlyNegated, isQuoted, sentenceIsGuarded } from '../guards.js';

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
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    if (!matches.has(trigger)) continue;
    if (sentenceIsGuarded(ctx, sentence) || unless.some((c) => matches.has(c))) continue;
    const usable = matches.of(trigger).filter((m) => !isDirectlyNegated(ctx, sentence, m) && !isQuoted(sentence, [m]));
    const toNobody = vague === undefined ? undefined : usable.find((m) => matches.of(vague).some((v) => v.start >= m.start && v.start <= m.end + 1));
    if (toNobody) {
      hits.push({ range: tokenRange(sentence, toNobody.start, toNobody.end) });
      continue;
    }
    if (matches.has(without)) continue;
    const next = spec.nextSentence ? ctx.nextInBlock(sentence) : undefined;
    if (next && ctx.matches[next.index].has(without)) continue;
    if (usable[0]) hits.push({ range: tokenRange(sentence, usable[0].start, usable[0].end) });
  }
  return hits;
};
