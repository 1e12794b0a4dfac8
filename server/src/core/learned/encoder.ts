import type { AnalysisContext } from '../context.js';
import type { Block, DocumentModel, Sentence } from '../document.js';
import { blockFeatures, piecesOf, walkSentenceFeatures, type FeatureSink } from './features.js';

/** A sentence's features as a model's indices, each once, with the value every one carries. */
export interface EncodedFeatures {
  indices: number[];
  value: number;
}

/** Each feature of a sentence has the same value, scaled so long and short sentences weigh alike. */
export function sentenceValue(count: number): number {
  return count > 0 ? 1 / Math.sqrt(count) : 0;
}

/** Interned features the model does not weigh, before the tables start again. */
const MAX_UNKNOWN = 400_000;
/** Pair keys are `a * PAIR + b`: larger than any number the tables hand out (known + MAX_UNKNOWN + a sentence). */
const PAIR = 2 ** 21;

/**
 * Encodes a sentence straight into a model's feature indices. It walks the same features
 * as `sentenceFeatures` (features.ts), in the same order, and gives exactly what
 * `encode(sentenceFeatures(…))` gives; but it gives every distinct feature a number once
 * (a word's stem, its pieces, a pair of words, a concept) and then works with numbers, so
 * re-reading a document on each keystroke builds no strings. Features the model does not
 * weigh still count towards the sentence's value, so they are numbered too; the tables
 * start again when those grow past MAX_UNKNOWN, so a long editing session stays bounded.
 */
export class FeatureEncoder implements FeatureSink {
  private interned = new Map<string, number>();
  private words = new Map<string, number>();
  private pairs = new Map<number, number>();
  private pieceIds = new Map<string, number[]>();
  private concepts: number[] = [];
  private conceptPairs = new Map<number, number>();
  private blocks = new WeakMap<Block, number[]>();
  private next: number;
  private seen = new Int32Array(0);
  private generation = 0;
  private out: number[] = [];
  private count = 0;

  constructor(
    private readonly known: Map<string, number>,
    private readonly knownCount: number,
    private readonly maxUnknown = MAX_UNKNOWN,
  ) {
    this.next = knownCount;
  }

  encode(ctx: AnalysisContext, sentence: Sentence, from?: number, to?: number): EncodedFeatures {
    if (this.next - this.knownCount > this.maxUnknown) this.reset();
    this.generation++;
    this.out = [];
    this.count = 0;
    walkSentenceFeatures(ctx, sentence, this, from, to);
    return { indices: this.out, value: sentenceValue(this.count) };
  }

  /** Features numbered that the model does not weigh (bounded by `maxUnknown` plus one sentence's). */
  get unknownCount(): number {
    return this.next - this.knownCount;
  }

  word(stem: string, previous: string): void {
    let w = this.words.get(stem);
    if (w === undefined) this.words.set(stem, (w = this.id('w:' + stem)));
    this.add(w);
    if (previous) {
      const p = this.words.get(previous)!;
      const key = p * PAIR + w;
      let b = this.pairs.get(key);
      if (b === undefined) this.pairs.set(key, (b = this.id('b:' + previous + '_' + stem)));
      this.add(b);
    }
  }

  pieces(lower: string): void {
    let ids = this.pieceIds.get(lower);
    if (!ids) this.pieceIds.set(lower, (ids = piecesOf(lower).map((p) => this.id(p))));
    for (const id of ids) this.add(id);
  }

  concept(id: number, name: string): void {
    let k = this.concepts[id];
    if (k === undefined) k = this.concepts[id] = this.id('k:' + name);
    this.add(k);
  }

  conceptPair(a: number, b: number, nameA: string, nameB: string): void {
    const key = a * PAIR + b;
    let k = this.conceptPairs.get(key);
    if (k === undefined) this.conceptPairs.set(key, (k = this.id('kk:' + nameA + '+' + nameB)));
    this.add(k);
  }

  fixed(feature: string): void {
    this.add(this.id(feature));
  }

  block(doc: DocumentModel, block: Block): void {
    let ids = this.blocks.get(block);
    if (!ids) this.blocks.set(block, (ids = blockFeatures(doc, block).map((f) => this.id(f))));
    for (const id of ids) this.add(id);
  }

  private id(feature: string): number {
    const known = this.known.get(feature);
    if (known !== undefined) return known;
    let id = this.interned.get(feature);
    if (id === undefined) this.interned.set(feature, (id = this.next++));
    return id;
  }

  private add(id: number): void {
    if (id >= this.seen.length) {
      const grown = new Int32Array(Math.max(1024, (this.next + 1) * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (this.seen[id] === this.generation) return;
    this.seen[id] = this.generation;
    this.count++;
    if (id < this.knownCount) this.out.push(id);
  }

  private reset(): void {
    this.interned = new Map();
    this.words = new Map();
    this.pairs = new Map();
    this.pieceIds = new Map();
    this.concepts = [];
    this.conceptPairs = new Map();
    this.blocks = new WeakMap();
    this.next = this.knownCount;
  }
}
