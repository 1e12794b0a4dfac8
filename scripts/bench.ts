/**
 * `npm run bench`: speed of the engine measured in one run, as ratios so the figures
 * mean the same on any machine. The input is a 5,000-word assignment assembled from the
 * examples (tables, lists and front matter included, as learners write).
 *   analysis / bare parse     analyse() against unified().use(remarkParse).parse()
 *   analysis / engine parse   analyse() against the engine's own parse (front matter and
 *                             the GFM parts the text needs), i.e. the cost of analysis itself
 *   and the floor: the engine's parse plus the document model, before any check runs.
 *   learned layer's share     (analyse() − analyse() with { learned: false }) / analyse()
 * Target: analysis / bare parse ≤ 2, the learned layer included.
 *
 * The language server, started as a real process over stdio (debounce 0, so the figure
 * is the server's own latency; an editor adds its debounce, 300 ms by default):
 *   edit → diagnostics   time from sending a one-character didChange to receiving the
 *                        publishDiagnostics of that version (median and p95)
 *   memory               the server's resident memory with 20 such documents open
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyse, buildDocument } from '../server/src/core/index.js';
import { parseMarkdown } from '../server/src/core/markdown.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { readFileSync as readProc } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { startClient } from '../test/lsp/harness.js';

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
  await runBench();
}

async function runBench(): Promise<void> {
  const { criteria } = bundledCriteria();
  const text = benchmarkAssignment();
  const bare = unified().use(remarkParse);
  const rounds = 15;
  const perBlock = 8;
  for (let k = 0; k < 15; k++) {
    bare.parse(text);
    parseMarkdown(text);
    analyse(text, criteria);
  }
  const tb: number[] = [];
  const tp: number[] = [];
  const td: number[] = [];
  const ta: number[] = [];
  const tr: number[] = [];
  // Blocks of runs, rotated, with a collection before each block, so one function's
  // garbage is not paid for by the next one's measurement.
  const block = (fn: () => unknown) => {
    (globalThis as { gc?: () => void }).gc?.();
    return time(() => {
      for (let i = 0; i < perBlock; i++) fn();
    }) / perBlock;
  };
  for (let k = 0; k < rounds; k++) {
    tb.push(block(() => bare.parse(text)));
    tp.push(block(() => parseMarkdown(text)));
    td.push(block(() => buildDocument(text)));
    ta.push(block(() => analyse(text, criteria)));
    tr.push(block(() => analyse(text, criteria, { learned: false })));
  }
  const words = analyse(text, criteria).wordCount;
  console.log(`input: ${words.toLocaleString('en-GB')}-word assignment (${text.length.toLocaleString('en-GB')} characters), median of ${rounds} blocks of ${perBlock} runs`);
  console.log(`bare remark-parse      ${median(tb).toFixed(2)} ms`);
  console.log(`engine parse           ${median(tp).toFixed(2)} ms  (front matter and the GFM parts the text needs)`);
  console.log(`  + document model     ${median(td).toFixed(2)} ms  (blocks, sentences, words, offsets)`);
  console.log(`analysis (analyse())   ${median(ta).toFixed(2)} ms`);
  console.log(`  rules alone          ${median(tr).toFixed(2)} ms  (analyse() with { learned: false })`);
  // Ratios are the median of each round's own ratio: both sides of one round ran moments
  // apart, so a change in the machine's load between rounds does not move the figure.
  const ratio = (xs: number[], ys: number[]) => median(xs.map((x, k) => x / ys[k]));
  console.log(`analysis / bare parse     ${ratio(ta, tb).toFixed(2)}  (target ≤ 2)`);
  console.log(`learned layer's share     ${median(ta.map((a, k) => Math.max(0, a - tr[k]) / a)).toFixed(2)}  of the analysis (features and linear models)`);
  console.log(`analysis / engine parse   ${ratio(ta, tp).toFixed(2)}`);
  console.log(`engine parse + document model / bare parse   ${ratio(td, tb).toFixed(2)}  (the floor before any check runs)`);
  await benchServer(text);
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function rssMiB(pid: number): number {
  const status = readProc(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

async function benchServer(text: string): Promise<void> {
  execFileSync('node', [join(import.meta.dirname, 'build.mjs')]);
  const client = await startClient({ settings: { debounce: 0, coverageHints: true } });
  const pid = client.process.pid!;
  const idle = rssMiB(pid);
  const uri = 'file:///bench/assignment.md';
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await client.waitForDiagnostics(uri, 1);
  const lines = text.split('\n');
  const latencies: number[] = [];
  for (let v = 2; v <= 61; v++) {
    const line = 10 + ((v * 7) % (lines.length - 20));
    const started = performance.now();
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: v },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: v % 2 ? 'a' : ' ' }],
    });
    await client.waitForDiagnostics(uri, v);
    latencies.push(performance.now() - started);
  }
  console.log(`\nlanguage server (stdio, debounce 0), ${latencies.length} single-character edits:`);
  console.log(`edit → diagnostics     median ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms`);
  for (let i = 0; i < 20; i++) {
    const docUri = `file:///bench/learner-${i}.md`;
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'markdown', version: 1, text: text.replace('Benchmark', `Learner ${i}`) } });
    await client.waitForDiagnostics(docUri, 1);
  }
  console.log(`memory                 ${rssMiB(pid).toFixed(0)} MiB resident with 20 documents open (${idle.toFixed(0)} MiB idle)`);
  await client.stop();
}
