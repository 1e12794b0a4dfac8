import type { AnalysisContext } from '../context.js';
import type { Block, DocumentModel, Sentence } from '../document.js';
import { CLAUSE_BREAK } from '../guards.js';

/**
 * Features of the learned layer. The same functions feed training (scripts/train.ts)
 * and analysis, so a model always sees what it was trained on. Every feature is a
 * short readable string, so a reviewer can read the weights:
 *   - `w:<stem>` a word (normalised, then Porter-stemmed), `b:<stem>_<stem>` a pair of
 *     neighbouring words;
 *   - `c:<chars>` a four-letter piece of a word with its boundaries (`^man`, `ment$`),
 *     which carries misspelt and unseen forms towards the words they resemble;
 *   - `k:<concept>` a concept of the lexicon matched in the sentence, and `kk:<a>+<b>`
 *     two concepts matched together;
 *   - `h:<stem>` a word of the heading the sentence sits under, `l:<stem>` a word of a
 *     list's lead-in ("Our objectives:"), `t:<stem>` a word of a table column's header:
 *     what the passage is for;
 *   - `x:<shape>` the sentence's shape: a list item, a table cell, a number, a colon.
 */

const MAX_CONTEXT_WORDS = 8;

/**
 * What the feature walk emits, in order. Two sinks read it: `sentenceFeatures` builds the
 * readable strings (training, and the weights a reviewer reads), and the model's encoder
 * (`FeatureEncoder` in encoder.ts) turns the same walk straight into indices without
 * building a string per word, which is what analysis needs on every keystroke.
 */
export interface FeatureSink {
  /** `w:<stem>`, and `b:<previous>_<stem>` when there is a previous word. */
  word(stem: string, previous: string): void;
  /** The `c:` pieces of a word (`piecesOf`). */
  pieces(lower: string): void;
  /** `k:<concept>`. */
  concept(id: number, name: string): void;
  /** `kk:<a>+<b>`, the names in sorted order. */
  conceptPair(a: number, b: number, nameA: string, nameB: string): void;
  /** A fixed feature (`x:list`…). */
  fixed(feature: string): void;
  /** The `h:`, `l:` and `t:` features of the block the sentence sits in (`blockFeatures`). */
  block(doc: DocumentModel, block: Block): void;
}

/** Walks a sentence's features (or those of the token range `from`–`to`) into `sink`. */
export function walkSentenceFeatures(ctx: AnalysisContext, sentence: Sentence, sink: FeatureSink, from = 0, to = sentence.tokens.length): void {
  const whole = from === 0 && to === sentence.tokens.length;
  const tokens = sentence.tokens;
  let previous = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i];
    const stem = isNumber(token.lower) ? '#' : token.stem;
    sink.word(stem, previous);
    previous = stem;
    sink.pieces(token.lower);
  }
  const lexicon = ctx.criteria.lexicon;
  const matches = ctx.matches[sentence.index];
  const concepts = [...matches.concepts()]
    .filter((id) => whole || matches.of(id).some((m) => m.start >= from && m.end <= to))
    .sort((a, b) => (lexicon.ids[a] < lexicon.ids[b] ? -1 : lexicon.ids[a] > lexicon.ids[b] ? 1 : 0));
  for (let i = 0; i < concepts.length; i++) {
    sink.concept(concepts[i], lexicon.ids[concepts[i]]);
    // Pairs of concepts: what a word list cannot say alone ("internal" with an external
    // factor, "procedure" with a quality level rather than steps).
    for (let j = i + 1; j < concepts.length; j++) sink.conceptPair(concepts[i], concepts[j], lexicon.ids[concepts[i]], lexicon.ids[concepts[j]]);
  }
  const block = sentence.block;
  if (block.kind === 'listItem') sink.fixed('x:list');
  if (block.kind === 'tableCell') sink.fixed('x:cell');
  if (ctx.doc.text.slice(sentence.start, sentence.end).includes(':')) sink.fixed('x:colon');
  for (let i = from; i < to; i++) {
    if (tokens[i].quoted) {
      sink.fixed('x:quote');
      break;
    }
  }
  sink.block(ctx.doc, block);
}

