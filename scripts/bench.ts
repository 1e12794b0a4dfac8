/**
 * `npm run bench`: speed of the engine measured in one run, as ratios so the figures
 * mean the same on any machine. The input is a 5,000-word assignment assembled from the
 * examples (tables, lists and front matter included, as learners write).
 *   analysis / bare parse     analyse() against unified().use(remarkParse).parse()
 *   analysis / engine parse   analyse() against the engine's own parse (front matter and
 *                             the GFM parts the text needs), i.e. the cost of analysis itself
 * Target: analysis / bare parse ≤ 1.5.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyse } from '../server/src/core/index.js';
import { parseMarkdown } from '../server/src/core/markdown.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

export function benchmarkAssignment(words = 5000): string {
  const dir = join(import.meta.dirname, '..', 'examples');
  const bodies = readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, ''));
  let text = '---\nlearner: Benchmark\nelement: service-environment\nword_limit: 5000\n---\n\n';
  let i = 0;
  while (text.split(/\s+/).length < words) {
    text += bodies[i % bodies.length].replace(/^(#+) /gm, `$1 Part ${i + 1}: `) + '\n\n';
    i++;
  }
  return text;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { criteria } = bundledCriteria();
  const text = benchmarkAssignment();
  const bare = unified().use(remarkParse);
  const rounds = 40;
  for (let k = 0; k < 10; k++) {
    bare.parse(text);
    parseMarkdown(text);
    analyse(text, criteria);
  }
  const tb: number[] = [];
  const tp: number[] = [];
  const ta: number[] = [];
  // Interleave so drift on the machine affects all three alike.
  for (let k = 0; k < rounds; k++) {
    tb.push(time(() => bare.parse(text)));
    tp.push(time(() => parseMarkdown(text)));
    ta.push(time(() => analyse(text, criteria)));
  }
  const words = analyse(text, criteria).wordCount;
  console.log(`input: ${words.toLocaleString('en-GB')}-word assignment (${text.length.toLocaleString('en-GB')} characters), median of ${rounds} rounds`);
  console.log(`bare remark-parse      ${median(tb).toFixed(2)} ms`);
  console.log(`engine parse           ${median(tp).toFixed(2)} ms`);
  console.log(`analysis (analyse())   ${median(ta).toFixed(2)} ms`);
  console.log(`analysis / bare parse     ${(median(ta) / median(tb)).toFixed(2)}  (target ≤ 1.5)`);
  console.log(`analysis / engine parse   ${(median(ta) / median(tp)).toFixed(2)}`);
}
