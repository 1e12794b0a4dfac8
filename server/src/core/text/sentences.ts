/**
 * Sentence boundaries inside one block of prose. A boundary is `.`, `!` or `?` (with
 * any closing quotes or brackets) followed by white space and a likely sentence start,
 * unless the word before the full stop is an abbreviation or an initial. Learners who
 * write in lower case ("every1 knows the pink cars. sharon says…") start sentences in
 * lower case too, so a lower-case word after a full stop starts one as well, unless
 * the full stop ends an abbreviation that runs on in lower case ("etc. are", "9 a.m. and").
 */
const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'eg', 'ie', 'mr', 'mrs', 'ms', 'dr', 'st', 'no', 'vs', 'c', 'approx', 'dept',
  'prof', 'rev', 'fig', 'p', 'pp', 'vol', 'al', 'cf', 'ed', 'eds', 'co', 'ltd', 'inc', 'jr', 'sr',
]);
const RUN_ON_ABBREVIATIONS = new Set(['etc', 'a.m', 'p.m', 'incl', 'esp', 'min', 'mins', 'hr', 'hrs', 'wk', 'yr', 'yrs', 'max']);

export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = skipSpace(text, 0);
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let j = i + 1;
    while (j < text.length && /[.!?"”’')\]*_]/.test(text[j])) j++;
    if (j < text.length && !/\s/.test(text[j])) continue;
    const next = skipSpace(text, j);
    if (next >= text.length) break;
    const lowerStart = /\p{Ll}/u.test(text[next]);
    if (!lowerStart && !/[\p{Lu}\p{N}"“‘'(\[*_]/u.test(text[next])) continue;
    if (ch === '.') {
      const word = wordBefore(text, i);
      if (lowerStart && (RUN_ON_ABBREVIATIONS.has(word.toLowerCase()) || word.length < 2)) continue;
      if (ABBREVIATIONS.has(word.toLowerCase())) continue;
      if (/^\p{Lu}$/u.test(word)) continue; // an initial: "J. L. Heskett"
      // "Health and Safety at Work etc. Act 1974" is one title, not two sentences.
      if (word.toLowerCase() === 'etc' && text.startsWith('Act', next)) continue;
    }
    spans.push([start, j]);
    start = next;
    i = next - 1;
  }
  const end = trimEnd(text, text.length);
  if (end > start) spans.push([start, end]);
  return spans;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function trimEnd(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

function wordBefore(text: string, i: number): string {
  let k = i;
  while (k > 0 && /[\p{L}.]/u.test(text[k - 1])) k--;
  return text.slice(k, i).replace(/^\.+/, '');
}
