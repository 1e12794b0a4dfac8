/**
 * Linear models for the learned layer, trained deterministically: the same samples give
 * the same weights on every machine (seeded shuffles, fixed epochs, plain IEEE double
 * arithmetic in a fixed order), so a test can retrain and compare with what ships.
 * AdaGrad stochastic gradient descent with L2 shrinkage on the features a step touches.
 */
import { sigmoid, softmax } from '../../server/src/core/learned/model.js';

export interface BinarySample {
  /** Feature indices (distinct), each with the same value `v`. */
  x: number[];
  v: number;
  y: 0 | 1;
  /** Sample weight (default 1). */
  weight?: number;
}

export interface MultiSample {
  x: Map<number, number>;
  y: number;
}

export interface TrainOptions {
  epochs: number;
  rate: number;
  l2: number;
  seed: number;
}

/** A small seeded generator (mulberry32): deterministic shuffles and samples. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export interface BinaryModel {
  bias: number;
  w: Float64Array;
}

export function trainBinary(samples: BinarySample[], features: number, o: TrainOptions): BinaryModel {
  const w = new Float64Array(features);
  const g2 = new Float64Array(features).fill(1e-8);
  let bias = 0;
  let b2 = 1e-8;
  const next = random(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const s of shuffled(samples, next)) {
      let z = bias;
      for (const i of s.x) z += w[i] * s.v;
      const p = sigmoid(z);
      const g = (p - s.y) * (s.weight ?? 1);
      for (const i of s.x) {
        const gi = g * s.v + o.l2 * w[i];
        g2[i] += gi * gi;
        w[i] -= (o.rate * gi) / Math.sqrt(g2[i]);
      }
      b2 += g * g;
      bias -= (o.rate * g) / Math.sqrt(b2);
    }
  }
  return { bias, w };
}

export function predictBinary(model: BinaryModel, s: BinarySample): number {
  let z = model.bias;
  for (const i of s.x) z += model.w[i] * s.v;
  return sigmoid(z);
}

export interface MultiModel {
  bias: Float64Array;
  w: Float64Array[];
}

/** Softmax regression over `classes` classes. */
export function trainMulti(samples: MultiSample[], features: number, classes: number, o: TrainOptions): MultiModel {
  const w = Array.from({ length: classes }, () => new Float64Array(features));
  const g2 = Array.from({ length: classes }, () => new Float64Array(features).fill(1e-8));
  const bias = new Float64Array(classes);
  const b2 = new Float64Array(classes).fill(1e-8);
  const next = random(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const s of shuffled(samples, next)) {
      const p = predictMulti({ bias, w }, s.x);
      for (let k = 0; k < classes; k++) {
        const g = p[k] - (s.y === k ? 1 : 0);
        for (const [i, v] of s.x) {
          const gi = g * v + o.l2 * w[k][i];
          g2[k][i] += gi * gi;
          w[k][i] -= (o.rate * gi) / Math.sqrt(g2[k][i]);
        }
        b2[k] += g * g;
        bias[k] -= (o.rate * g) / Math.sqrt(b2[k]);
      }
    }
  }
  return { bias, w };
}

export function predictMulti(model: MultiModel, x: Map<number, number>): number[] {
  const z = Array.from(model.bias);
  for (let k = 0; k < z.length; k++) for (const [i, v] of x) z[k] += model.w[k][i] * v;
  return softmax(z);
}

/**
 * The lowest threshold at which the (weighted) precision of held-out predictions reaches
 * `target`, with at least `minHits` true positives and not below `floor`; 1 (never
 * fires) when none does.
 */
export function thresholdFor(scored: Array<{ p: number; y: 0 | 1; weight: number }>, target: number, minHits = 3, floor = 0.5): { threshold: number; precision: number; recall: number } {
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  const positives = scored.reduce((n, s) => n + s.y, 0);
  let tp = 0;
  let fp = 0;
  let best = { threshold: 1, precision: 1, recall: 0 };
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i];
    if (s.y) tp++;
    else fp += s.weight;
    if (i + 1 < sorted.length && sorted[i + 1].p === s.p) continue;
    const precision = tp / (tp + fp);
    if (precision >= target && tp >= minHits && s.p >= floor) best = { threshold: s.p, precision, recall: positives ? tp / positives : 0 };
  }
  return best;
}

/** Round for storage: four decimals, so shipped files are small and diff cleanly. */
export function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}
