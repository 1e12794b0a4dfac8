import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../server/src/core/markdown.js';

/**
 * The engine's parser takes shortcuts for speed (it loads GFM parts only when their
 * trigger characters occur, and parses tables region by region). It must give exactly
 * the tree that remark-parse with front matter and every GFM part gives, positions
 * included, on every Markdown file we have and on the tricky cases below.
 */
const full = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(function gfm(this: Processor) {
    const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
    (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote(), gfmStrikethrough(), gfmAutolinkLiteral(), gfmTaskListItem());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmAutolinkLiteralFromMarkdown(), gfmTaskListItemFromMarkdown());
  });

const root = join(import.meta.dirname, '..');
function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(path).isDirectory() ? markdownFiles(path) : name.endsWith('.md') ? [path] : [];
  });
}

const files = [...markdownFiles(join(root, 'examples')), ...markdownFiles(join(root, 'test')), ...markdownFiles(join(root, 'docs'))];
const dev = join(root, '..', 'shared', 'corpus', 'dev');
try {
  files.push(...markdownFiles(dev));
} catch {
  // the shared corpus is optional here
}

const cases: Array<[string, string]> = [
  ['a table that interrupts a paragraph', 'Text before\n| a | b |\n|---|---|\n| 1 | 2 |\nText after\n'],
  ['an indented table', '   | a | b |\n   | - | - |\n   | 1 | 2 |\n'],
  ['a table in a list item', '- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n'],
  ['a table in a block quote', '> | a | b |\n> |---|---|\n> | 1 | 2 |\n'],
  ['pipes that are not a table', 'a | b\nc | d\n\n---\n'],
  ['a delimiter-like line without a header', '|---|---|\n'],
  ['two tables and front matter', '---\nx: 1\n---\n\n| a |\n| - |\n| 1 |\n\n# H\n\n| c | d |\n|:-|-:|\n| 3 | 4 |\n'],
  ['a table with footnotes, links and emphasis', '| *a* | [b](http://x.y) |\n|---|---|\n| c[^1] | ~d~ |\n\n[^1]: note\n'],
];

describe('parseMarkdown equals the full GFM parse', () => {
  it('has files to compare', () => {
    expect(files.length).toBeGreaterThan(40);
  });
  it.each(files.map((f) => [f.slice(root.length + 1), f]))('%s', (_, file) => {
    const text = readFileSync(file, 'utf8');
    expect(parseMarkdown(text)).toEqual(full.parse(text));
  });
  it.each(cases)('%s', (_, text) => {
    expect(parseMarkdown(text)).toEqual(full.parse(text));
  });
});
