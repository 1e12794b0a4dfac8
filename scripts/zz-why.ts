import { readFileSync } from 'node:fs';
import { buildDocument } from '../server/src/core/index.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { sentenceFeatures } from '../server/src/core/learned/features.js';
import { sentenceIsGuarded, isNegated, isQuoted, namesRole } from '../server/src/core/guards.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
const criteria = bundledCriteria().criteria;
const [file, check, lineArg] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const ctx = new AnalysisContext(buildDocument(text), criteria);
const def = criteria.checks.get(check)!;
for (const s of ctx.doc.sentences) {
  const line = text.slice(0, s.start).split('\n').length;
  if (line !== Number(lineArg)) continue;
  const m = ctx.matches[s.index];
  const anchors = def.learned!.gate.flatMap((g) => m.of(ctx.concept(g)));
  const spec: any = def.detector;
  const vetoes = [...(spec.unless ?? []), ...(spec.kind === 'trigger-without' ? [spec.without] : [])].filter((c: string) => m.has(ctx.concept(c)));
  console.log(line, 'p', criteria.learned!.checkProbability(check, criteria.learned!.encode(sentenceFeatures(ctx, s))).toFixed(3), 'guarded', sentenceIsGuarded(ctx, s), 'anchors', anchors.length, 'negated', anchors.map((a) => isNegated(ctx, s, [a])), 'vetoes', vetoes, 'role', namesRole(s), '|', text.slice(s.start, s.end).slice(0, 90));
}
