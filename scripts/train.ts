/**
 * `npm run train`: trains the learned layer (scripts/learn/train.ts) and writes
 * criteria/learned/spelling.json and criteria/learned/model.json. Deterministic: run it
 * twice and nothing changes. `--check` only compares with the files that ship.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serialiseModel, serialiseSpelling } from './learn/serialise.js';
import { train } from './learn/train.js';

const root = join(import.meta.dirname, '..');
const started = performance.now();
const result = await train(root);
const out = join(root, 'criteria', 'learned');
const files = { 'spelling.json': serialiseSpelling(result.spelling), 'model.json': serialiseModel(result.model) };

console.log('check                            samples  pos  gate-recall  threshold  held-out P   R');
for (const r of result.reports) {
  console.log(`${r.check.padEnd(32)} ${String(r.samples).padStart(7)} ${String(r.positives).padStart(4)}  ${r.gateRecall.toFixed(2).padStart(11)}  ${r.threshold.toFixed(3).padStart(9)}  ${r.heldOutPrecision.toFixed(2).padStart(10)}  ${r.heldOutRecall.toFixed(2)}`);
}
console.log(`element model: held-out accuracy on the corpora's documents ${result.elementHeldOut.toFixed(2)}`);
console.log(`${result.model.features.length} features, ${result.spelling.vocabulary.length} vocabulary words, ${result.spelling.words.length} protected words; ${((performance.now() - started) / 1000).toFixed(1)} s`);

if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([name, text]) => {
    try {
      return readFileSync(join(out, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`criteria/learned is not what the bank trains: ${stale.map(([n]) => n).join(', ')}. Run npm run train.`);
    process.exitCode = 1;
  }
} else {
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
  console.log(`wrote ${Object.keys(files).map((n) => `criteria/learned/${n}`).join(', ')}`);
}
