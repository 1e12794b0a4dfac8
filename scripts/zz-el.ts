import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
for (const t of process.argv.slice(2)) {
  const r = analyse(t.replace(/\\n/g, '\n'), bundledCriteria().criteria);
  console.log(JSON.stringify(t.slice(0, 60)), '->', r.element, JSON.stringify(r.elementInference));
}
