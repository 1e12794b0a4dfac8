import type { Model } from '../criteria.js';
import { tokenRange, type Detector, type Hit } from '../context.js';
import type { Sentence } from '../document.js';
import { sentenceIsGuarded } from '../guards.js';
import { stemOf } from '../text/tokens.js';

/**
 * `model-expansion`: an acronym model written in capitals and expanded right after it,
 * in brackets ("HEAT (Hear, Empathise, …)") or after "means", "stands for" or a colon.
 * `words` models have an accepted word (or correct variant) per letter; `initials`
 * models (LATER, LISTEN: no authoritative expansion exists) are checked only for the
 * initials spelling the acronym.
 */
const CUES = new Set(['means', 'mean', 'meaning', 'stands', 'stand', 'for', 'is', 'short', 'which', 'are', 'model', 'framework', 'analysis', 'approach', 'method', 'technique', 'steps', 'the', 'it', 'this']);
const ITEM_SKIP = new Set(['that', 'i', 'you', 'we', 'to', 'the', 'a', 'an', 'they', 'then', 'and', 'or', 'first', 'finally']);
const MAX_ITEM_WORDS = 5;

export const modelExpansion: Detector = (ctx, check) => {
  if (check.detector.kind !== 'model-expansion') return [];
  const models = new Map(ctx.criteria.models.map((m) => [m.acronym, m]));
  const hits: Hit[] = [];
  for (const sentence of ctx.doc.sentences) {
    if (sentenceIsGuarded(ctx, sentence)) continue;
    // "We use HEAT. It stands for …": the expansion refers back to the model just named.
    const first = sentence.tokens[0];
    if (first && ['it', 'this'].includes(first.lower) && ['stands', 'means', 'is'].includes(sentence.tokens[1]?.lower ?? '')) {
      const previous = ctx.doc.sentences[sentence.index - 1];
      const named = previous?.block === sentence.block ? previous.tokens.find((t) => models.has(t.text)) : undefined;
      if (named) judgeAt(models.get(named.text)!, 0);
    }
    sentence.tokens.forEach((token, a) => {
      const model = models.get(token.text);
      if (model) judgeAt(model, a);
    });

    function judgeAt(model: Model, a: number): void {
      const items = expansionAfter(sentence, a, model.acronym.length);
      if (!items || items.words.length < Math.min(3, model.acronym.length)) return;
      // An attempt at the expansion: at least half the words start with the letter in
      // their place. "PESTLE is useful, simple and quick" is not one.
      const placed = items.words.filter((w, k) => w[0].charAt(0).toUpperCase() === model.acronym[k]).length;
      if (placed * 2 < Math.min(items.words.length, model.acronym.length)) return;
      const problem = judge(model, items.words);
      if (problem) hits.push({ range: tokenRange(sentence, a, items.end), values: { problem } });
    }
  }
  return hits;
};

/** The comma- or "and"-separated items after the acronym, or undefined if none follow. */
function expansionAfter(sentence: Sentence, a: number, maxItems: number): { words: string[][]; end: number } | undefined {
  const tokens = sentence.tokens;
  let i = a + 1;
  let bracketed = false;
  let cued = false;
  // Up to three cue words may sit between the acronym and its expansion.
  for (let k = 0; k < 4 && i < tokens.length; k++) {
    const before = tokens[i].before;
    if (before.includes('(')) {
      bracketed = true;
      break;
    }
    if (/[:=–—-]/.test(before)) {
      cued = true;
      break;
    }
    if (!CUES.has(tokens[i].lower)) break;
    if (['means', 'mean', 'meaning', 'stands', 'stand', 'short', 'is', 'are'].includes(tokens[i].lower)) cued = true;
    i++;
  }
  // "I use HEAT with angry customers: Hear, …": a colon a few words on introduces it.
  if (!bracketed && !cued) {
    for (let k = a + 1; k < Math.min(tokens.length, a + 6); k++) {
      if (/[(),;.]/.test(tokens[k].before)) break;
      if (tokens[k].before.includes(':') || /^[–—-]$/.test(tokens[k].before)) {
        cued = true;
        i = k;
        break;
      }
    }
  }
  if (!bracketed && !cued) return undefined;
  while (i < tokens.length && ['for', 'is', 'that'].includes(tokens[i].lower) && !tokens[i].before.includes('(')) i++;
  const words: string[][] = [];
  let current: string[] = [];
  const from = i;
  let end = i;
  // An item longer than a few words ("Take ownership of getting it to the right place")
  // is read by its first words; the rest of it is explanation, up to the next item.
  let explaining = false;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (i > from && bracketed && t.before.includes(')')) break;
    if ((current.length > 0 || explaining) && /[,;/]/.test(t.before)) {
      if (current.length) words.push(current);
      current = [];
      explaining = false;
      if (!bracketed && words.length >= maxItems) break;
    }
    if (t.lower === 'and' || t.lower === '&' || t.lower === 'then') {
      if (current.length) words.push(current);
      current = [];
      explaining = false;
      end = i + 1;
      if (!bracketed && words.length >= maxItems) break;
      continue;
    }
    if (explaining) continue;
    if (current.length === 0 && ITEM_SKIP.has(t.lower)) continue;
    if (current.length >= MAX_ITEM_WORDS) {
      if (!bracketed) {
        words.push(current);
        current = [];
        explaining = true;
      }
      continue;
    }
    current.push(t.lower);
    end = i + 1;
  }
  if (current.length) words.push(current);
  return words.length ? { words, end } : undefined;
}

function judge(model: Model, items: string[][]): string | undefined {
  const acronym = model.acronym;
  const written = items.map((w) => capitalise(w.join(' ')));
  if (model.mode === 'initials') {
    const initials = items.map((w) => w[0].charAt(0).toUpperCase()).join('');
    if (initials === acronym) return undefined;
    return `The initials of ${written.join(', ')} spell ${initials}, not ${acronym}. There is no single official expansion of ${acronym}, but each word must start with its letter, in order.`;
  }
  const letters = model.letters ?? [];
  const wrong: string[] = [];
  letters.forEach((letter, i) => {
    const item = items[i]?.join(' ');
    if (item === undefined || !letter.accept.some((a) => sameWords(item, a))) wrong.push(item === undefined ? `(missing ${letter.show})` : `'${capitalise(item)}'`);
  });
  if (items.length > letters.length) wrong.push(`${items.length - letters.length} extra step${items.length - letters.length > 1 ? 's' : ''}`);
  if (wrong.length === 0) return undefined;
  return `${acronym} stands for ${letters.map((l) => l.show).join(', ')}; ${wrong.join(', ')} ${wrong.length > 1 ? 'do' : 'does'} not match.`;
}

/** An item matches an accepted form word for word, by stem ("empathised", "apologised"), and may run on after it. */
function sameWords(item: string, accepted: string): boolean {
  const a = accepted.split(' ').map(stemOf);
  const w = item.split(' ').map(stemOf);
  return a.length <= w.length && a.every((s, i) => s === w[i]);
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
