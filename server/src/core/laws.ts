import type { Law } from './criteria.js';
import type { DocumentModel, Sentence } from './document.js';
import { phraseWords } from './text/tokens.js';

/**
 * Law citations in the prose. Known laws come from the fact table and match their title
 * or an alias word for word; any other "<Capitalised words> Act|Regulations <year>" is a
 * generic citation (enough to ask whether the law is applied, not to check its year).
 */
export interface LawCitation {
  sentence: Sentence;
  /** Token indices [start, end) covering the title and the year if given. */
  start: number;
  end: number;
  law?: Law;
  year?: number;
  /** Token index of the year, when given. */
  yearToken?: number;
}

interface Title {
  law: Law;
  words: string[];
}

const compiled = new WeakMap<Law[], Map<string, Title[]>>();

function titleIndex(laws: Law[]): Map<string, Title[]> {
  let index = compiled.get(laws);
  if (!index) {
    index = new Map();
    for (const law of laws) {
      for (const title of [law.title, ...(law.aliases ?? [])]) {
        const words = phraseWords(title);
        if (!words.length) continue;
        let bucket = index.get(words[0]);
        if (!bucket) index.set(words[0], (bucket = []));
        bucket.push({ law, words });
      }
    }
    for (const bucket of index.values()) bucket.sort((a, b) => b.words.length - a.words.length);
    compiled.set(laws, index);
  }
  return index;
}

const YEAR = /^(1[2-9]\d\d|20\d\d)$/;
const CONNECTORS = new Set(['and', 'of', 'at', 'etc', 'for', 'from', 'on', 'to', 'the', 'in', '&']);

export function findLawCitations(doc: DocumentModel, laws: Law[]): LawCitation[] {
  const index = titleIndex(laws);
  const out: LawCitation[] = [];
  for (const sentence of doc.sentences) {
    const tokens = sentence.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const bucket = index.get(tokens[i].lower);
      let found: LawCitation | undefined;
      // A known title inside a longer name ("the Zoo Licensing Act 1981") is that other law.
      if (bucket && !insideLongerName(tokens, i)) {
        for (const title of bucket) {
          const n = title.words.length;
          let ok = i + n <= tokens.length;
          for (let k = 0; ok && k < n; k++) ok = tokens[i + k].lower === title.words[k];
          if (!ok) continue;
          // A short all-capital alias (GDPR, RIDDOR) must be written in capitals.
          if (n === 1 && tokens[i].text !== tokens[i].text.toUpperCase()) continue;
          found = { sentence, start: i, end: i + n, law: title.law };
          break;
        }
      }
      if (!found && (tokens[i].text === 'Act' || tokens[i].text === 'Regulations') && i > 0 && YEAR.test(tokens[i + 1]?.text ?? '')) {
        let s = i;
        while (s > 0 && (/^\p{Lu}/u.test(tokens[s - 1].text) || CONNECTORS.has(tokens[s - 1].lower)) && i - s < 10) s--;
        while (s < i && CONNECTORS.has(tokens[s].lower)) s++;
        if (s < i) found = { sentence, start: s, end: i + 1 };
      }
      if (!found) continue;
      // The year follows the title directly ("Act 2015", "Act (2015)"), or after "of",
      // "from" or "in" ("the Act from 1984"), or in a clause that dates it ("the Equality
      // Act, which came in in 2012"), or stands before it ("the 2010 Equality Act").
      let y = found.end;
      if (['of', 'from', 'in'].includes(tokens[y]?.lower ?? '') && YEAR.test(tokens[y + 1]?.text ?? '')) y++;
      else if (found.law && !YEAR.test(tokens[y]?.text ?? '')) y = datingClause(tokens, y) ?? y;
      if (y < tokens.length && YEAR.test(tokens[y].text)) {
        found.year = Number(tokens[y].text);
        found.yearToken = y;
        found.end = y + 1;
      } else if (found.law && found.start > 0 && YEAR.test(tokens[found.start - 1].text)) {
        found.year = Number(tokens[found.start - 1].text);
        found.yearToken = found.start - 1;
        found.start -= 1;
      }
      out.push(found);
      i = found.end - 1;
    }
  }
  return out;
}

/** Verbs that date a law in a clause after its title ("which came in in 2012", "passed in 1998"). */
const DATING = new Set(['came', 'come', 'passed', 'introduced', 'enacted', 'brought', 'made', 'dates', 'dated', 'started', 'began', 'launched', 'effect', 'force']);
const DATING_WINDOW = 6;

/**
 * The year of a clause right after a title that dates it: a dating verb, then "in",
 * "from" or "since" and the year, within a few words and before any other law.
 */
function datingClause(tokens: Sentence['tokens'], from: number): number | undefined {
  let dated = false;
  for (let k = from; k < tokens.length && k < from + DATING_WINDOW; k++) {
    const t = tokens[k];
    if (k > from && /[.;:!?]/.test(t.before)) return undefined;
    if (t.text === 'Act' || t.text === 'Regulations') return undefined;
    if (DATING.has(t.lower)) dated = true;
    else if (dated && ['in', 'from', 'since'].includes(t.lower) && YEAR.test(tokens[k + 1]?.text ?? '')) return k + 1;
  }
  return undefined;
}

/** Words that open a sentence or a citation before a law's title without being part of its name. */
const OPENERS = new Set(['the', 'under', 'in', 'our', 'my', 'as', 'by', 'with', 'following', 'per', 'also', 'and', 'both', 'because', 'so', 'if', 'uk', 'a', 'an', 'this', 'that', 'new', 'current']);

function insideLongerName(tokens: Sentence['tokens'], i: number): boolean {
  const before = tokens[i - 1];
  return !!before && /^\p{Lu}/u.test(before.text) && !OPENERS.has(before.lower) && !/[,;:()]/.test(tokens[i].before);
}

/** The status of a cited law: the year given decides for laws with several Acts. */
export function statusOf(citation: LawCitation): 'current' | 'superseded' | 'wrong-year' | 'unknown' {
  const law = citation.law;
  if (!law) return 'unknown';
  if (citation.year !== undefined && law.year !== undefined && citation.year !== law.year) {
    const other = law.otherYears?.[String(citation.year)];
    return other ?? 'wrong-year';
  }
  return law.status ?? 'current';
}
