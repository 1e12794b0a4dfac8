import { tokenRange, type AnalysisContext, type Detector, type Hit } from '../context.js';
import type { Block, Sentence } from '../document.js';
import type { Match } from '../lexicon.js';
import { isNegated, sentenceIsGuarded } from '../guards.js';

type FactorClass = 'internal' | 'external';

const COPULA = new Set(['is', 'are', 'was', 'were']);
const CLAUSE_END = /[,;:()–—]/;
const CLAUSE_WORDS = new Set(['because', 'while', 'whereas', 'but', 'since', 'as', 'which', 'so', 'although', 'though', 'when', 'if']);
const LEAD_WORDS = 6;

/**
 * `factor-classification`: a factor whose class is a fact (customer expectations and the
 * economy are external; staff training and culture are internal) is called the other
 * kind. It reads three shapes a learner writes in:
 *   - "X is an internal factor" (the subject of the label) and "Another internal factor
 *     is X" / "internal factors such as X" (its complement);
 *   - a list introduced by "Internal factors:" whose items lead with a factor;
 *   - a table with an "Internal or external" column.
 * A span that names factors of both classes is ambiguous and never fires.
 */
export const factorClassification: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'factor-classification') return [];
  const classes = {
    internal: ctx.concept(spec.internal),
    external: ctx.concept(spec.external),
  };
  const labels: Array<[FactorClass, number]> = [
    ['internal', ctx.concept(spec.internalLabel)],
    ['external', ctx.concept(spec.externalLabel)],
  ];
  const hits: Hit[] = [];

  /** The one class named in tokens [from, to), or undefined when none or both. */
  const classIn = (sentence: Sentence, from: number, to: number): { cls: FactorClass; match: Match } | undefined => {
    const m = ctx.matches[sentence.index];
    const internal = m.of(classes.internal).find((x) => x.start >= from && x.end <= to);
    const external = m.of(classes.external).find((x) => x.start >= from && x.end <= to);
    if (internal && !external) return { cls: 'internal', match: internal };
    if (external && !internal) return { cls: 'external', match: external };
    return undefined;
  };

  const flagged = new Set<number>();
  const report = (sentence: Sentence, from: number, to: number) => {
    if (flagged.has(sentence.index)) return;
    flagged.add(sentence.index);
    hits.push({ range: tokenRange(sentence, from, to), values: factorValues(ctx, sentence, from, to, classes) });
  };

  // 1. Labels in running prose.
  for (const sentence of ctx.doc.sentences) {
    if (sentenceIsGuarded(ctx, sentence)) continue;
    const tokens = sentence.tokens;
    const m = ctx.matches[sentence.index];
    for (const [label, handle] of labels) {
      for (const lab of m.of(handle)) {
        if (isNegated(ctx, sentence, [lab])) continue;
        // "X is/are (an|a|also) <label>": X runs back to the start of the clause.
        let c = lab.start - 1;
        while (c >= 0 && ['an', 'a', 'also', 'another', 'one', 'the', 'definitely', 'clearly', 'mainly', 'mostly'].includes(tokens[c].lower)) c--;
        if (c > 0 && COPULA.has(tokens[c].lower) && !CLAUSE_END.test(tokens[c].before)) {
          let s = c;
          while (s > 0 && !CLAUSE_END.test(tokens[s].before) && !CLAUSE_WORDS.has(tokens[s - 1].lower)) s--;
          const found = classIn(sentence, s, c);
          if (found && found.cls !== label) report(sentence, s, lab.end);
          continue;
        }
        // "<label> is/are/include(s)/such as/like X": X runs to the end of the clause.
        let k = lab.end;
        while (k < tokens.length && ['is', 'are', 'was', 'were', 'include', 'includes', 'included', 'such', 'as', 'like', 'e.g.', 'would', 'be', 'could'].includes(tokens[k].lower) && !CLAUSE_END.test(tokens[k].before.replace(':', ''))) k++;
        // "Internal factor: competitors…" — a colon or dash introduces the factor directly.
        const introduced = k === lab.end && k < tokens.length && /[:–—-]/.test(tokens[k].before);
        if ((k === lab.end && !introduced) || k >= tokens.length) continue;
        let e = k;
        while (e < tokens.length && (e === k || !CLAUSE_END.test(tokens[e].before)) && !CLAUSE_WORDS.has(tokens[e].lower)) e++;
        const found = classIn(sentence, k, e);
        if (found && found.cls !== label) report(sentence, lab.start, e);
      }
    }
  }

  // 2. Lists introduced by a label: "Internal factors:" then items.
  const blocks = ctx.doc.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block.list || block.quoted || block.list.item !== 0 || (i > 0 && blocks[i - 1].list?.id === block.list.id)) continue;
    const intro = introLabel(ctx, blocks[i - 1], labels);
    if (!intro) continue;
    for (let j = i; j < blocks.length && blocks[j].list?.id === block.list.id; j++) {
      const item = blocks[j];
      const first = item.sentences[0];
      if (!first || item.sentences.some((s) => labels.some(([, h]) => ctx.matches[s.index].has(h)))) continue;
      let e = 0;
      while (e < first.tokens.length && e < LEAD_WORDS && (e === 0 || !CLAUSE_END.test(first.tokens[e].before))) e++;
      const found = classIn(first, 0, e);
      if (found && found.cls !== intro) report(first, 0, e);
    }
  }

  // 3. Tables with a column of classes: a header such as "Internal or external" or
  // "Type", or simply cells that all start with "internal" or "external".
  const tables = new Map<number, Block[]>();
  for (const b of blocks) if (b.table && !b.quoted) (tables.get(b.table.id) ?? tables.set(b.table.id, []).get(b.table.id)!).push(b);
  const classOf = (text: string): FactorClass | undefined => {
    const t = text.trim().toLowerCase();
    return t.startsWith('internal') ? 'internal' : t.startsWith('external') ? 'external' : undefined;
  };
  for (const cells of tables.values()) {
    const body = cells.filter((c) => !c.table!.header);
    const columns = [...new Set(body.map((c) => c.table!.column))];
    const classColumn = columns.find((col) => {
      const column = body.filter((c) => c.table!.column === col);
      return column.length > 0 && column.filter((c) => classOf(c.text)).length * 2 > column.length;
    });
    if (classColumn === undefined) continue;
    const factorColumn = classColumn === 0 ? 1 : 0;
    const rows = new Map<number, Block[]>();
    for (const c of body) (rows.get(c.table!.row) ?? rows.set(c.table!.row, []).get(c.table!.row)!).push(c);
    for (const row of rows.values()) {
      const factor = row.find((c) => c.table!.column === factorColumn);
      const named = classOf(row.find((c) => c.table!.column === classColumn)?.text ?? '');
      const sentence = factor?.sentences[0];
      if (!sentence || !named) continue;
      const found = classIn(sentence, 0, sentence.tokens.length);
      if (found && found.cls !== named) report(sentence, 0, sentence.tokens.length);
    }
  }

  // 4. Tables whose columns are the classes: "| Internal factors | External factors |".
  for (const cells of tables.values()) {
    const headers = new Map<number, FactorClass>();
    for (const c of cells) {
      if (!c.table!.header) continue;
      const cls = introLabel(ctx, c, labels, true);
      if (cls) headers.set(c.table!.column, cls);
    }
    if (headers.size === 0) continue;
    for (const c of cells) {
      const named = headers.get(c.table!.column);
      const sentence = c.sentences[0];
      if (c.table!.header || !named || !sentence || c.sentences.some((x) => labels.some(([, h]) => ctx.matches[x.index].has(h)))) continue;
      let e = 0;
      while (e < sentence.tokens.length && e < LEAD_WORDS && (e === 0 || !CLAUSE_END.test(sentence.tokens[e].before))) e++;
      const found = classIn(sentence, 0, e);
      if (found && found.cls !== named) report(sentence, 0, e);
    }
  }
  return hits;
};

