import { phraseWords, stemOf, type Token } from './text/tokens.js';

/**
 * Concepts are lexicons of words and phrases, matched inflection-blind (by Porter stem)
 * unless a word is marked exact. Phrase syntax, deliberately tiny so that nothing a pack
 * says can make matching slow (no regular expressions):
 *   - words separated by spaces: `pass it on` (stems: matches "passed it on");
 *   - `*` stands for exactly one word: `refer the * on`;
 *   - `=word` matches that surface form only: `=escalate` (not "escalation");
 *   - a concept may `include` other concepts' phrases;
 *   - the built-in concept `#number` matches any number, `%` or `£`.
 * Matching is one pass over a sentence's words with a hash lookup on each word, so its
 * cost is linear in the text whatever the lexicon holds.
 */

export interface ConceptDefinition {
  description?: string;
  phrases?: string[];
  include?: string[];
}

export interface Match {
  /** Token indices [start, end) in the sentence. */
  start: number;
  end: number;
}

interface Phrase {
  concept: number;
  /** Per word: compare the stem (`stem`) or the surface form (`exact`); both unset = wildcard. */
  words: Array<{ stem?: string; exact?: string }>;
}

export const NUMBER_CONCEPT = '#number';

export class Lexicon {
  readonly ids: string[] = [];
  private readonly byId = new Map<string, number>();
  /** Phrases by their first word: by stem, and by exact surface form. */
  private readonly byStem = new Map<string, Bucket>();
  private readonly byExact = new Map<string, Bucket>();
  private readonly numberConcepts: number[] = [];

  constructor(definitions: Record<string, ConceptDefinition>) {
    for (const id of Object.keys(definitions)) this.idOf(id);
    this.idOf(NUMBER_CONCEPT);
    for (const id of Object.keys(definitions)) {
      const concept = this.byId.get(id)!;
      for (const phrase of expand(id, definitions)) {
        if (phrase === NUMBER_CONCEPT) {
          this.numberConcepts.push(concept);
          continue;
        }
        const keys = compilePhrase(phrase);
        if (keys.length === 0 || keys[0] === null) continue;
        const words = keys.map((k) => (k === null ? {} : k.startsWith('e:') ? { exact: k.slice(2) } : { stem: k.slice(2) }));
        const index = words[0].exact !== undefined ? this.byExact : this.byStem;
        const key = (words[0].exact ?? words[0].stem)!;
        let bucket = index.get(key);
        if (!bucket) index.set(key, (bucket = { single: [], anySecond: [], secondStem: new Map(), secondExact: new Map() }));
        file(bucket, { concept, words });
      }
    }
    this.numberConcepts.push(this.byId.get(NUMBER_CONCEPT)!);
  }

  /** Numeric handle of a concept, for fast lookups in `SentenceMatches`. */
  handle(id: string): number {
    const h = this.byId.get(id);
    if (h === undefined) throw new Error(`Unknown concept '${id}'`);
    return h;
  }

  /** Every concept match in a sentence, keyed by concept handle. */
  match(tokens: Token[]): SentenceMatches {
    const found = new Map<number, Match[]>();
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      const c0 = token.lower.charCodeAt(0);
      if ((c0 >= 48 && c0 <= 57) || c0 === 37 || c0 === 163 || c0 === 36 || c0 === 8364) for (const c of this.numberConcepts) add(found, c, i, i + 1);
      const byStem = this.byStem.get(token.stem);
      if (byStem) this.matchAt(byStem, tokens, i, found);
      const byExact = this.byExact.get(token.lower);
      if (byExact) this.matchAt(byExact, tokens, i, found);
    }
    for (const [concept, list] of found) if (list.length > 1) found.set(concept, sortedUnique(list));
    return new SentenceMatches(found);
  }

  private matchAt(bucket: Bucket, tokens: Token[], i: number, found: Map<number, Match[]>): void {
    for (const phrase of bucket.single) add(found, phrase.concept, i, i + 1);
    const next = tokens[i + 1];
    if (!next) return;
    this.matchRest(bucket.anySecond, tokens, i, found);
    const byStem = bucket.secondStem.get(next.stem);
    if (byStem) this.matchRest(byStem, tokens, i, found);
    const byExact = bucket.secondExact.get(next.lower);
    if (byExact) this.matchRest(byExact, tokens, i, found);
  }

  /** Phrases whose first two words are known to match at `i`: compare the rest. */
  private matchRest(phrases: Phrase[], tokens: Token[], i: number, found: Map<number, Match[]>): void {
    for (const phrase of phrases) {
      const n = phrase.words.length;
      if (i + n > tokens.length) continue;
      let ok = true;
      for (let k = 2; k < n && ok; k++) {
        const w = phrase.words[k];
        const t = tokens[i + k];
        if (w.stem !== undefined) ok = w.stem === t.stem;
        else if (w.exact !== undefined) ok = w.exact === t.lower;
      }
      if (ok) add(found, phrase.concept, i, i + n);
    }
  }

  private idOf(id: string): number {
    let h = this.byId.get(id);
    if (h === undefined) {
      h = this.ids.length;
      this.ids.push(id);
      this.byId.set(id, h);
    }
    return h;
  }
}

