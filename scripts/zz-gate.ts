import { readBank } from './learn/train.js';
import { buildDocument } from '../server/src/core/index.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const criteria = bundledCriteria().criteria;
const check = process.argv[2];
const gate = criteria.checks.get(check)!.learned!.gate;
const bank = readBank(process.cwd());
let miss = 0;
for (const s of bank.sentences.filter((s) => s.check === check && s.label === 'positive')) {
  const ctx = new AnalysisContext(buildDocument(s.text), criteria);
  const ok = ctx.doc.sentences.some((x) => gate.some((g) => ctx.has(x, g)));
  if (!ok) { miss++; if (miss < 40) console.log(s.text); }
}
console.log('missed', miss);
