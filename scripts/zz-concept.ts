import { readFileSync } from 'node:fs';
import { buildDocument } from '../server/src/core/index.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const text = readFileSync(process.argv[2], 'utf8');
const ctx = new AnalysisContext(buildDocument(text), bundledCriteria().criteria);
for (const s of ctx.doc.sentences) for (const m of ctx.matches[s.index].of(ctx.concept(process.argv[3]))) console.log(text.slice(0, s.start).split('\n').length, s.tokens.slice(m.start, m.end).map(t => t.text).join(' '), '|', text.slice(s.start, s.end).slice(0, 100));
