/**
 * Checks a labelled corpus before it is scored (shared/spec/blind-rounds.md, step 2):
 * every labelled file exists, every element, check and marking point is a catalogue ID,
 * every finding's and trap's quote is an exact substring of its line, and coverage
 * judges every marking point of the element. Several label files (one per labeller)
 * are merged into the corpus's labels.json with `--merge a.json b.json …`.
 * Usage: tsx scripts/check-labels.ts CORPUS_DIR [--merge LABELS…]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

const args = process.argv.slice(2);
const dir = resolve(args[0] ?? '.');
const mergeAt = args.indexOf('--merge');
if (mergeAt >= 0) {
  const docs: Record<string, unknown> = {};
  for (const file of args.slice(mergeAt + 1)) Object.assign(docs, JSON.parse(readFileSync(file, 'utf8')).docs);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify({ docs }, null, 2) + '\n');
}
const { criteria } = bundledCriteria();
const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')).docs as Record<string, any>;
const problems: string[] = [];
for (const [name, doc] of Object.entries(labels)) {
  const path = join(dir, name);
  if (!existsSync(path)) {
    problems.push(`${name}: no such file`);
    continue;
  }
  const lines = readFileSync(path, 'utf8').split(/\r\n|\r|\n/);
  const pack = criteria.packs.get(doc.element);
  if (!pack) problems.push(`${name}: unknown element '${doc.element}'`);
  for (const kind of ['findings', 'traps'] as const) {
    for (const l of doc[kind] ?? []) {
      if (!criteria.checks.has(l.check)) problems.push(`${name}: ${kind}: unknown check '${l.check}'`);
      if (l.line === null) continue;
      const text = lines[l.line - 1];
      if (text === undefined) problems.push(`${name}:${l.line}: ${kind}: no such line`);
      else if (typeof l.quote !== 'string' || !text.includes(l.quote)) problems.push(`${name}:${l.line}: ${kind}: quote not on the line: ${JSON.stringify(l.quote)}`);
    }
  }
  if (pack) {
    const points = new Set(pack.markingPoints.map((p) => p.id));
    for (const [point, status] of Object.entries(doc.coverage ?? {})) {
      if (!points.has(point)) problems.push(`${name}: coverage: '${point}' is not a marking point of ${pack.element}`);
      if (!['covered', 'partial', 'missing'].includes(status as string)) problems.push(`${name}: coverage: ${point}: unknown status '${status}'`);
    }
    for (const point of points) if (!(point in (doc.coverage ?? {}))) problems.push(`${name}: coverage: ${point} is not judged`);
  }
}
console.log(`${Object.keys(labels).length} documents, ${problems.length} problems`);
for (const p of problems) console.log(p);
if (problems.length) process.exitCode = 1;
