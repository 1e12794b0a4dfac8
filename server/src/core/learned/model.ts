/**
 * The learned layer's weights, as shipped in `criteria/learned/model.json` and written
 * by `npm run train`. Linear models over the readable features of `features.ts`:
 *   - one logistic model per sentence-level check: the probability that a sentence
 *     which mentions the check's topic (its gate) states the misconception; the check
 *     fires at or above its `threshold`, chosen on held-out data for precision;
 *   - one logistic model per marking point: the probability that a sentence evidences
 *     it, however it is worded ("we put the kettle on for the drivers" is an internal
 *     customer), with a threshold chosen the same way;
 *   - one softmax model over the elements, from a document's words and its title.
 * Weights are sparse: `[featureIndex, weight]` pairs into the shared `features` list.
 */
import type { AnalysisContext } from '../context.js';
import type { Sentence } from '../document.js';
import { FeatureEncoder, sentenceValue, type EncodedFeatures } from './encoder.js';

export type { EncodedFeatures };

export interface LinearModelData {
  bias: number;
  weights: Array<[number, number]>;
}

export interface CheckModelData extends LinearModelData {
  threshold: number;
}

export interface LearnedModelData {
  version: 1;
  /** Every feature any model weighs, sorted. */
  features: string[];
  checks: Record<string, CheckModelData>;
  /** One model per marking point (`<element>/<point>`): does a sentence evidence it? */
  points?: Record<string, CheckModelData>;
  elements: { labels: string[]; models: LinearModelData[] };
}

class Linear {
  readonly weights = new Map<number, number>();
  constructor(readonly bias: number, pairs: Array<[number, number]>) {
    for (const [i, w] of pairs) this.weights.set(i, w);
  }

  /** Raw score of a feature vector given as indices with one value each. */
  score(indices: number[], value: number): number {
    let z = this.bias;
    for (const i of indices) z += (this.weights.get(i) ?? 0) * value;
    return z;
  }

  scoreCounts(vector: Map<number, number>): number {
    let z = this.bias;
    for (const [i, v] of vector) z += (this.weights.get(i) ?? 0) * v;
    return z;
  }
}

export interface ElementScore {
  element: string;
  probability: number;
}

export class LearnedModel {
  private readonly index = new Map<string, number>();
  private readonly checkModels = new Map<string, { model: Linear; threshold: number }>();
  private readonly pointModels = new Map<string, { model: Linear; threshold: number }>();
  private readonly elementModels: Array<{ element: string; model: Linear }>;
  private readonly encoder: FeatureEncoder;

  constructor(data: LearnedModelData) {
    data.features.forEach((f, i) => this.index.set(f, i));
    for (const [id, m] of Object.entries(data.checks)) this.checkModels.set(id, { model: new Linear(m.bias, m.weights), threshold: m.threshold });
    for (const [id, m] of Object.entries(data.points ?? {})) this.pointModels.set(id, { model: new Linear(m.bias, m.weights), threshold: m.threshold });
    this.elementModels = data.elements.labels.map((element, k) => ({ element, model: new Linear(data.elements.models[k].bias, data.elements.models[k].weights) }));
    this.encoder = new FeatureEncoder(this.index, data.features.length);
  }

  hasCheck(id: string): boolean {
    return this.checkModels.has(id);
  }

  threshold(id: string): number {
    return this.checkModels.get(id)?.threshold ?? Infinity;
  }

  /** Probability that the sentence with these features (`encode`d) states check `id`'s misconception. */
  checkProbability(id: string, features: EncodedFeatures): number {
    const entry = this.checkModels.get(id);
    if (!entry) return 0;
    return sigmoid(entry.model.score(features.indices, features.value));
  }

  /** Does a sentence with these features evidence marking point `id` (`<element>/<point>`)? */
  evidences(id: string, features: EncodedFeatures): boolean {
    const entry = this.pointModels.get(id);
    if (!entry) return false;
    return sigmoid(entry.model.score(features.indices, features.value)) >= entry.threshold;
  }

  /**
   * A sentence's features (or those of its tokens `from`–`to`) as this model's indices,
   * encoded once and shared by every model: the same as `encode(sentenceFeatures(…))`.
   */
  encodeSentence(ctx: AnalysisContext, sentence: Sentence, from?: number, to?: number): EncodedFeatures {
    return this.encoder.encode(ctx, sentence, from, to);
  }

  /** Readable features (`sentenceFeatures`) as this model's indices. */
  encode(features: string[]): EncodedFeatures {
    return { indices: this.indices(features), value: sentenceValue(features.length) };
  }

  /** Element probabilities for a document's feature counts, most likely first. */
  elementScores(counts: Map<string, number>): ElementScore[] {
    const vector = documentVector(counts, this.index);
    const z = this.elementModels.map((e) => e.model.scoreCounts(vector));
    return softmax(z)
      .map((probability, k) => ({ element: this.elementModels[k].element, probability }))
      .sort((a, b) => b.probability - a.probability || a.element.localeCompare(b.element));
  }

  private indices(features: string[]): number[] {
    const out: number[] = [];
    for (const f of features) {
      const i = this.index.get(f);
      if (i !== undefined) out.push(i);
    }
    return out;
  }
}

/** A document's counts as a unit-length vector of log-scaled counts (features the model knows). */
export function documentVector(counts: Map<string, number>, index: Map<string, number>): Map<number, number> {
  const vector = new Map<number, number>();
  let norm = 0;
  for (const [f, n] of counts) {
    const i = index.get(f);
    if (i === undefined) continue;
    const v = 1 + Math.log(n);
    vector.set(i, v);
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [i, v] of vector) vector.set(i, v * scale);
  return vector;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}