function introLabel(ctx: AnalysisContext, block: Block | undefined, labels: Array<[FactorClass, number]>, header = false): FactorClass | undefined {
  if (!block || block.quoted) return undefined;
  const last = block.sentences[block.sentences.length - 1];
  if (!last) return undefined;
  if (block.kind !== 'heading' && !header && !/:\s*$/.test(ctx.doc.text.slice(block.start, block.end).replace(/[*_\s]+$/, ''))) return undefined;
  const named = new Set<FactorClass>();
  for (const s of block.sentences) for (const [cls, h] of labels) if (ctx.matches[s.index].has(h)) named.add(cls);
  return named.size === 1 ? [...named][0] : undefined;
}

const REASONS: Record<FactorClass, string> = {
  external: 'it comes from outside the organisation, which cannot control it, only respond to it.',
  internal: 'it comes from inside the organisation, which can control or change it.',
};

function factorValues(ctx: AnalysisContext, sentence: Sentence, from: number, to: number, classes: Record<FactorClass, number>): Record<string, string> {
  const m = ctx.matches[sentence.index];
  for (const cls of ['external', 'internal'] as FactorClass[]) {
    const hit = m.of(classes[cls]).find((x) => x.start >= from && x.end <= to);
    if (hit) {
      const words = sentence.tokens.slice(hit.start, hit.end).map((t) => t.text).join(' ');
      return { factor: words.charAt(0).toUpperCase() + words.slice(1), correct: `an ${cls} factor`, reason: REASONS[cls] };
    }
  }
  return { factor: 'This factor', correct: 'the other kind', reason: '' };
}
