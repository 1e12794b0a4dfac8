import type { Nodes, Root, RootContent, PhrasingContent } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { parseMarkdown } from './markdown.js';
import { sentenceSpans } from './text/sentences.js';
import { tokenize, type Token } from './text/tokens.js';

/**
 * The document model: the learner's prose as blocks, sentences and words, each with
 * UTF-16 offsets into the original text. Front matter, code, HTML comments and link
 * URLs are not prose and never appear here.
 */

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'tableCell';

export interface Sentence {
  index: number;
  block: Block;
  start: number;
  end: number;
  tokens: Token[];
}

export interface Block {
  index: number;
  kind: BlockKind;
  /** Heading depth (1–6); 0 for other blocks. */
  depth: number;
  start: number;
  end: number;
  /** The block's prose, soft line breaks folded to spaces. */
  text: string;
  sentences: Sentence[];
  /** Inside a block quote: someone else's words. */
  quoted: boolean;
  /** Inside a footnote definition. */
  footnote: boolean;
  /** Inside the reference list (a "References" or "Bibliography" section). */
  references: boolean;
  section: Section;
  /** Paragraph-scope unit: a table row's cells share one; other blocks have their own. */
  unit: number;
  list?: { id: number; item: number; ordered: boolean };
  table?: { id: number; row: number; column: number; header: boolean };
}

export interface Section {
  index: number;
  heading?: Block;
  depth: number;
  title: string;
  start: number;
  /** End of the section including its subsections. */
  end: number;
  /** Blocks directly under this heading (not those of subsections). */
  blocks: Block[];
}

export interface Directive {
  kind: 'disable-next-line' | 'disable-line' | 'disable' | 'enable';
  /** Check IDs; empty means every check. */
  checks: string[];
  start: number;
  end: number;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  start: number;
  end: number;
  /** Set when the YAML does not parse; `data` is then empty. */
  error?: string;
}

export interface DocumentModel {
  text: string;
  frontMatter?: FrontMatter;
  blocks: Block[];
  sentences: Sentence[];
  sections: Section[];
  directives: Directive[];
  /** Words of prose, as an assessor counts them (no references, code or comments). */
  wordCount: number;
  /** The normaliser that has rewritten the tokens' `lower` and `stem` (see text/normalise.ts). */
  normalisedBy?: object;
}

const REFERENCE_HEADING = /^(?:\d+(?:\.\d+)*\.?\s*)?(?:references?|reference list|bibliography|sources|works cited)\s*$/i;
const DIRECTIVE = /<!--\s*markpoint-(disable-next-line|disable-line|disable|enable)\b([\s\S]*?)-->/g;

interface Context {
  quoted: boolean;
  footnote: boolean;
  list?: Block['list'];
}

const PSEUDO_HEADING_MAX = 160;

