import { benchmarkAssignment } from './bench.ts';
import { unified } from 'unified'; import remarkParse from 'remark-parse'; import remarkFrontmatter from 'remark-frontmatter';
const text = benchmarkAssignment();
const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(text) as any;
const DELIM = /^\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const count = (t: string) => t.split('\n').filter(l => l.includes('|') && l.includes('-') && DELIM.test(l.replace(/^[\s>]*/, ''))).length;
let top = 0; for (const n of tree.children) if (n.type === 'paragraph') top += count(text.slice(n.position.start.offset, n.position.end.offset));
console.log('rows', count(text), 'top-level', top);
for (const n of tree.children) { const s = text.slice(n.position.start.offset, n.position.end.offset); if (count(s) && n.type !== 'paragraph') console.log(n.type, JSON.stringify(s.slice(0, 80))); }
