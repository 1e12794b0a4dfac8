import type { AnalysisContext } from './context.js';
import type { Sentence } from './document.js';
import type { Match } from './lexicon.js';

/**
 * Guards keep correct text clean. A misconception-shaped phrase is not a finding when
 * it is someone else's words (a block quote or a quotation), when it is reported or
 * refuted ("it's a myth that…", "I used to think…", "This is wrong."), or when it is
 * negated ("brand is far more than a logo").
 */

/** Punctuation that ends a clause: what a look-behind or look-ahead window does not cross. */
export const CLAUSE_BREAK = /[,;:()–—]/;
const OBJECT_PRONOUNS = new Set(['her', 'him', 'them', 'me', 'you', 'us', 'it', 'customers', 'staff']);

/** True when no misconception check may fire in this sentence at all (computed once). */
export function sentenceIsGuarded(ctx: AnalysisContext, sentence: Sentence): boolean {
  let guarded = ctx.guarded[sentence.index];
  if (guarded === undefined) guarded = ctx.guarded[sentence.index] = computeGuard(ctx, sentence);
  return guarded;
}

function computeGuard(ctx: AnalysisContext, sentence: Sentence): boolean {
  if (sentence.block.quoted || sentence.block.kind === 'heading' || sentence.block.references) return true;
  if (ctx.has(sentence, 'refutation')) return true;
  // Stated, then rejected in the next sentence or the one after ("That is wrong.",
  // "At least, that's what I thought before the course."), within the same section.
  for (const next of followers(ctx, sentence, 2)) {
    const lead = ctx.matches[next.index].of(ctx.concept('refutation-follow'));
    if (lead.some((m) => m.start <= 6)) return true;
  }
  const previous = ctx.doc.sentences[sentence.index - 1];
  // "A common misconception is this:" followed by the misconception.
  if (previous && previous.block.index >= sentence.block.index - 1 && /:\s*$/.test(ctx.doc.text.slice(previous.start, previous.end)) && ctx.has(previous, 'refutation')) return true;
  return false;
}

/** Up to `n` sentences after this one in the same section (not across a heading). */
export function followers(ctx: AnalysisContext, sentence: Sentence, n: number): Sentence[] {
  const out: Sentence[] = [];
  for (let i = sentence.index + 1; i < ctx.doc.sentences.length && out.length < n; i++) {
    const s = ctx.doc.sentences[i];
    if (s.block.section !== sentence.block.section || s.block.kind === 'heading') break;
    out.push(s);
  }
  return out;
}

/** Start of the look-behind window for negation: `width` words back, not past a clause break. */
export function windowStart(sentence: Sentence, start: number, width = 3): number {
  let i = start;
  while (i > 0 && start - i < width && !CLAUSE_BREAK.test(sentence.tokens[i].before)) i--;
  return i;
}

/**
 * True when a negation starts between `from` and `to` (token indices) outside the
 * matched parts: in the look-behind window or in a gap between matched parts.
 */
export function isNegated(ctx: AnalysisContext, sentence: Sentence, parts: Match[], width = 3): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  const from = windowStart(sentence, first.start, width);
  const inPart = (i: number) => parts.some((p) => i >= p.start && i < p.end);
  for (const m of ctx.matches[sentence.index].of(ctx.concept('negation'))) {
    if (m.start < from || m.start >= last.end) continue;
    // "told her not to worry": a negated infinitive after an object negates that
    // infinitive, not the sentence's claim.
    if (m.start > 0 && OBJECT_PRONOUNS.has(sentence.tokens[m.start - 1].lower) && sentence.tokens[m.end]?.lower === 'to') continue;
    let outside = true;
    for (let i = m.start; i < m.end; i++) if (inPart(i)) outside = false;
    if (outside) return true;
  }
  return false;
}

/** True when the matched words are inside quotation marks. */
export function isQuoted(sentence: Sentence, parts: Match[]): boolean {
  return parts.some((p) => sentence.tokens[p.start].quoted);
}

const FILLERS = new Set(['just', 'simply', 'only', 'ever', 'really', 'would', 'will', 'should', 'could', 'i', 'we', 'you', 'they', 'then', 'immediately', 'automatically', 'always', 'also']);

/**
 * Negation that governs a verb phrase: "I never pass it on", "I would not just tell
 * someone". Only fillers may sit between the negation and the phrase, so a negation in
 * a condition before it ("Anything I cannot answer I refer on") does not count.
 */
export function isDirectlyNegated(ctx: AnalysisContext, sentence: Sentence, part: Match): boolean {
  let i = part.start - 1;
  while (i >= 0 && FILLERS.has(sentence.tokens[i].lower) && !CLAUSE_BREAK.test(sentence.tokens[i + 1].before)) i--;
  if (i < 0 || CLAUSE_BREAK.test(sentence.tokens[i + 1].before)) return false;
  return ctx.matches[sentence.index].of(ctx.concept('negation')).some((m) => m.end === i + 1 || (m.start <= i && m.end > i));
}

const ROLE_OPENERS = new Set(['the', 'our', 'my', 'their', 'a']);

/**
 * A role or team named with capitals ("the Duty Terminal Manager", "our Customer
 * Relations team"): a named recipient, whatever the lexicon lists.
 */
export function namesRole(sentence: Sentence): boolean {
  const t = sentence.tokens;
  for (let i = 1; i + 1 < t.length; i++) {
    if (!ROLE_OPENERS.has(t[i].lower) || /[.!?]$/.test(t[i + 1].before)) continue;
    if (/^\p{Lu}\p{Ll}/u.test(t[i + 1].text) && t[i + 1].lower !== 'i') return true;
  }
  return false;
}

const DENIAL_REACH = 5;

/** A negation within a few words after the match, in the same clause ("progression here is not just…"). */
export function isDeniedAfter(ctx: AnalysisContext, sentence: Sentence, m: Match): boolean {
  return ctx.matches[sentence.index].of(ctx.concept('negation')).some((n) => {
    if (n.start < m.end || n.start - m.end > DENIAL_REACH) return false;
    for (let i = m.end; i <= n.start; i++) if (CLAUSE_BREAK.test(sentence.tokens[i]?.before ?? '')) return false;
    return true;
  });
}