/** A paragraph that is one bold run, short, and not a sentence of prose ending in a full stop after many words. */
function isPseudoHeading(node: { children: PhrasingContent[] }): boolean {
  if (node.children.length !== 1 || node.children[0].type !== 'strong') return false;
  const text = plainText(node.children[0]);
  return text.length > 0 && text.length <= PSEUDO_HEADING_MAX;
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** Build the document model of a Markdown text. */
export function buildDocument(text: string): DocumentModel {
  const root: Root = parseMarkdown(text);
  const builder = new Builder(text);
  builder.root(root);
  return builder.finish();
}

class Builder {
  blocks: Block[] = [];
  sentences: Sentence[] = [];
  sections: Section[] = [];
  directives: Directive[] = [];
  frontMatter?: FrontMatter;
  private units = 0;
  private lists = 0;
  private tables = 0;
  private section: Section;
  private inReferences = false;
  /** Depth of the last Markdown heading: bold pseudo-headings sit one level below it. */
  private headingDepth = 0;
  private referencesDepth = 0;

  constructor(private readonly source: string) {
    this.section = { index: 0, depth: 0, title: '', start: 0, end: source.length, blocks: [] };
    this.sections.push(this.section);
  }

  root(root: Root): void {
    for (const child of root.children) this.flow(child, { quoted: false, footnote: false });
  }

  finish(): DocumentModel {
    // A section runs to the next heading of the same or a higher level, so it contains
    // its subsections: a finding under "### Data protection" is inside "## Policies".
    for (let i = 0; i < this.sections.length; i++) {
      const section = this.sections[i];
      const next = this.sections.slice(i + 1).find((s) => section.depth === 0 || s.depth <= section.depth);
      section.end = next && section.depth > 0 ? next.start : this.source.length;
    }
    let wordCount = 0;
    for (const block of this.blocks) if (!block.references) wordCount += countWords(block.text);
    return {
      text: this.source,
      frontMatter: this.frontMatter,
      blocks: this.blocks,
      sentences: this.sentences,
      sections: this.sections,
      directives: this.directives,
      wordCount,
    };
  }

  private flow(node: RootContent, ctx: Context): void {
    switch (node.type) {
      case 'yaml':
        this.yaml(node.value, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
        return;
      case 'heading': {
        const block = this.block('heading', node, node.children, ctx, node.depth);
        if (block) this.openSection(block);
        if (!ctx.quoted) this.headingDepth = node.depth;
        return;
      }
      case 'paragraph': {
        // A line all in bold ("**Q3. Which factors can we control?**") is a heading as
        // the learner uses it: a question or a title, with the answer in what follows.
        if (!ctx.list && !ctx.quoted && isPseudoHeading(node)) {
          const block = this.block('heading', node, node.children, ctx, Math.min(6, this.headingDepth + 1));
          if (block) this.openSection(block);
          return;
        }
        this.block(ctx.list ? 'listItem' : 'paragraph', node, node.children, ctx);
        return;
      }
      case 'blockquote':
        for (const child of node.children) this.flow(child, { ...ctx, quoted: true });
        return;
      case 'list': {
        const id = ++this.lists;
        node.children.forEach((item, i) => {
          for (const child of item.children) {
            const inner: Context = { ...ctx, list: child.type === 'list' ? ctx.list : { id, item: i, ordered: !!node.ordered } };
            this.flow(child, inner);
          }
        });
        return;
      }
      case 'table': {
        const id = ++this.tables;
        node.children.forEach((row, r) => {
          const unit = ++this.units;
          row.children.forEach((cell, c) => {
            const block = this.block('tableCell', cell, cell.children, ctx, 0, unit);
            if (block) block.table = { id, row: r, column: c, header: r === 0 };
          });
        });
        return;
      }
      case 'footnoteDefinition':
        for (const child of node.children) this.flow(child, { ...ctx, footnote: true });
        return;
      case 'html':
        this.html(node.value, node.position?.start.offset ?? 0);
        return;
      default:
        // code, thematicBreak, definition, math: not the learner's prose.
        return;
    }
  }

  private yaml(value: string, start: number, end: number): void {
    try {
      const data: unknown = parseYaml(value);
      this.frontMatter = { data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {}, start, end };
    } catch (error) {
      this.frontMatter = { data: {}, start, end, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
    }
  }

  private html(value: string, offset: number): void {
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(value); m; m = DIRECTIVE.exec(value)) {
      const checks = m[2].split(/[\s,]+/).filter(Boolean);
      this.directives.push({
        kind: m[1] as Directive['kind'],
        checks,
        start: offset + m.index,
        end: offset + m.index + m[0].length,
      });
    }
  }

  private openSection(heading: Block): void {
    const title = heading.text.trim();
    if (this.inReferences && heading.depth <= this.referencesDepth) this.inReferences = false;
    if (REFERENCE_HEADING.test(title)) {
      this.inReferences = true;
      this.referencesDepth = heading.depth;
    }
    heading.references = this.inReferences;
    const section: Section = { index: this.sections.length, heading, depth: heading.depth, title, start: heading.start, end: heading.end, blocks: [heading] };
    heading.section = section;
    this.section.blocks.pop();
    this.sections.push(section);
    this.section = section;
  }

  private block(kind: BlockKind, node: Nodes, children: PhrasingContent[], ctx: Context, depth = 0, unit?: number): Block | undefined {
    const inline = new InlineText(this.source);
    for (const child of children) inline.add(child, (v, o) => this.html(v, o));
    if (!inline.text.trim()) return undefined;
    const block: Block = {
      index: this.blocks.length,
      kind,
      depth,
      start: node.position?.start.offset ?? 0,
      end: node.position?.end.offset ?? 0,
      text: inline.text,
      sentences: [],
      quoted: ctx.quoted,
      footnote: ctx.footnote,
      references: this.inReferences,
      section: this.section,
      unit: unit ?? ++this.units,
      list: ctx.list,
    };
    const spans = kind === 'heading' ? [[0, inline.text.length] as [number, number]] : sentenceSpans(inline.text);
    for (const [s, e] of spans) {
      const tokens = tokenize(inline.text, (i) => inline.offsetOf(i), s, e);
      if (tokens.length === 0) continue;
      const sentence: Sentence = { index: this.sentences.length, block, start: tokens[0].start, end: inline.offsetOf(e - 1) + 1, tokens };
      block.sentences.push(sentence);
      this.sentences.push(sentence);
    }
    this.blocks.push(block);
    this.section.blocks.push(block);
    return block;
  }
}

/**
 * The prose of one block, with a map from each character back to its offset in the
 * source (escapes, entities and list indentation make the two differ).
 */
class InlineText {
  text = '';
  private chunks: Array<{ at: number; src: number; map?: Int32Array }> = [];

  constructor(private readonly source: string) {}

  add(node: PhrasingContent, onHtml: (value: string, offset: number) => void): void {
    switch (node.type) {
      case 'text':
        this.push(node.value, node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
        return;
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference':
        for (const child of node.children) this.add(child, onHtml);
        return;
      case 'break':
        this.push(' ', node.position?.start.offset ?? 0, (node.position?.start.offset ?? 0) + 1, true);
        return;
      case 'html':
        onHtml(node.value, node.position?.start.offset ?? 0);
        return;
      default:
        // inlineCode, image, footnoteReference: not prose. Keep words apart.
        if (this.text && !this.text.endsWith(' ')) this.push(' ', node.position?.start.offset ?? 0, node.position?.start.offset ?? 0, true);
        return;
    }
  }

  private cursor = 0;

  /** Source offset of character `i`. Calls come in increasing order, so walk a cursor. */
  offsetOf(i: number): number {
    const chunks = this.chunks;
    let c = this.cursor;
    if (c < chunks.length && chunks[c].at <= i && (c + 1 >= chunks.length || chunks[c + 1].at > i)) return this.resolve(chunks[c], i);
    while (c + 1 < chunks.length && chunks[c + 1].at <= i) c++;
    if (chunks[c] && chunks[c].at <= i) {
      this.cursor = c;
      return this.resolve(chunks[c], i);
    }
    return this.search(i);
  }

  private resolve(chunk: { at: number; src: number; map?: Int32Array }, i: number): number {
    return chunk.map ? chunk.map[Math.min(i - chunk.at, chunk.map.length - 1)] : chunk.src + (i - chunk.at);
  }

  private search(i: number): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.chunks[mid].at <= i) lo = mid;
      else hi = mid - 1;
    }
    const chunk = this.chunks[lo];
    if (!chunk) return 0;
    return chunk.map ? chunk.map[Math.min(i - chunk.at, chunk.map.length - 1)] : chunk.src + (i - chunk.at);
  }

  private push(value: string, start: number, end: number, synthetic = false): void {
    const at = this.text.length;
    const folded = value.replace(/\n/g, ' ');
    this.text += folded;
    const slice = this.source.slice(start, end);
    if (synthetic || slice === value) {
      this.chunks.push({ at, src: start });
      return;
    }
    // Align the value with its source: skip source characters (backslashes, entity
    // bodies, indentation of continuation lines) that the parser removed.
    const map = new Int32Array(value.length);
    let j = 0;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i];
      while (j < slice.length && slice[j] !== ch && !(isSpace(ch) && isSpace(slice[j]))) j++;
      map[i] = start + Math.min(j, Math.max(slice.length - 1, 0));
      if (j < slice.length) j++;
    }
    this.chunks.push({ at, src: start, map });
  }
}

/** Words as a word processor counts them: runs of non-space holding a letter or digit. */
function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
}

function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  let counted = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 10 || code === 9 || code === 13 || code === 160) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      counted = false;
    }
    if (!counted && isWordChar(code, text[i])) {
      n++;
      counted = true;
    }
  }
  return n;
}

function isWordChar(code: number, ch: string): boolean {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  return code > 127 && /[\p{L}\p{N}]/u.test(ch);
}
