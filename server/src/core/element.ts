import type { AnalysisContext } from './context.js';
import type { Pack } from './criteria.js';
import { phraseWords, stemOf } from './text/tokens.js';
import { documentFeatures } from './learned/features.js';
import type { ElementSource } from './types.js';

/**
 * Which element a document answers: front matter `element:` wins, then the option (a
 * flag or setting), then inference from the text. Inference compares the document's
 * title (first headings, front matter `title`/`unit`) with each pack's titles, and
 * adds how many of the pack's marking-point facets the text evidences.
 */
export interface ElementChoice {
  element: string;
  source: ElementSource;
  /** Set when front matter or the option named an element that no pack defines. */
  unknown?: { id: string; from: 'front-matter' | 'option' };
  /** For an inferred element: how sure the inference is, and the close second when there is one. */
  inference?: ElementInference;
}

export interface ElementInference {
  /** Share of the evidence for the chosen element, 0–1. */
  confidence: number;
  /** The next most likely element, when it came close (confidence margin under `CLOSE`). */
  runnerUp?: string;
}

/** Two elements whose shares differ by less than this are reported as a close call. */
export const CLOSE = 0.25;

const GENERIC = new Set(['and', 'the', 'of', 'a', 'an', 'in', 'to', 'for', 'on', 'custom', 'servic', 'unit', 'task', 'assign', 'element', 'my', 'our', 'at']);

export function chooseElement(ctx: AnalysisContext, packs: Map<string, Pack>, option?: string, learned = true): ElementChoice {
  const fm = ctx.doc.frontMatter?.data.element;
  let unknown: ElementChoice['unknown'];
  if (typeof fm === 'string' && fm.trim()) {
    if (packs.has(fm.trim())) return { element: fm.trim(), source: 'front-matter' };
    unknown = { id: fm.trim(), from: 'front-matter' };
  }
  if (option) {
    if (packs.has(option)) return { element: option, source: 'option', unknown };
    unknown ??= { id: option, from: 'option' };
  }
  const ranked = inferElement(ctx, packs, learned);
  const [first, second] = ranked;
  const inference: ElementInference = { confidence: round(first.share) };
  if (second && first.share - second.share < CLOSE) inference.runnerUp = second.element;
  return { element: first.element, source: 'inferred', unknown, inference };
}

/**
 * Elements ranked by their share of the evidence. Two judges are combined: the rules
 * (the title's overlap with each pack's titles, and how many facets the text evidences)
 * and, when it ships, the learned element model over the document's words and title.
 */
export function inferElement(ctx: AnalysisContext, packs: Map<string, Pack>, useLearned = true): Array<{ element: string; share: number }> {
  const titleWords = titleStems(ctx);
  const rules = ruleScores(ctx, packs, titleWords);
  const total = [...rules.values()].reduce((a, b) => a + b, 0) || 1;
  const learned = new Map(((useLearned && ctx.criteria.learned?.elementScores(documentFeatures(ctx.doc, [...titleWords]))) || []).map((s) => [s.element, s.probability]));
  const ranked = [...packs.keys()].map((element) => {
    const rule = (rules.get(element) ?? 0) / total;
    const share = learned.size ? (rule + (learned.get(element) ?? 0)) / 2 : rule;
    return { element, share };
  });
  return ranked.sort((a, b) => b.share - a.share || a.element.localeCompare(b.element));
}

/** Stems of the document's title: front matter `title`/`unit`/`module`, and its first two headings. */
export function titleStems(ctx: AnalysisContext): Set<string> {
  const titleWords = new Set<string>();
  const fm = ctx.doc.frontMatter?.data ?? {};
  for (const key of ['title', 'unit', 'element', 'module']) if (typeof fm[key] === 'string') stems(fm[key] as string).forEach((s) => titleWords.add(s));
  const headings = ctx.doc.blocks.filter((b) => b.kind === 'heading').slice(0, 2);
  for (const h of headings) stems(h.text).forEach((s) => titleWords.add(s));
  return titleWords;
}

function ruleScores(ctx: AnalysisContext, packs: Map<string, Pack>, titleWords: Set<string>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const pack of packs.values()) {
    let title = 0;
    for (const t of pack.inference?.titles ?? [pack.title]) {
      const words = stems(t);
      if (words.size === 0) continue;
      let hit = 0;
      for (const w of words) if (titleWords.has(w)) hit++;
      title = Math.max(title, hit / words.size);
    }
    // How much of the text answers each marking point: sentences that evidence any of
    // its facets, up to three per point, so one stray word does not decide the element.
    let evidenced = 0;
    for (const point of pack.markingPoints) {
      const handles = point.facets.flatMap((f) => f.concepts.map((c) => ctx.concept(c)));
      let n = 0;
      for (const s of ctx.doc.sentences) {
        if (s.block.kind !== 'heading' && handles.some((h) => ctx.matches[s.index].has(h)) && ++n >= 3) break;
      }
      evidenced += n / 3;
    }
    const facets = pack.markingPoints.length;
    const satisfied = evidenced;
    scores.set(pack.element, 3 * title + (facets ? satisfied / facets : 0));
  }
  return scores;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

/**
 * Title words, compared with their plural and possessive endings removed but not
 * stemmed: a Porter stem makes "organisation" and "Organise, plan and deliver" one word.
 */
function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of phraseWords(text)) {
    const s = titleForm(w);
    if (!GENERIC.has(stemOf(w)) && !/^\d/.test(s)) out.add(s);
  }
  return out;
}

function titleForm(word: string): string {
  const w = word.replace(/'s?$/, '');
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
}
