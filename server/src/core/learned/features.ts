import type { AnalysisContext } from '../context.js';
import type { Block, DocumentModel, Sentence } from '../document.js';

/**
 * Features of the learned layer. The same functions feed training (scripts/train.ts)
 * and analysis, so a model always sees what it was trained on. Every feature is a
 * short readable string, so a reviewer can read the weights:
 *   - `w:<stem>` a word (normalised, then Porter-stemmed), `b:<stem>_<stem>` a pair of
 *     neighbouring words;
 *   - `c:<chars>` a four-letter piece of a word with its boundaries (`^man`, `ment$`),
 *     which carries misspelt and unseen forms towards the words they resemble;
 *   - `k:<concept>` a concept of the lexicon matched in the sentence;
 *   - `h:<stem>` a word of the heading the sentence sits under, `l:<stem>` a word of a
 *     list's lead-in ("Our objectives:"), `t:<stem>` a word of a table column's header:
 *     what the passage is for;
 *   - `x:<shape>` the sentence's shape: a list item, a table cell, a number, a colon.
 */

const MAX_CONTEXT_WORDS = 8;

export function sentenceFeatures(ctx: AnalysisContext, sentence: Sentence): string[] {
  const out = new Set<string>();
  const tokens = sentence.tokens;
  let previous = '';
  for (const token of tokens) {
    const stem = /^\d/.test(token.lower) ? '#' : token.stem;
    out.add('w:' + stem);
    if (previous) out.add('b:' + previous + '_' + stem);
    previous = stem;
    const word = token.lower;
    if (word.length >= 4 && /^[a-z]+$/.test(word)) {
      const padded = '^' + word + '$';
      for (let i = 0; i + 4 <= padded.length; i++) out.add('c:' + padded.slice(i, i + 4));
    }
  }
  const lexicon = ctx.criteria.lexicon;
  for (const id of ctx.matches[sentence.index].concepts()) out.add('k:' + lexicon.ids[id]);
  const block = sentence.block;
  if (block.kind === 'listItem') out.add('x:list');
  if (block.kind === 'tableCell') out.add('x:cell');
  const text = ctx.doc.text.slice(sentence.start, sentence.end);
  if (text.includes(':')) out.add('x:colon');
  if (tokens.some((t) => t.quoted)) out.add('x:quote');
  for (const stem of contextWords(ctx.doc, block, 'heading')) out.add('h:' + stem);
  for (const stem of contextWords(ctx.doc, block, 'lead-in')) out.add('l:' + stem);
  for (const stem of contextWords(ctx.doc, block, 'column')) out.add('t:' + stem);
  return [...out];
}

/** Words of what a block sits under: its heading, its list's lead-in, its column's header. */
export function contextWords(doc: DocumentModel, block: Block, what: 'heading' | 'lead-in' | 'column'): string[] {
  let source: Block | undefined;
  if (what === 'heading') source = block.kind === 'heading' ? undefined : block.section.heading;
  else if (what === 'lead-in') source = leadIn(doc, block);
  else if (block.table && !block.table.header) {
    const { id, column } = block.table;
    for (let i = block.index - 1; i >= 0; i--) {
      const b = doc.blocks[i];
      if (b.table?.id !== id) break;
      if (b.table.header && b.table.column === column) {
        source = b;
        break;
      }
    }
  }
  if (!source) return [];
  const words: string[] = [];
  for (const s of source.sentences) for (const t of s.tokens) if (words.length < MAX_CONTEXT_WORDS && !/^\d/.test(t.lower)) words.push(t.stem);
  return words;
}

/** The paragraph that introduces a list ("In line with the Act we:"), for a list item. */
export function leadIn(doc: DocumentModel, block: Block): Block | undefined {
  if (!block.list) return undefined;
  const id = block.list.id;
  let i = block.index - 1;
  while (i >= 0 && doc.blocks[i].list?.id === id) i--;
  const before = doc.blocks[i];
  if (!before || before.kind !== 'paragraph' || before.section !== block.section) return undefined;
  return before;
}

/** Document features for element inference: body words, and the words of titles and headings. */
export function documentFeatures(doc: DocumentModel, title: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (f: string, n = 1) => counts.set(f, (counts.get(f) ?? 0) + n);
  for (const s of doc.sentences) {
    const heading = s.block.kind === 'heading';
    if (s.block.references) continue;
    for (const t of s.tokens) {
      if (/^\d/.test(t.lower) || t.lower.length < 3) continue;
      add((heading ? 'h:' : 'w:') + t.stem);
    }
  }
  for (const stem of title) add('T:' + stem);
  return counts;
}
