import { stemmer } from 'stemmer';

/** A word of the learner's prose, with its offsets into the original document. */
export interface Token {
  /** Surface form as written. */
  text: string;
  /** Lower case, curly apostrophes straightened. */
  lower: string;
  /** Porter stem of `lower` (possessive `'s` removed) for inflection-blind matching. */
  stem: string;
  start: number;
  end: number;
  /** Punctuation between the previous word and this one ('' when none). */
  before: string;
  /** True when the token sits inside quotation marks in its sentence. */
  quoted: boolean;
}

// Words (letters/digits with inner apostrophes), numbers with separators, the two
// Latin abbreviations learners use, and the symbols that carry meaning (%, £).
const WORD = /e\.g\.?|i\.e\.?|\d+(?:[.,:]\d+)*|[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[%£$€]/giu;

const stemCache = new Map<string, string>();

/** Stem a lower-case word, memoised: learners' vocabularies are small and repetitive. */
export function stemOf(lower: string): string {
  let s = stemCache.get(lower);
  if (s === undefined) {
    const base = lower.endsWith("'s") ? lower.slice(0, -2) : lower.endsWith("'") ? lower.slice(0, -1) : lower;
    s = /^[a-z]+$/.test(base) ? stemmer(base) : base;
    if (stemCache.size < 50_000) stemCache.set(lower, s);
  }
  return s;
}

const OPEN_QUOTES = new Set(['“', '‘', '«']);
const CLOSE_QUOTES = new Set(['”', '’', '»']);

/**
 * Split `text` (a sentence) into word tokens. `offsetOf` maps an index in `text` to an
 * offset in the original document.
 */
export function tokenize(text: string, offsetOf: (i: number) => number): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  let inQuote = false;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) {
    const between = text.slice(last, m.index);
    for (let k = 0; k < between.length; k++) {
      const ch = between[k];
      if (OPEN_QUOTES.has(ch)) inQuote = true;
      else if (ch === '"') inQuote = !inQuote;
      else if (ch === "'" || ch === '’') {
        // A straight or curly single quote opens a quotation when it sits before a
        // word after a space, and closes one that is open; otherwise it is an apostrophe.
        const opens = k === between.length - 1 && (m.index - between.length + k === 0 || /[\s(\[]/.test(text[m.index - between.length + k - 1]));
        if (inQuote && !opens) inQuote = false;
        else if (!inQuote && opens && ch === "'") inQuote = true;
      } else if (CLOSE_QUOTES.has(ch)) inQuote = false;
    }
    const raw = m[0];
    const lower = raw.toLowerCase().replace(/’/g, "'");
    tokens.push({
      text: raw,
      lower,
      stem: stemOf(lower),
      start: offsetOf(m.index),
      end: offsetOf(m.index + raw.length - 1) + 1,
      before: between.replace(/\s+/g, ''),
      quoted: inQuote,
    });
    last = m.index + raw.length;
  }
  return tokens;
}

/** Tokenise a phrase of a lexicon the same way prose is tokenised. */
export function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(phrase); m !== null; m = WORD.exec(phrase)) words.push(m[0].toLowerCase().replace(/’/g, "'"));
  return words;
}
