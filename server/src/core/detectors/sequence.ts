import type { SequenceSlot } from '../criteria.js';
import { tokenRange, type AnalysisContext, type Detector, type Hit } from '../context.js';
import type { Sentence } from '../document.js';
import type { Match } from '../lexicon.js';
import { isNegated, isQuoted, sentenceIsGuarded } from '../guards.js';

/**
 * `sequence`: concepts in order within one sentence, each at most `maxGap` words after
 * the previous one (default 3), never across a semicolon (nor a comma for a slot marked
 * `sameClause`), and with no `gapExcludes`
 * concept in the gap. "brand" → "is" → "logo" finds "our brand is basically the logo".
 * Guarded sentences, quotations and negations (unless a pattern opts out because its
 * own words are negative, as in "don't have to worry about it") never fire, nor does a
 * sentence with an `unless` concept. A pattern may also `require` concepts anywhere in
 * the sentence ("I gave him a voucher … although I am not supposed to").
 */
export const sequence: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'sequence') return [];
  const hits: Hit[] = [];
  const unless = (spec.unless ?? []).map((c) => ctx.concept(c));
  for (const sentence of ctx.doc.sentences) {
    if (sentenceIsGuarded(ctx, sentence)) continue;
    const matches = ctx.matches[sentence.index];
    if (unless.some((c) => matches.has(c))) continue;
    for (const pattern of spec.patterns) {
      if (pattern.requires && !pattern.requires.every((c) => matches.has(ctx.concept(c)))) continue;
      const parts = findSequence(ctx, sentence, pattern.slots);
      if (!parts) continue;
      if (pattern.negation !== false && isNegated(ctx, sentence, parts)) continue;
      if (isQuoted(sentence, parts)) continue;
      hits.push({ range: tokenRange(sentence, parts[0].start, parts[parts.length - 1].end) });
      break;
    }
  }
  return hits;
};

function findSequence(ctx: AnalysisContext, sentence: Sentence, slots: SequenceSlot[]): Match[] | undefined {
  const matches = ctx.matches[sentence.index];
  const first = matches.of(ctx.concept(slots[0].concept));
  for (const start of first) {
    const parts = [start];
    for (let k = 1; k < slots.length; k++) {
      const slot = slots[k];
      const prevEnd = parts[parts.length - 1].end;
      const gapMax = slot.maxGap ?? 3;
      const excluded = (slot.gapExcludes ?? []).map((c) => ctx.concept(c));
      const next = matches.of(ctx.concept(slot.concept)).find((m) => {
        if (m.start < prevEnd || m.start - prevEnd > gapMax) return false;
        for (let i = prevEnd; i <= m.start; i++) {
          const before = sentence.tokens[i].before;
          if (before.includes(';') || (slot.sameClause && before.includes(','))) return false;
        }
        return !excluded.some((c) => matches.of(c).some((e) => e.start >= prevEnd && e.end <= m.start));
      });
      if (!next) break;
      parts.push(next);
    }
    if (parts.length === slots.length) return parts;
  }
  return undefined;
}


