import { analyse } from '/work/main/server/src/core/index.js';
import { bundledCriteria } from '/work/main/server/src/node/criteria-files.js';
const el = process.argv[2];
for (const t of process.argv.slice(3)) {
  const a = analyse(t, bundledCriteria().criteria, { element: el, learned: false }).findings.map(f => f.check);
  const b = analyse(t, bundledCriteria().criteria, { element: el }).findings.map(f => f.check);
  console.log(JSON.stringify(t.slice(0, 60)), 'rules:', a.join(','), '| full:', b.join(','));
}
