// CPU time (user+system) rather than wall time: less sensitive to a noisy host.
import { analyse } from '../server/src/core/index.ts';
import { parseMarkdown } from '../server/src/core/markdown.ts';
import { bundledCriteria } from '../server/src/node/criteria-files.ts';
import { benchmarkAssignment } from './bench.ts';
import { unified } from 'unified'; import remarkParse from 'remark-parse';
const { criteria } = bundledCriteria(); const text = benchmarkAssignment(); const bare = unified().use(remarkParse);
const cpu = (f: () => unknown, n = 40) => { for (let i = 0; i < 10; i++) f(); (globalThis as any).gc?.(); const s = process.cpuUsage(); for (let i = 0; i < n; i++) f(); const d = process.cpuUsage(s); return (d.user + d.system) / 1000 / n; };
const b = cpu(() => bare.parse(text)), p = cpu(() => parseMarkdown(text)), a = cpu(() => analyse(text, criteria));
console.log(`bare ${b.toFixed(2)} parse ${p.toFixed(2)} analyse ${a.toFixed(2)} ratio ${(a / b).toFixed(2)} over-parse ${(a / p).toFixed(2)}`);
