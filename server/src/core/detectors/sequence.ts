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
  // Concept handles looked up once per analysis, not once per sentence.
  const patterns = spec.patterns.map((p) => ({
    negation: p.negation,
    requires: (p.requires ?? []).map((c) => ctx.concept(c)),
    slots: p.slots.map((slot) => ({ slot, concept: ctx.concept(slot.concept), gapExcludes: (slot.gapExcludes ?? []).map((c) => ctx.concept(c)) })),
  }));
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    // Cheapest first: a sentence that lacks a pattern's first concept cannot match it.
    if (!patterns.some((p) => matches.has(p.slots[0].concept))) continue;
    if (sentenceIsGuarded(ctx, sentence)) continue;
    if (unless.some((c) => matches.has(c))) continue;
    for (const pattern of patterns) {
      if (!pattern.requires.every((c) => matches.has(c))) continue;
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

interface Slot {
  slot: SequenceSlot;
  concept: number;
  gapExcludes: number[];
}

function findSequence(ctx: AnalysisContext, sentence: Sentence, slots: Slot[]): Match[] | undefined {
  const matches = ctx.matches[sentence.index];
  for (const slot of slots) if (!matches.has(slot.concept)) return undefined;
  const candidates = slots.map((slot) => matches.of(slot.concept));
  // Depth-first over the (few) candidates of each slot, so an early "is" that leads
  // nowhere does not hide a later "is the same thing as" that does.
  const parts: Match[] = [];
  const extend = (k: number): boolean => {
    if (k === slots.length) return true;
    const slot = slots[k];
    const prevEnd = k === 0 ? 0 : parts[k - 1].end;
    for (const m of candidates[k]) {
      if (k > 0 && !fits(ctx, sentence, slot, prevEnd, m)) continue;
      parts.push(m);
      if (extend(k + 1)) return true;
      parts.pop();
    }
    return false;
  };
  return extend(0) ? parts : undefined;
}

function fits(ctx: AnalysisContext, sentence: Sentence, { slot, gapExcludes }: Slot, prevEnd: number, m: Match): boolean {
  if (m.start < prevEnd || m.start - prevEnd > (slot.maxGap ?? 3)) return false;
  for (let i = prevEnd; i <= m.start && i < sentence.tokens.length; i++) {
    const before = sentence.tokens[i].before;
    if (before.includes(';') || (slot.sameClause && before.includes(','))) return false;
  }
  const matches = ctx.matches[sentence.index];
  return !gapExcludes.some((c) => matches.of(c).some((e) => e.start >= prevEnd && e.end <= m.start));
}
