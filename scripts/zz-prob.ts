import { buildDocument } from '../server/src/core/index.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { sentenceFeatures } from '../server/src/core/learned/features.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const criteria = bundledCriteria().criteria;
const check = process.argv[2];
const gate = criteria.checks.get(check)!.learned!.gate;
for (const t of process.argv.slice(3)) {
  const ctx = new AnalysisContext(buildDocument(t), criteria);
  for (const s of ctx.doc.sentences) {
    const p = criteria.learned!.checkProbability(check, criteria.learned!.encode(sentenceFeatures(ctx, s)));
    console.log(p.toFixed(3), gate.filter((g) => ctx.has(s, g)).join(','), '|', t.slice(0, 80));
  }
}
console.log('threshold', criteria.learned!.threshold(check));
