import type { AnalysisContext } from './context.js';
import type { Pack } from './criteria.js';
import { phraseWords, stemOf } from './text/tokens.js';
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
}

const GENERIC = new Set(['and', 'the', 'of', 'a', 'an', 'in', 'to', 'for', 'on', 'custom', 'servic', 'unit', 'task', 'assign', 'element', 'my', 'our', 'at']);

export function chooseElement(ctx: AnalysisContext, packs: Map<string, Pack>, option?: string): ElementChoice {
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
  return { element: inferElement(ctx, packs), source: 'inferred', unknown };
}

export function inferElement(ctx: AnalysisContext, packs: Map<string, Pack>): string {
  const titleWords = new Set<string>();
  const fm = ctx.doc.frontMatter?.data ?? {};
  for (const key of ['title', 'unit', 'element', 'module']) if (typeof fm[key] === 'string') stems(fm[key] as string).forEach((s) => titleWords.add(s));
  const headings = ctx.doc.blocks.filter((b) => b.kind === 'heading').slice(0, 2);
  for (const h of headings) stems(h.text).forEach((s) => titleWords.add(s));

  let best = '';
  let bestScore = -1;
  for (const pack of packs.values()) {
    let title = 0;
    for (const t of pack.inference?.titles ?? [pack.title]) {
      const words = stems(t);
      if (words.size === 0) continue;
      let hit = 0;
      for (const w of words) if (titleWords.has(w)) hit++;
      title = Math.max(title, hit / words.size);
    }
    let facets = 0;
    let satisfied = 0;
    for (const point of pack.markingPoints) {
      for (const facet of point.facets) {
        facets++;
        const handles = facet.concepts.map((c) => ctx.concept(c));
        if (ctx.doc.sentences.some((s) => s.block.kind !== 'heading' && handles.some((h) => ctx.matches[s.index].has(h)))) satisfied++;
      }
    }
    const score = 3 * title + (facets ? satisfied / facets : 0);
    if (score > bestScore) {
      bestScore = score;
      best = pack.element;
    }
  }
  return best;
}

function stems(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of phraseWords(text)) {
    const s = stemOf(w);
    if (!GENERIC.has(s) && !/^\d/.test(s)) out.add(s);
  }
  return out;
}
