import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Root } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * The one parser entry of the engine: remark-parse with front matter and the parts of
 * GitHub Flavored Markdown (the same extensions remark-gfm installs) that the document
 * can contain. A table needs a `|`, a footnote `[^`, strikethrough `~`, an autolink
 * literal `www.`, `://` or `@`, a task item `[ ]`/`[x]`: a part whose trigger character
 * is absent cannot change the tree, and leaving it out keeps parsing close to the cost
 * of plain CommonMark (the table extension alone costs a third of a parse).
 */
const GFM_PARTS = [
  { test: (t: string) => t.includes('|'), micromark: gfmTable, mdast: gfmTableFromMarkdown },
  { test: (t: string) => t.includes('[^'), micromark: gfmFootnote, mdast: gfmFootnoteFromMarkdown },
  { test: (t: string) => t.includes('~'), micromark: () => gfmStrikethrough(), mdast: gfmStrikethroughFromMarkdown },
  {
    test: (t: string) => t.includes('www.') || t.includes('://') || t.includes('@'),
    micromark: gfmAutolinkLiteral,
    mdast: gfmAutolinkLiteralFromMarkdown,
  },
  { test: (t: string) => /\[[ xX]\]/.test(t), micromark: gfmTaskListItem, mdast: gfmTaskListItemFromMarkdown },
] as const;
const TABLE = 1;

const processors = new Map<number, Processor<Root>>();

function processorFor(mask: number): Processor<Root> {
  let processor = processors.get(mask);
  if (!processor) {
    const parts = GFM_PARTS.filter((_, i) => mask & (1 << i));
    processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, ['yaml'])
      .use(function gfmParts(this: Processor) {
        const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
        (data.micromarkExtensions ??= []).push(...parts.map((p) => p.micromark()));
        (data.fromMarkdownExtensions ??= []).push(...parts.map((p) => p.mdast()));
      })
      .freeze() as unknown as Processor<Root>;
    processors.set(mask, processor);
  }
  return processor;
}

/** A GFM table delimiter row: cells of dashes with optional colons, and a pipe. */
const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/** Parse Markdown into mdast with positions. */
export function parseMarkdown(text: string): Root {
  let mask = 0;
  GFM_PARTS.forEach((part, i) => {
    if (part.test(text)) mask |= 1 << i;
  });
  if (!(mask & TABLE)) return processorFor(mask).parse(text) as Root;
  // The table extension probes every line of the document and costs as much again as
  // the rest of the parse, while tables are a small part of an assignment. So parse
  // without it, then re-parse with it only the top-level paragraphs that hold a
  // delimiter row (without the extension a table is such a paragraph), and splice the
  // result in with its positions shifted. Anything less simple (a table in a list or a
  // quote) gets the full parse. test/markdown.test.ts holds this equal to the full parse.
  const tree = processorFor(mask & ~TABLE).parse(text) as Root;
  const rows = countDelimiterRows(text);
  if (rows === 0) return tree;
  // Link and footnote definitions resolve references anywhere: give each slice a copy.
  const definitions = tree.children
    .filter((n) => (n.type === 'definition' || n.type === 'footnoteDefinition') && n.position)
    .map((n) => text.slice(n.position!.start.offset!, n.position!.end.offset!))
    .join('\n\n');
  // All table paragraphs go into one parse (separated by blank lines, definitions at
  // the end): one parse of a few dozen lines, not one per table.
  const slices: Array<{ node: Root['children'][number]; text: string; at: number }> = [];
  let combined = '';
  let spliced = 0;
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    const slice = text.slice(node.position.start.offset!, node.position.end.offset!);
    const here = countDelimiterRows(slice);
    if (here === 0) continue;
    spliced += here;
    if (combined) combined += '\n\n';
    slices.push({ node, text: slice, at: combined.length });
    combined += slice;
  }
  // A delimiter row inside a list item, a block quote or code: take the exact, slower way.
  if (spliced !== rows) return processorFor(mask).parse(text) as Root;
  const part = processorFor(mask).parse(definitions ? `${combined}\n\n${definitions}` : combined) as Root;
  const replacement = new Map<unknown, Root['children']>(slices.map((s) => [s.node, []]));
  const lineOf = (offset: number) => countLines(combined, offset);
  for (const child of part.children) {
    const offset = child.position?.start.offset ?? 0;
    const owner = slices.find((s) => offset >= s.at && offset < s.at + s.text.length);
    if (!owner) continue; // a definition copied in for resolution
    const start = owner.node.position!.start;
    const firstLine = lineOf(owner.at);
    replacement.get(owner.node)!.push(shift(child, start.offset! - owner.at, start.line - firstLine, firstLine, start.column - 1));
  }
  tree.children = tree.children.flatMap((node) => replacement.get(node) ?? [node]);
  return tree;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Lines that look like a table delimiter row, counted generously: block-quote markers
 * and indentation are ignored, so that a row inside a quote or a list is counted here
 * but not among the top-level paragraphs, which sends the text to the full parse.
 */
function countDelimiterRows(text: string): number {
  let n = 0;
  for (const line of text.split('\n')) {
    if (!line.includes('|') || !line.includes('-')) continue;
    if (DELIMITER_ROW.test(line.replace(/^[\s>]*/, ''))) n++;
  }
  return n;
}

/** Shift the positions of a subtree parsed from a slice back into the whole text. */
function shift<T extends { position?: Position; children?: unknown[] }>(node: T, offset: number, lines: number, firstLine: number, columns: number): T {
  const move = (p: Point) => {
    if (p.line === firstLine) p.column += columns;
    p.line += lines;
    p.offset = (p.offset ?? 0) + offset;
  };
  if (node.position) {
    move(node.position.start);
    move(node.position.end);
  }
  for (const child of (node.children ?? []) as Array<{ position?: Position; children?: unknown[] }>) shift(child, offset, lines, firstLine, columns);
  return node;
}
