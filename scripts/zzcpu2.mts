import { parseMarkdown } from '../server/src/core/markdown.ts';
import { benchmarkAssignment } from './bench.ts';
import { unified } from 'unified'; import remarkParse from 'remark-parse'; import remarkFrontmatter from 'remark-frontmatter';
const text = benchmarkAssignment(); const bare = unified().use(remarkParse); const fm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);
const body = text.replace(/^---[\s\S]*?---\n/, '');
const cpu = (f: () => unknown, n = 40) => { for (let i = 0; i < 10; i++) f(); (globalThis as any).gc?.(); const s = process.cpuUsage(); for (let i = 0; i < n; i++) f(); const d = process.cpuUsage(s); return ((d.user + d.system) / 1000 / n).toFixed(2); };
console.log('bare', cpu(() => bare.parse(text)), 'fm', cpu(() => fm.parse(text)), 'ours', cpu(() => parseMarkdown(text)), 'bare-again', cpu(() => bare.parse(text)), 'ours-body', cpu(() => parseMarkdown(body)));
