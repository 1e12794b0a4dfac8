import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { serialiseModel, serialiseSpelling } from '../scripts/learn/serialise.js';
import { train } from '../scripts/learn/train.js';
import { thresholdFor, trainBinary, predictBinary, random } from '../scripts/learn/linear.js';

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
  it('finds misconceptions in the writer’s own words that no rule names', () => {
    const paraphrases: Array<[string, string, string]> = [
      ['brand-as-logo', 'service-principles', 'Our brand is the green tick on the side of the vans.'],
      ['authority-exceeded', 'service-environment', 'I told her not to worry and that I would sort her the money back myself.'],
    ];
    for (const [check, element, text] of paraphrases) {
      expect(checksOf(text, element, false), `rules alone: ${text}`).not.toContain(check);
      expect(checksOf(text, element), text).toContain(check);
    }
  });

  it('is vetoed by the guards: quotations, block quotes, refutations and headings', () => {
    const cases = [
      '> Our brand is the green tick on the side of the vans.',
      'My manager once said "our brand is the green tick on the side of the vans", which misses the point.',
      'Our brand is the green tick on the side of the vans. That is what I thought before the course.',
      '## Our brand is the green tick on the vans\n\nIt is really the promise we keep.',
    ];
    for (const text of cases) expect(checksOf(text, 'service-principles'), text).not.toContain('brand-as-logo');
  });

  it('places a finding on the sentence that shows it', () => {
    const text = '# Brand\n\nWe deliver parcels across Kent.\nOur brand is the green tick on the side of the vans.\n';
    const finding = analyse(text, criteria, { element: 'service-principles' }).findings.find((f) => f.check === 'brand-as-logo')!;
    expect(text.slice(finding.range.start, finding.range.end)).toBe('Our brand is the green tick on the side of the vans');
  });
});