function isNumber(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** A sentence's features as readable strings, each once, in the order of the walk. */
export function sentenceFeatures(ctx: AnalysisContext, sentence: Sentence, from = 0, to = sentence.tokens.length): string[] {
  const out = new Set<string>();
  walkSentenceFeatures(ctx, sentence, {
    word(stem, previous) {
      out.add('w:' + stem);
      if (previous) out.add('b:' + previous + '_' + stem);
    },
    pieces(lower) {
      for (const piece of piecesOf(lower)) out.add(piece);
    },
    concept(_id, name) {
      out.add('k:' + name);
    },
    conceptPair(_a, _b, nameA, nameB) {
      out.add('kk:' + nameA + '+' + nameB);
    },
    fixed(feature) {
      out.add(feature);
    },
    block(doc, block) {
      for (const f of blockFeatures(doc, block)) out.add(f);
    },
  }, from, to);
  return [...out];
}

const CLAUSE_WORDS = new Set(['but', 'because', 'although', 'though', 'whereas', 'so', 'which', 'cos', 'while']);
/** Sentences longer than this are also judged clause by clause. */
export const LONG_SENTENCE = 16;

/**
 * The clauses of a long sentence, as token ranges: a misconception usually sits in one
 * ("our brand is the red brick logo…, that's what people know us by"), and the rest of
 * a long sentence dilutes it. Split at clause punctuation and at "but", "because"….
 */
export function clauses(sentence: Sentence): Array<[number, number]> {
  const t = sentence.tokens;
  if (t.length <= LONG_SENTENCE) return [];
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 1; i < t.length; i++) {
    if (CLAUSE_BREAK.test(t[i].before) || CLAUSE_WORDS.has(t[i].lower)) {
      if (i - start >= 3) out.push([start, i]);
      start = i;
    }
  }
  if (t.length - start >= 3) out.push([start, t.length]);
  return out.length > 1 ? out : [];
}

const NO_PIECES: string[] = [];
const pieceCache = new Map<string, string[]>();

/** Four-letter pieces of a word with its boundaries (`^man`, `ment$`), memoised. */
export function piecesOf(word: string): string[] {
  let pieces = pieceCache.get(word);
  if (pieces) return pieces;
  pieces = NO_PIECES;
  if (word.length >= 4 && /^[a-z]+$/.test(word)) {
    const padded = '^' + word + '$';
    pieces = [];
    for (let i = 0; i + 4 <= padded.length; i++) pieces.push('c:' + padded.slice(i, i + 4));
  }
  if (pieceCache.size < 50_000) pieceCache.set(word, pieces);
  return pieces;
}

const blockCache = new WeakMap<Block, string[]>();

/** What a block sits under, shared by its sentences. */
export function blockFeatures(doc: DocumentModel, block: Block): string[] {
  let features = blockCache.get(block);
  if (!features) {
    features = [
      ...contextWords(doc, block, 'heading').map((s) => 'h:' + s),
      ...contextWords(doc, block, 'lead-in').map((s) => 'l:' + s),
      ...contextWords(doc, block, 'column').map((s) => 't:' + s),
    ];
    blockCache.set(block, features);
  }
  return features;
}

/** Words of what a block sits under: its heading, its list's lead-in, its column's header. */
export function contextWords(doc: DocumentModel, block: Block, what: 'heading' | 'lead-in' | 'column'): string[] {
  let source: Block | undefined;
  if (what === 'heading') source = block.kind === 'heading' ? undefined : block.section.heading;
  else if (what === 'lead-in') source = leadIn(doc, block);
  else if (block.table && !block.table.header) {
    const { id, column } = block.table;
    for (let i = block.index - 1; i >= 0; i--) {
      const b = doc.blocks[i];
      if (b.table?.id !== id) break;
      if (b.table.header && b.table.column === column) {
        source = b;
        break;
      }
    }
  }
  if (!source) return [];
  const words: string[] = [];
  for (const s of source.sentences) for (const t of s.tokens) if (words.length < MAX_CONTEXT_WORDS && !/^\d/.test(t.lower)) words.push(t.stem);
  return words;
}

/** The paragraph that introduces a list ("In line with the Act we:"), for a list item. */
export function leadIn(doc: DocumentModel, block: Block): Block | undefined {
  if (!block.list) return undefined;
  const id = block.list.id;
  let i = block.index - 1;
  while (i >= 0 && doc.blocks[i].list?.id === id) i--;
  const before = doc.blocks[i];
  if (!before || before.kind !== 'paragraph' || before.section !== block.section) return undefined;
  return before;
}

/** Document features for element inference: body words, and the words of titles and headings. */
export function documentFeatures(doc: DocumentModel, title: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string, n = 1) => counts.set(f, (counts.get(f) ?? 0) + n);
  for (const s of doc.sentences) {
    const heading = s.block.kind === 'heading';
    if (s.block.references) continue;
    for (const t of s.tokens) {
      if (/^\d/.test(t.lower) || t.lower.length < 3) continue;
      add((heading ? 'h:' : 'w:') + t.stem);
    }
  }
  for (const stem of title) add('T:' + stem);
  return counts;
}
