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

/** Parse Markdown into mdast with positions. */
export function parseMarkdown(text: string): Root {
  let mask = 0;
  GFM_PARTS.forEach((part, i) => {
    if (part.test(text)) mask |= 1 << i;
  });
  return processorFor(mask).parse(text) as Root;
}
