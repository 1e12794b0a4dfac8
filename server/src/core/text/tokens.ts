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
    s = /^[a-z]+$/.test(base) && base.length > 2 ? stemmer(base) : base;
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
    // Punctuation between the previous word and this one, and quotation state. Hot:
    // one pass over the characters, no regular expressions, no slices in the common case.
    let before = '';
    for (let k = last; k < m.index; k++) {
      const code = text.charCodeAt(k);
      if (code === 32 || code === 10 || code === 9 || code === 13 || code === 160) continue;
      const ch = text[k];
      before += ch;
      if (OPEN_QUOTES.has(ch)) inQuote = true;
      else if (ch === '"') inQuote = !inQuote;
      else if (ch === "'" || ch === '’') {
        // A single quote opens a quotation when it sits right before a word after a
        // space or bracket, and closes an open one; otherwise it is an apostrophe.
        const prev = k === 0 ? ' ' : text[k - 1];
        const opens = k === m.index - 1 && (prev === ' ' || prev === '\n' || prev === '(' || prev === '[');
        if (inQuote && !opens) inQuote = false;
        else if (!inQuote && opens && ch === "'") inQuote = true;
      } else if (CLOSE_QUOTES.has(ch)) inQuote = false;
    }
    const raw = m[0];
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    const start = m.index;
    tokens.push({
      text: raw,
      lower,
      stem: stemOf(lower),
      start: offsetOf(start),
      end: offsetOf(start + raw.length - 1) + 1,
      before,
      quoted: inQuote,
    });
    last = start + raw.length;
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
