import { describe, expect, it } from 'vitest';
import { analyse, buildDocument } from '../server/src/core/index.js';
import { AnalysisContext } from '../server/src/core/context.js';
import { Normaliser, deletions, editDistance } from '../server/src/core/text/normalise.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

const criteria = bundledCriteria().criteria;

/** The normalised forms of a sentence's words, as the lexicon and the learned layer read them. */
function read(text: string): string[] {
  const ctx = new AnalysisContext(buildDocument(text), criteria);
  return ctx.doc.sentences.flatMap((s) => s.tokens.map((t) => t.lower));
}

describe('edit distance and deletions', () => {
  it('counts an adjacent transposition as one edit', () => {
    expect(editDistance('recieve', 'receive')).toBe(1);
    expect(editDistance('managment', 'management')).toBe(1);
    expect(editDistance('complaint', 'compliant')).toBe(1);
    expect(editDistance('brand', 'bland')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3); // capped
  });

  it('lists every string within n deletions', () => {
    expect([...deletions('abc', 1)].sort()).toEqual(['ab', 'abc', 'ac', 'bc']);
    expect(deletions('abcd', 2).has('ad')).toBe(true);
  });
});

describe('the normaliser', () => {
  const small = new Normaliser({ replacements: { dont: "don't", u: 'you', cos: 'because' } }, { vocabulary: ['customer', 'management', 'brand'], words: ['band', 'customers'] });
  const tokens = (text: string) => buildDocument(text).sentences.flatMap((s) => s.tokens);

  it('reads apostrophe-less forms and text-speak as the words meant, in lower case only', () => {
    const t = tokens('I dont know cos u said. U - Understand.');
    small.normalise(t);
    expect(t.map((x) => x.lower)).toEqual(["i", "don't", 'know', 'because', 'you', 'said', 'u', 'understand']);
  });

  it('corrects a misspelling to the vocabulary word within reach, but never a real word or a name', () => {
    const t = tokens('The custmer spoke to managment about the band. We met Brnad yesterday.');
    small.normalise(t);
    expect(t.map((x) => x.lower)).toEqual(['the', 'customer', 'spoke', 'to', 'management', 'about', 'the', 'band', 'we', 'met', 'brnad', 'yesterday']);
    expect(t[1].text).toBe('custmer'); // what was written, for ranges and quick fixes
    expect(t[1].stem).toBe('custom');
  });

  it('is idempotent', () => {
    const t = tokens('The custmer said u were rude.');
    small.normalise(t);
    const once = t.map((x) => x.lower);
    small.normalise(t);
    expect(t.map((x) => x.lower)).toEqual(once);
  });
});

describe('normalisation in the shipped criteria (en-GB dictionary at training time)', () => {
  it('corrects common misspellings of the domain vocabulary', () => {
    expect(read('The managment and the custumers were happy.')).toContain('management');
    expect(read('The managment and the custumers were happy.')).toContain('customers');
    expect(read('I would escalte it.')).toContain('escalate');
  });

  it('leaves real British English words alone', () => {
    expect(read('The band played at the organisation colour day.')).toEqual(['the', 'band', 'played', 'at', 'the', 'organisation', 'colour', 'day']);
  });

  it('lets the rules read informal writing', () => {
    const findings = (text: string) => analyse(text, criteria, { element: 'service-environment', learned: false }).findings.map((f) => f.check);
    expect(findings('If i cant sort it i just pass it on.')).toContain('escalation-unnamed-role');
    expect(findings('Costomer servise is all about seling.')).toContain('service-as-sales');
  });
});
