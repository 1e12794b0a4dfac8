import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { serialiseModel, serialiseSpelling } from '../scripts/learn/serialise.js';
import { train } from '../scripts/learn/train.js';
import { thresholdFor, trainBinary, predictBinary, random } from '../scripts/learn/linear.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { buildDocument } from '../server/src/core/document.js';
import { clauses, sentenceFeatures } from '../server/src/core/learned/features.js';
import { FeatureEncoder } from '../server/src/core/learned/encoder.js';
import { readdirSync } from 'node:fs';

const root = join(import.meta.dirname, '..');
const criteria = bundledCriteria().criteria;
const checksOf = (text: string, element: string, learned = true) => analyse(text, criteria, { element, learned }).findings.map((f) => f.check);

describe('the learned layer ships what the bank trains', () => {
  it('retraining from bank/ and test/corpus/ gives exactly the shipped criteria/learned files', async () => {
    const result = await train(root);
    expect(serialiseSpelling(result.spelling)).toBe(readFileSync(join(root, 'criteria/learned/spelling.json'), 'utf8'));
    expect(serialiseModel(result.model)).toBe(readFileSync(join(root, 'criteria/learned/model.json'), 'utf8'));
  }, 300_000);

  it('loads with the criteria, with a model and a threshold for every check that has a gate', () => {
    expect(bundledCriteria().problems).toEqual([]);
    expect(criteria.learned).toBeDefined();
    for (const check of criteria.checks.values()) {
      if (!check.learned) continue;
      expect(criteria.learned!.hasCheck(check.id), check.id).toBe(true);
      expect(criteria.learned!.threshold(check.id), check.id).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('the encoder', () => {
  it('gives exactly what the readable features give, for every sentence and clause of the corpora', () => {
    const model = criteria.learned!;
    let sentences = 0;
    // Twice over, so the second pass reads the encoder's tables rather than filling them.
    for (let pass = 0; pass < 2; pass++) {
      for (const set of readdirSync(join(root, 'test/corpus'))) {
        for (const file of readdirSync(join(root, 'test/corpus', set)).filter((f) => f.endsWith('.md'))) {
          const ctx = new AnalysisContext(buildDocument(readFileSync(join(root, 'test/corpus', set, file), 'utf8')), criteria);
          for (const s of ctx.doc.sentences) {
            expect(model.encodeSentence(ctx, s), `${file}: ${s.index}`).toEqual(model.encode(sentenceFeatures(ctx, s)));
            for (const [from, to] of clauses(s)) expect(model.encodeSentence(ctx, s, from, to)).toEqual(model.encode(sentenceFeatures(ctx, s, from, to)));
            sentences++;
          }
        }
      }
    }
    expect(sentences).toBeGreaterThan(2000);
  });

  it('starts its tables again when unknown features pile up, and still encodes the same', () => {
    const data = JSON.parse(readFileSync(join(root, 'criteria/learned/model.json'), 'utf8'));
    const encoder = new FeatureEncoder(new Map(data.features.map((f: string, i: number) => [f, i])), data.features.length, 50);
    const dir = join(root, 'test/corpus/round7');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const ctx = new AnalysisContext(buildDocument(readFileSync(join(dir, file), 'utf8')), criteria);
      for (const s of ctx.doc.sentences) {
        expect(encoder.encode(ctx, s)).toEqual(criteria.learned!.encode(sentenceFeatures(ctx, s)));
        // The tables started again: never more than the bound plus one sentence's features.
        expect(encoder.unknownCount).toBeLessThanOrEqual(50 + sentenceFeatures(ctx, s).length);
      }
    }
  });
});

describe('linear models', () => {
  it('train deterministically and separate a learnable pattern', () => {
    const next = random(3);
    const samples = Array.from({ length: 400 }, () => {
      const y = next() < 0.5 ? 1 : 0;
      return { x: [y ? 0 : 1, 2 + Math.floor(next() * 5)], v: 1, y: y as 0 | 1 };
    });
    const a = trainBinary(samples, 8, { epochs: 5, rate: 0.5, l2: 1e-4, seed: 1 });
    const b = trainBinary(samples, 8, { epochs: 5, rate: 0.5, l2: 1e-4, seed: 1 });
    expect(Array.from(a.w)).toEqual(Array.from(b.w));
    expect(predictBinary(a, { x: [0, 3], v: 1, y: 1 })).toBeGreaterThan(0.9);
    expect(predictBinary(a, { x: [1, 3], v: 1, y: 0 })).toBeLessThan(0.1);
  });

  it('choose the lowest threshold whose precision reaches the target', () => {
    const scored = [
      { p: 0.99, y: 1 as const, weight: 1 },
      { p: 0.95, y: 1 as const, weight: 1 },
      { p: 0.9, y: 1 as const, weight: 1 },
      { p: 0.8, y: 0 as const, weight: 1 },
      { p: 0.7, y: 1 as const, weight: 1 },
      { p: 0.6, y: 0 as const, weight: 3 },
    ];
    expect(thresholdFor(scored, 0.75).threshold).toBe(0.7);
    expect(thresholdFor(scored, 0.95).threshold).toBe(0.9);
    expect(thresholdFor(scored, 1, 5).threshold).toBe(1);
  });
});

describe('rules plus learned judgement', () => {
  // Misconceptions in the writer's own words, none of which the rules name. Retraining
  // moves each of them either side of its threshold (a new round of real documents makes
  // the layer more cautious); the layer must still find several of them, the rules none.
  const paraphrases: Array<[string, string, string]> = [
    ['brand-as-logo', 'service-principles', 'Our brand is the green tick on the vans.'],
    ['brand-as-logo', 'service-principles', 'To me our brand is the tick on the vans and the green shirts.'],
    ['authority-exceeded', 'service-environment', 'I told her not to worry and we would knock the delivery charge off.'],
    ['authority-exceeded', 'service-environment', 'I said go on then, just this once, and let him off the fee.'],
    ['purpose-as-profit', 'org-purpose-brand', 'The main point of the place is to bring in cash.'],
    ['purpose-as-profit', 'org-purpose-brand', 'Purpose of the gym is to sell more memberships and get money in.'],
    ['back-office-overlooked', 'service-principles', "The kitchen staff don't really matter to the diners, it's the waiters who count."],
    ['service-as-sales', 'service-principles', 'customer service at ours is mostly about getting people to upgrade to the bigger package'],
  ];

  it('finds misconceptions in the writer’s own words that no rule names', () => {
    for (const [check, element, text] of paraphrases) expect(checksOf(text, element, false), `rules alone: ${text}`).not.toContain(check);
    const found = paraphrases.filter(([check, element, text]) => checksOf(text, element).includes(check));
    expect(found.length, `found: ${found.map((f) => f[2]).join(' | ')}`).toBeGreaterThanOrEqual(3);
  });

  it('fires on nothing in the checks’ own clean examples', () => {
    for (const check of criteria.checks.values()) {
      if (!check.learned) continue;
      for (const element of criteria.packs.keys()) {
        for (const text of check.examples?.clean ?? []) expect(checksOf(text, element), `${check.id} under ${element}: ${text}`).not.toContain(check.id);
      }
    }
  });

  it('is vetoed by the guards: quotations, block quotes, refutations and headings', () => {
    const text = 'The main point of the place is to bring in cash.';
    expect(checksOf(text, 'org-purpose-brand')).toContain('purpose-as-profit');
    const cases = [
      `> ${text}`,
      `My manager once said "the main point of the place is to bring in cash", which misses the point.`,
      `${text} That is what I thought before the course.`,
      `## The main point of the place is to bring in cash\n\nIt is really to help people.`,
      `The main point of the place is not to bring in cash.`,
    ];
    for (const t of cases) expect(checksOf(t, 'org-purpose-brand'), t).not.toContain('purpose-as-profit');
  });

  it('places a finding on the sentence that shows it', () => {
    const text = '# Our gym\n\nWe run three gyms across Kent.\nPurpose of the gym is to sell more memberships and get money in.\n';
    const finding = analyse(text, criteria, { element: 'org-purpose-brand' }).findings.find((f) => f.check === 'purpose-as-profit')!;
    expect(text.slice(finding.range.start, finding.range.end)).toBe('Purpose of the gym is to sell more memberships and get money in');
  });
});

describe('element inference with a margin', () => {
  const infer = (text: string) => analyse(text, criteria);

  it('reads the element from a title that names the topic, without front matter', () => {
    expect(infer('# Purpose, vision and values\n\nI work at a bus company. We care about passengers.\n').element).toBe('org-purpose-brand');
    expect(infer('# The organisation, its people and my role\n\nI work at a bus company and I want to be a supervisor one day.\n').element).toBe('org-factors-role');
    expect(infer('# Planning the summer fete\n\nWe had three volunteers, a timeline and a back-up plan if it rained.\n').element).toBe('plan-deliver');
  });

  it('names the runner-up when two elements are close, and not when one is clear', () => {
    const close = infer('# My job\n\nI work at a bus company.\n');
    expect(close.elementSource).toBe('inferred');
    expect(close.elementInference?.runnerUp).toBeDefined();
    expect(close.elementInference!.runnerUp).not.toBe(close.element);
    const clear = infer('# Planning the summer fete\n\nWe had three volunteers, a timeline and a back-up plan if it rained.\n');
    expect(clear.elementInference?.runnerUp).toBeUndefined();
    expect(clear.elementInference!.confidence).toBeGreaterThan(close.elementInference!.confidence);
  });

  it('says nothing of inference when the front matter names the element', () => {
    const r = infer('---\nelement: plan-deliver\n---\n\n# My job\n\nI work at a bus company.\n');
    expect(r.elementSource).toBe('front-matter');
    expect(r.elementInference).toBeUndefined();
  });
});
