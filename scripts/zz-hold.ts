import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const { criteria } = bundledCriteria();
for (const dir of process.argv.slice(2)) {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')).docs;
  for (const name of Object.keys(labels)) {
    const r = analyse(readFileSync(join(dir, name), 'utf8'), criteria);
    for (const c of r.coverage) if (c.weakenedBy.length) console.log(name.slice(0, 20), c.pointId, c.weakenedBy.join(','), 'label=', labels[name].coverage?.[c.pointId]);
  }
}
