import { analyse } from '/work/main/server/src/core/index.js';
import { bundledCriteria } from '/work/main/server/src/node/criteria-files.js';
const el = process.argv[2];
for (const t of process.argv.slice(3)) {
  const r = analyse(t.replace(/\\n/g, '\n'), bundledCriteria().criteria, { element: el });
  console.log(JSON.stringify(t.slice(0, 70)), '->', r.findings.filter(f => !['no-workplace-context','internal-customers-ignored','word-count'].includes(f.check)).map(f => f.check).join(','));
}
