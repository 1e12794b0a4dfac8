import type { AnalysisContext, Hit } from '../context.js';
import type { CheckDefinition } from '../criteria.js';
import type { Sentence } from '../document.js';
import { isDeniedAfter, isNegated, isQuoted, namesRole, sentenceIsGuarded } from '../guards.js';
import { clauses } from './features.js';
import type { EncodedFeatures } from './model.js';

/**
 * The learned layer's findings for one sentence-level check. Rules find what they can
 * name exactly; the check's model judges the remaining sentences that touch its topic
 * (the `gate` concepts): a brand reduced to "the tick on the vans", a refund promised
 * as "I'd sort her the money back". Guards still hold: a heading, a block quote, a
 * quotation, a refuted or reported claim, a negated topic ("I'm not able to authorise
 * credit") never fires, whatever the model says, nor does a sentence the check marks
 * correct (`learned.correctWhen`; for an escalation, a named role).
 *
 * A finding sits on the sentence that shows it. `rules` are the check's rule hits, so
 * one sentence is never reported twice.
 */
export function learnedHits(ctx: AnalysisContext, check: CheckDefinition, rules: Hit[]): Hit[] {
  const model = ctx.criteria.learned;
  if (!model || !check.learned || !model.hasCheck(check.id)) return [];
  const gate = check.learned.gate.map((c) => ctx.concept(c));
  // An escalation that names its role (the rule's `without` concept, or a role in
  // capitals) is not unnamed, whatever the model says.
  const spec = check.detector;
  const vetoes = (spec.kind === 'trigger-without' ? [spec.without] : []).map((c) => ctx.concept(c));
  const correctPairs = (check.learned.correctWhen ?? []).map((set) => set.map((c) => ctx.concept(c)));
  const threshold = model.threshold(check.id);
  const hits: Hit[] = [];
  for (const sentence of ctx.doc.sentences) {
    const matches = ctx.matches[sentence.index];
    const anchors = gate.flatMap((g) => matches.of(g));
    if (anchors.length === 0 || sentenceIsGuarded(ctx, sentence)) continue;
    if (anchors.every((m) => isQuoted(sentence, [m])) || anchors.some((m) => isNegated(ctx, sentence, [m]))) continue;
    if (correctPairs.some((pair) => pair.every((c) => matches.has(c)))) continue;
    // "Career progression here is not just office junior to office manager": a denial
    // right after the topic, in the same clause.
    if (check.learned.negationAfter && anchors.some((m) => isDeniedAfter(ctx, sentence, m))) continue;
    if (vetoes.some((v) => matches.has(v)) || (spec.kind === 'trigger-without' && namesRole(sentence))) continue;
    if (rules.some((h) => h.range.start < sentence.end && h.range.end > sentence.start)) continue;
    if (probability(ctx, check.id, sentence) < threshold) continue;
    hits.push({ range: { start: sentence.tokens[0].start, end: sentence.tokens[sentence.tokens.length - 1].end } });
  }
  return hits;
}

const CLAUSE_WORTHY = 0.2;

/** The sentence's probability: its own, or its likeliest clause's when it is long. */
function probability(ctx: AnalysisContext, check: string, sentence: Sentence): number {
  const model = ctx.criteria.learned!;
  let p = model.checkProbability(check, featuresOf(ctx, sentence));
  // A sentence the model finds unremarkable as a whole is not read again clause by clause.
  if (p < CLAUSE_WORTHY) return p;
  for (const clause of clauseFeaturesOf(ctx, sentence)) p = Math.max(p, model.checkProbability(check, clause));
  return p;
}

/** The clauses' features of a long sentence, encoded once per analysis. */
function clauseFeaturesOf(ctx: AnalysisContext, sentence: Sentence): EncodedFeatures[] {
  let encoded = ctx.clauseFeatures[sentence.index];
  if (!encoded) {
    const model = ctx.criteria.learned!;
    encoded = ctx.clauseFeatures[sentence.index] = clauses(sentence).map(([from, to]) => model.encodeSentence(ctx, sentence, from, to));
  }
  return encoded;
}

/** Features of a sentence, encoded once per analysis and shared by every model. */
export function featuresOf(ctx: AnalysisContext, sentence: Sentence): EncodedFeatures {
  let features = ctx.features[sentence.index];
  if (!features) features = ctx.features[sentence.index] = ctx.criteria.learned!.encodeSentence(ctx, sentence);
  return features;
}