/** The concept matches of one sentence. */
export class SentenceMatches {
  constructor(private readonly found: Map<number, Match[]>) {}

  of(concept: number): Match[] {
    return this.found.get(concept) ?? EMPTY;
  }

  has(concept: number): boolean {
    return this.found.has(concept);
  }

  /** Handles of every concept matched. */
  concepts(): IterableIterator<number> {
    return this.found.keys();
  }
}

const EMPTY: Match[] = [];

/**
 * The phrases that start with one word, indexed again by their second word, so a common
 * first word ("I", "the", "pass") costs a lookup rather than a scan of every phrase.
 */
interface Bucket {
  single: Phrase[];
  /** Phrases whose second word is a wildcard. */
  anySecond: Phrase[];
  secondStem: Map<string, Phrase[]>;
  secondExact: Map<string, Phrase[]>;
}

function file(bucket: Bucket, phrase: Phrase): void {
  if (phrase.words.length === 1) return void bucket.single.push(phrase);
  const second = phrase.words[1];
  if (second.stem === undefined && second.exact === undefined) return void bucket.anySecond.push(phrase);
  const index = second.exact !== undefined ? bucket.secondExact : bucket.secondStem;
  const key = (second.exact ?? second.stem)!;
  const list = index.get(key);
  if (list) list.push(phrase);
  else index.set(key, [phrase]);
}

/** Matches in order (start, then longest first), each span once. */
function sortedUnique(list: Match[]): Match[] {
  list.sort((a, b) => a.start - b.start || b.end - a.end);
  return list.filter((m, k) => k === 0 || m.start !== list[k - 1].start || m.end !== list[k - 1].end);
}

function add(found: Map<number, Match[]>, concept: number, start: number, end: number): void {
  let list = found.get(concept);
  if (!list) found.set(concept, (list = []));
  const last = list[list.length - 1];
  if (!last || last.start !== start || last.end !== end) list.push({ start, end });
}

/** Compile a phrase to match keys; `*` is a wildcard, `=word` an exact surface form. */
export function compilePhrase(phrase: string): Array<string | null> {
  const keys: Array<string | null> = [];
  for (const part of phrase.trim().split(/\s+/)) {
    if (part === '*') {
      keys.push(null);
      continue;
    }
    const exact = part.startsWith('=');
    for (const word of phraseWords(exact ? part.slice(1) : part)) keys.push(exact ? 'e:' + word : 's:' + stemOf(word));
  }
  return keys;
}

/** All phrases of a concept, its includes flattened (cycles are rejected by validation). */
export function expand(id: string, definitions: Record<string, ConceptDefinition>, seen = new Set<string>()): string[] {
  if (seen.has(id)) return [];
  seen.add(id);
  const def = definitions[id];
  if (!def) return id === NUMBER_CONCEPT ? [NUMBER_CONCEPT] : [];
  const out = [...(def.phrases ?? [])];
  for (const inc of def.include ?? []) out.push(...expand(inc, definitions, seen));
  return out;
}
