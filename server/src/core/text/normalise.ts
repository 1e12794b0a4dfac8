import { stemOf, type Token } from './tokens.js';

/**
 * Normalisation for informal writing, so that "dont", "cos", "u" and "managment" are
 * read as the words the learner meant. It rewrites a token's `lower` and `stem` (what
 * the lexicon and the learned layer read); `text`, the offsets and therefore every
 * range and quick fix still refer to what the learner wrote.
 *
 * Three steps, all data from `criteria/`:
 *   1. `replacements`: apostrophe-less forms and text-speak (`dont` → `don't`,
 *      `cos` → `because`), one word for one word (criteria/normalise.json);
 *   2. spelling: a word that is not in the domain vocabulary and not a British English
 *      word is corrected to the most frequent vocabulary word within one edit (two for
 *      words of eight letters or more). Which near-by strings are real English words
 *      was decided at training time against the en-GB Hunspell dictionary
 *      (criteria/learned/spelling.json), so nothing is loaded or looked up at run time;
 *   3. nothing else: names (capitalised inside a sentence), acronyms, numbers and short
 *      words are left as written.
 */
export interface NormaliseData {
  /** One word for one word: apostrophe-less forms and text-speak. */
  replacements: Record<string, string>;
}

export interface SpellingData {
  /** Domain vocabulary, most frequent first: what a misspelling may be corrected to. */
  vocabulary: string[];
  /** Real British English words within reach of a vocabulary word: never corrected. */
  words: string[];
}

const LONG = 8;
const MIN_LENGTH = 4;

export class Normaliser {
  private readonly replacements: Map<string, string>;
  private readonly vocabulary: Map<string, number>;
  private readonly words: Set<string>;
  /** Deletion index (symmetric delete): a string with up to two letters deleted → vocabulary ranks. */
  private readonly deletes = new Map<string, number[]>();
  private readonly ranked: string[];
  private readonly cache = new Map<string, string>();

  constructor(data: NormaliseData, spelling?: SpellingData) {
    this.replacements = new Map(Object.entries(data.replacements));
    this.ranked = spelling?.vocabulary ?? [];
    this.vocabulary = new Map(this.ranked.map((w, i) => [w, i]));
    this.words = new Set(spelling?.words ?? []);
    this.ranked.forEach((word, rank) => {
      if (word.length < MIN_LENGTH - 1) return;
      for (const d of deletions(word, word.length >= LONG - 1 ? 2 : 1)) {
        const list = this.deletes.get(d);
        if (!list) this.deletes.set(d, [rank]);
        else if (list[list.length - 1] !== rank) list.push(rank);
      }
    });
  }

  /** Rewrite the tokens of one sentence in place (idempotent). */
  normalise(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const form = this.formOf(token, i === 0 || /[.!?:]$/.test(token.before));
      if (form !== token.lower) {
        token.lower = form;
        token.stem = stemOf(form);
      }
    }
  }

  private formOf(token: Token, sentenceStart: boolean): string {
    const lower = token.lower;
    const replaced = this.replacements.get(lower);
    // A capital letter is a name or an acronym ("U" in a model's letters), not text-speak.
    if (replaced !== undefined) return token.text === lower || lower.length > 2 ? replaced : lower;
    if (lower.length < MIN_LENGTH || this.vocabulary.has(lower) || this.words.has(lower)) return lower;
    const c0 = token.text.charCodeAt(0);
    const capitalised = c0 >= 65 && c0 <= 90;
    if ((capitalised && !sentenceStart) || /[A-Z]/.test(token.text.slice(1)) || !/^[a-z']+$/.test(lower)) return lower;
    let corrected = this.cache.get(lower);
    if (corrected === undefined) {
      corrected = this.correct(lower) ?? lower;
      if (this.cache.size < 20_000) this.cache.set(lower, corrected);
    }
    return corrected;
  }

  /** The nearest vocabulary word within reach of `word` (the most frequent among equals), if any. */
  correct(word: string): string | undefined {
    const reach = word.length >= LONG ? 2 : 1;
    let best = Infinity;
    let bestDistance = Infinity;
    for (const d of deletions(word, reach)) {
      for (const rank of this.deletes.get(d) ?? []) {
        const candidate = this.ranked[rank];
        const limit = candidate.length >= LONG && word.length >= LONG ? 2 : 1;
        if (candidate[0] !== word[0]) continue;
        const distance = editDistance(word, candidate, limit);
        if (distance <= limit && (distance < bestDistance || (distance === bestDistance && rank < best))) {
          best = rank;
          bestDistance = distance;
        }
      }
    }
    return best === Infinity ? undefined : this.ranked[best];
  }
}

/** The word and every string made by deleting up to `n` of its letters. */
export function deletions(word: string, n: number): Set<string> {
  const out = new Set<string>([word]);
  let frontier = [word];
  for (let k = 0; k < n; k++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const d = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(d)) {
          out.add(d);
          next.push(d);
        }
      }
    }
    frontier = next;
  }
  return out;
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent transpositions), capped at `limit + 1`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1);
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, rows[i - 2][j - 2] + 1);
      row[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (i > 0 && rowMin > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length][b.length];
}
