import { readFileSync } from 'node:fs';
import { analyse, LineMap } from '/work/main/server/src/core/index.js';
import { bundledCriteria } from '/work/main/server/src/node/criteria-files.js';
const [file, ...points] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const r = analyse(text, bundledCriteria().criteria);
const lm = new LineMap(text);
for (const c of r.coverage) if (!points.length || points.includes(c.pointId)) console.log(c.pointId, c.status, 'weak', c.weakenedBy, 'missing', c.missingFacets, c.evidence.map(e => `${e.facet}@${lm.lineOf(e.range.start)+1}`).join(' '));
console.log(r.findings.map(f => `${f.check}@${lm.lineOf(f.range.start)+1}`).join(' '));
