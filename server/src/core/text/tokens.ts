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
 * Split `text` (or its part [from, to), one sentence) into word tokens. `offsetOf`
 * maps an index in `text` to an offset in the original document.
 */
export function tokenize(text: string, offsetOf: (i: number) => number, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let last = from;
  let inQuote = false;
  for (let pos = nextWord(text, from, to); pos !== -1; pos = nextWord(text, last, to)) {
    const start = pos;
    const end = Math.min(wordEnd(text, start), to);
    // Punctuation between the previous word and this one, and quotation state. Hot:
    // one pass over the characters, no regular expressions, no slices in the common case.
    let before = '';
    for (let k = last; k < start; k++) {
      const code = text.charCodeAt(k);
      if (code === 32 || code === 10 || code === 9 || code === 13 || code === 160) continue;
      const ch = text[k];
      before += ch;
      if (OPEN_QUOTES.has(ch)) inQuote = true;
      else if (ch === '"') inQuote = !inQuote;
      else if (ch === "'" || ch === '’') {
        // A single quote opens a quotation when it sits right before a word after a
        // space or bracket, and closes an open one; otherwise it is an apostrophe.
        const prev = k === from ? ' ' : text[k - 1];
        const opens = k === start - 1 && (prev === ' ' || prev === '\n' || prev === '(' || prev === '[');
        if (inQuote && !opens) inQuote = false;
        else if (!inQuote && opens && ch === "'") inQuote = true;
      } else if (CLOSE_QUOTES.has(ch)) inQuote = false;
    }
    const raw = text.slice(start, end);
    let lower = raw.toLowerCase();
    if (lower.includes('’')) lower = lower.replace(/’/g, "'");
    tokens.push({ text: raw, lower, stem: stemOf(lower), start: offsetOf(start), end: offsetOf(end - 1) + 1, before, quoted: inQuote });
    last = end;
  }
  return tokens;
}

/*
 * The scanner below recognises exactly what WORD matches (words of letters and digits
 * with inner apostrophes, numbers with separators, "e.g."/"i.e.", and % £ $ €), with an
 * ASCII fast path instead of Unicode property escapes on every character.
 */
function isAlnum(code: number, text: string, i: number): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return true;
  if (code < 128) return false;
  return ALNUM.test(text[i]) || (code >= 0xd800 && code <= 0xdbff && ALNUM.test(text.slice(i, i + 2)));
}

const ALNUM = /^[\p{L}\p{N}]+$/u;
const SYMBOLS = new Set([37, 163, 36, 8364]); // % £ $ €

function nextWord(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isAlnum(code, text, i) || SYMBOLS.has(code)) return i;
  }
  return -1;
}

function wordEnd(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (SYMBOLS.has(code)) return start + 1;
  // "e.g." and "i.e." (with or without the last full stop)
  const c1 = code | 32;
  if ((c1 === 101 || c1 === 105) && text[start + 1] === '.') {
    const c2 = text.charCodeAt(start + 2) | 32;
    if ((c1 === 101 && c2 === 103) || (c1 === 105 && c2 === 101)) return text[start + 3] === '.' ? start + 4 : start + 3;
  }
  if (code >= 48 && code <= 57) {
    // Digits, then letters/digits (a word such as "4th"), or separators followed by digits.
    let i = start;
    while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    for (;;) {
      const sep = text[i];
      const next = text.charCodeAt(i + 1);
      if ((sep === '.' || sep === ',' || sep === ':') && next >= 48 && next <= 57) {
        i++;
        while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
        continue;
      }
      break;
    }
    // WORD tries the number alternative first: "12th" is "12" then "th".
    return i;
  }
  let i = start;
  for (;;) {
    while (i < text.length && isAlnum(text.charCodeAt(i), text, i)) i += text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff ? 2 : 1;
    const ch = text[i];
    if ((ch === "'" || ch === '’') && i + 1 < text.length && isLetter(text.charCodeAt(i + 1), text, i + 1)) {
      i++;
      continue;
    }
    return i;
  }
}

function isLetter(code: number, text: string, i: number): boolean {
  if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) return true;
  if (code < 128) return false;
  return /^\p{L}$/u.test(text[i]);
}

/** Tokenise a phrase of a lexicon the same way prose is tokenised. */
export function phraseWords(phrase: string): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(phrase); m !== null; m = WORD.exec(phrase)) words.push(m[0].toLowerCase().replace(/’/g, "'"));
  return words;
}
