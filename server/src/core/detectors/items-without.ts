import { tokenRange, type Detector, type Hit } from '../context.js';
import type { Block } from '../document.js';
import { sentenceIsGuarded } from '../guards.js';

/**
 * `items-without`: statements of a kind that must carry something. Objectives are
 * either list items introduced by a line that names them ("My objectives were:") or
 * sentences that state one ("My objective is to…"); each must contain the `require`
 * concept (a number, a target, a measure or a time).
 */
export const itemsWithout: Detector = (ctx, check) => {
  const spec = check.detector;
  if (spec.kind !== 'items-without') return [];
  const intro = ctx.concept(spec.intro);
  const statement = ctx.concept(spec.statement);
  const require = ctx.concept(spec.require);
  const hits: Hit[] = [];
  const blocks = ctx.doc.blocks;
  const seen = new Set<number>();

  for (let i = 1; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block.list || block.quoted || blocks[i - 1].list?.id === block.list.id) continue;
    // Introduced by a line that names objectives, or by any lead-in ("Agreed with our
    // manager:") in a section headed by them.
    const lead = blocks[i - 1];
    const heading = block.section.heading;
    const underObjectives = !!heading && heading !== lead && introduces(heading, intro) && (lead.kind === 'heading' || lead.text.trimEnd().endsWith(':'));
    if (!introduces(lead, intro) && !underObjectives) continue;
    for (let j = i; j < blocks.length && blocks[j].list?.id === block.list.id; j++) {
      const item = blocks[j];
      if (item.sentences.length === 0 || item.sentences.some((s) => ctx.matches[s.index].has(require))) continue;
      const first = item.sentences[0];
      const last = item.sentences[item.sentences.length - 1];
      seen.add(first.index);
      hits.push({ range: { start: first.start, end: last.end } });
    }
  }

  // A table with an objectives column: each objective needs a measure in its row.
  const columns = new Map<number, number>();
  // Not a table of results ("| Objective | Result | Met? |"): that evaluates, it does not plan.
  const results = new Set(blocks.filter((b) => b.table?.header && /\b(result|results|met|achieved|outcome|outcomes)\b/i.test(b.text)).map((b) => b.table!.id));
  for (const b of blocks) {
    if (b.table?.header && !b.quoted && !results.has(b.table.id) && b.sentences.some((s) => ctx.matches[s.index].has(intro)) && !b.sentences.some((s) => ctx.has(s, 'values'))) columns.set(b.table.id, b.table.column);
  }
  for (const b of blocks) {
    if (!b.table || b.table.header || columns.get(b.table.id) !== b.table.column || b.sentences.length === 0) continue;
    // The row's other cells may hold the measure; a numbering cell ("4") does not.
    const row = blocks.filter((o) => o.unit === b.unit && !/^\s*\d+[.)]?\s*$/.test(o.text));
    if (row.some((o) => o.sentences.some((s) => ctx.matches[s.index].has(require)))) continue;
    const first = b.sentences[0];
    seen.add(first.index);
    hits.push({ range: { start: first.start, end: b.sentences[b.sentences.length - 1].end } });
  }

  for (const sentence of ctx.doc.sentences) {
    if (seen.has(sentence.index) || sentenceIsGuarded(ctx, sentence)) continue;
    const m = ctx.matches[sentence.index];
    // "My objective is to…", or a label: "Objective: improve…", "Aim - make…".
    const stated = m.of(statement)[0] ?? m.of(intro).find((t) => t.start <= 2 && /[:–—-]/.test(sentence.tokens[t.end]?.before ?? ''));
    if (!stated) continue;
    const text = ctx.doc.text.slice(sentence.start, sentence.end);
    if (/:\s*$/.test(text) || stated.end >= sentence.tokens.length - 1) continue;
    // "My objective is to…", "Objective 3: …": a statement, not a report ("Objective 2 was met").
    const after = sentence.tokens[stated.end];
    if (after.lower !== 'to' && !/[:–—-]/.test(after.before)) continue;
    if (m.of(require).some((r) => r.start >= stated.end)) continue;
    hits.push({ range: tokenRange(sentence, stated.start, sentence.tokens.length) });
  }
  return hits;

  function introduces(block: Block, concept: number): boolean {
    if (block.quoted) return false;
    const source = ctx.doc.text.slice(block.start, block.end).replace(/[*_\s]+$/, '');
    if (block.kind !== 'heading' && !source.endsWith(':')) return false;
    // "Our values:" introduces values, not objectives, even beside the word "aims".
    if (block.sentences.some((s) => ctx.has(s, 'values'))) return false;
    return block.sentences.some((s) => ctx.matches[s.index].has(concept));
  }
};
