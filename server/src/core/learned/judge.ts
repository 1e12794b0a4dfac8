import type { AnalysisContext, Hit } from '../context.js';
import type { CheckDefinition } from '../criteria.js';
import type { Sentence } from '../document.js';
import { isQuoted, sentenceIsGuarded } from '../guards.js';
import { sentenceFeatures } from './features.js';
import type { EncodedFeatures } from './model.js';

/**
 * The learned layer's findings for one sentence-level check. Rules find what they can
 * name exactly; the check's model judges the remaining sentences that touch its topic
 * (the `gate` concepts): a brand reduced to "the tick on the vans", a refund promised
 * as "I'd sort her the money back". Guards still hold: a heading, a block quote, a
 * quotation, a refuted or reported claim never fires, whatever the model says.
 *
 * A finding sits on the sentence that shows it. `rules` are the check's rule hits, so
 * one sentence is never reported twice.
 */
export function learnedHits(ctx: AnalysisContext, check: CheckDefinition, rules: Hit[]): Hit[] {
  const model = ctx.criteria.learned;
  if (!model || !check.learned || !model.hasCheck(check.id)) return [];
  const gate = check.learned.gate.map((c) => ctx.concept(c));
  const threshold = model.threshold(check.id);
  const hits: Hit[] = [];
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    const anchors = gate.flatMap((g) => matches.of(g));
    if (anchors.length === 0 || sentenceIsGuarded(ctx, sentence)) continue;
    if (anchors.every((m) => isQuoted(sentence, [m]))) continue;
    if (rules.some((h) => h.range.start < sentence.end && h.range.end > sentence.start)) continue;
    if (model.checkProbability(check.id, featuresOf(ctx, sentence)) < threshold) continue;
    hits.push({ range: { start: sentence.tokens[0].start, end: sentence.tokens[sentence.tokens.length - 1].end } });
  }
  return hits;
}

/** Features of a sentence, encoded once per analysis and shared by every model. */
export function featuresOf(ctx: AnalysisContext, sentence: Sentence): EncodedFeatures {
  let features = ctx.features[sentence.index];
  if (!features) features = ctx.features[sentence.index] = ctx.criteria.learned!.encode(sentenceFeatures(ctx, sentence));
  return features;
}
