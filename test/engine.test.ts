import { describe, expect, it } from 'vitest';
import { analyse, buildDocument, type AnalysisResult } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

const { criteria } = bundledCriteria();
const checks = (r: AnalysisResult) => r.findings.map((f) => f.check);
const at = (text: string, r: AnalysisResult, check: string) => {
  const f = r.findings.find((x) => x.check === check);
  return f ? text.slice(f.range.start, f.range.end) : undefined;
};

describe('the document model', () => {
  it('keeps only prose: no front matter, code, comments, link URLs or images', () => {
    const text = [
      '---',
      'element: plan-deliver',
      '---',
      '',
      '# Plan',
      '',
      'See [the rota](https://example.com/rota-secret) and ![a photo](photo-secret.png).',
      '',
      '```',
      'code-secret words here',
      '```',
      '',
      '<!-- comment-secret -->',
      '',
      'Inline `code-secret` and *emphasis* stay apart.',
    ].join('\n');
    const doc = buildDocument(text);
    const words = doc.sentences.flatMap((s) => s.tokens.map((t) => t.lower));
    expect(words).toEqual(['plan', 'see', 'the', 'rota', 'and', 'inline', 'and', 'emphasis', 'stay', 'apart']);
    expect(words.join(' ')).not.toMatch(/secret|element/);
  });

  it('maps every word back to its UTF-16 offsets in the original text, through escapes and wrapping', () => {
    const text = '- A list item that is\n  hard-wrapped, with an escaped \\*star\\* and &amp; an entity 😀 then words.\n';
    const doc = buildDocument(text);
    for (const t of doc.sentences.flatMap((s) => s.tokens)) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('splits sentences but not at abbreviations, initials or "etc. Act"', () => {
    const doc = buildDocument('Under the Health and Safety at Work etc. Act 1974 we must e.g. report spills. Heskett, J. L. wrote it. A new sentence.');
    expect(doc.sentences.map((s) => s.tokens[0].text)).toEqual(['Under', 'Heskett', 'A']);
  });

  it('starts a sentence at a lower-case word after a full stop, except after a run-on abbreviation', () => {
    const doc = buildDocument('every1 in town knows the pink cars. sharon says our values are patient. we open at 9 a.m. and close late. tools etc. are kept in the van');
    expect(doc.sentences.map((s) => s.tokens[0].text)).toEqual(['every1', 'sharon', 'we', 'tools']);
  });

  it('marks block quotes, footnotes, list items, table cells and the reference list', () => {
    const text = '> Quoted.\n\nBody.[^1]\n\n- Item.\n\n| A | B |\n|---|---|\n| cell | x |\n\n[^1]: Note.\n\n## References\n\nSmith (2020) *Service*.\n';
    const doc = buildDocument(text);
    const by = (w: string) => doc.blocks.find((b) => b.text.includes(w))!;
    expect(by('Quoted').quoted).toBe(true);
    expect(by('Note').footnote).toBe(true);
    expect(by('Item').kind).toBe('listItem');
    expect(by('cell').kind).toBe('tableCell');
    expect(by('Smith').references).toBe(true);
    expect(by('Body').references).toBe(false);
  });
});

describe('word count', () => {
  it('counts prose as an assessor does: not front matter, code, comments or the reference list', () => {
    const text = '---\nlearner: A B C D\n---\n\n# Two words\n\nThree more words, e.g. five.\n\n```\nnot these four\n```\n\n<!-- nor these -->\n\n| one | two |\n|---|---|\n\n## References\n\nNot counted at all here.\n';
    // "Two words" (2) + "Three more words, e.g. five." (5) + the table (2); the reference
    // list, its heading included, is not counted.
    expect(analyse(text, criteria).wordCount).toBe(9);
  });

  it('reports a word-count finding only beyond 10% of the front-matter word_limit', () => {
    const body = (n: number) => Array.from({ length: n }, () => 'word').join(' ');
    const doc = (limit: number, n: number) => `---\nelement: plan-deliver\nword_limit: ${limit}\n---\n\n${body(n)}\n`;
    expect(checks(analyse(doc(100, 100), criteria))).not.toContain('word-count');
    expect(checks(analyse(doc(100, 110), criteria))).not.toContain('word-count');
    expect(checks(analyse(doc(100, 90), criteria))).not.toContain('word-count');
    const over = analyse(doc(100, 112), criteria).findings.find((f) => f.check === 'word-count')!;
    expect(over.severity).toBe('information');
    expect(over.message).toMatch(/^The prose is 112 words, 12% over the word limit of 100\./);
    expect(analyse(doc(100, 85), criteria).findings.find((f) => f.check === 'word-count')!.message).toMatch(/15% under/);
  });
});

describe('element resolution', () => {
  const body = '# Working in a customer service environment\n\nI greet customers at the counter.\n';

  it('front matter wins over the option, the option over inference', () => {
    expect(analyse(`---\nelement: plan-deliver\n---\n\n${body}`, criteria, { element: 'org-factors-role' })).toMatchObject({ element: 'plan-deliver', elementSource: 'front-matter' });
    expect(analyse(body, criteria, { element: 'org-factors-role' })).toMatchObject({ element: 'org-factors-role', elementSource: 'option' });
    expect(analyse(body, criteria)).toMatchObject({ element: 'service-environment', elementSource: 'inferred' });
  });

  it.each([
    ['# Organisation purpose, values and brand', 'org-purpose-brand'],
    ['# Principles of customer service', 'service-principles'],
    ['# Unit 3: factors, employee rights, procedures and careers', 'org-factors-role'],
    ['# Organise, plan and deliver customer service', 'plan-deliver'],
    ['# Customer service environment', 'service-environment'],
  ])('infers %s as %s', (title, element) => {
    expect(analyse(`${title}\n\nI work at a shop.\n`, criteria).element).toBe(element);
  });

  it('an unknown element in front matter is an error finding, and the inferred element is used', () => {
    const r = analyse(`---\nelement: brand-stuff\n---\n\n${body}`, criteria);
    expect(r).toMatchObject({ element: 'service-environment', elementSource: 'inferred' });
    const f = r.findings.find((x) => x.check === 'unknown-element')!;
    expect(f.severity).toBe('error');
    expect(f.message).toContain("'brand-stuff'");
  });

  it('broken front matter is reported, not thrown', () => {
    const r = analyse('---\nelement: [unclosed\n---\n\nText.\n', criteria);
    expect(checks(r)).toContain('front-matter');
  });
});

describe('suppression', () => {
  const base = '---\nelement: org-purpose-brand\n---\n\n# Brand\n\nI work at a shop.\n\n';
  const logo = 'Our brand is just the logo.';

  it('disable-next-line silences one check on the next line only', () => {
    const r = analyse(`${base}<!-- markpoint-disable-next-line brand-as-logo -->\n${logo}\n\n${logo}\n`, criteria);
    expect(checks(r).filter((c) => c === 'brand-as-logo')).toHaveLength(1);
  });

  it('disable … enable silences a stretch; without IDs it silences every check', () => {
    const text = `${base}<!-- markpoint-disable -->\n\n${logo} Equality Act 2012.\n\n<!-- markpoint-enable -->\n\n${logo}\n`;
    const r = analyse(text, criteria);
    expect(checks(r).filter((c) => c === 'brand-as-logo')).toHaveLength(1);
    expect(checks(r)).not.toContain('law-year-wrong');
  });

  it('disable with an ID leaves other checks alone', () => {
    const r = analyse(`${base}<!-- markpoint-disable brand-as-logo -->\n\n${logo} The Equality Act 2012 applies.\n`, criteria);
    expect(checks(r)).not.toContain('brand-as-logo');
    expect(checks(r)).toContain('law-year-wrong');
  });

  it('front matter markpoint-disable silences checks for the whole file', () => {
    const r = analyse(`---\nelement: org-purpose-brand\nmarkpoint-disable: [brand-as-logo, internal-customers-ignored]\n---\n\n# Brand\n\n${logo}\n`, criteria);
    expect(checks(r)).not.toContain('brand-as-logo');
    expect(checks(r)).not.toContain('internal-customers-ignored');
  });

  it('a severity option of "off" disables a check, and other severities are applied', () => {
    const text = `${base}${logo}\n`;
    expect(checks(analyse(text, criteria, { severities: { 'brand-as-logo': 'off' } }))).not.toContain('brand-as-logo');
    expect(analyse(text, criteria, { severities: { 'brand-as-logo': 'error' } }).findings.find((f) => f.check === 'brand-as-logo')!.severity).toBe('error');
  });
});

describe('findings', () => {
  it('carry check, severity, a British English message, a range and a docs link', () => {
    const text = '---\nelement: org-purpose-brand\n---\n\nUnder the Equality Act 2012 we keep a ramp by the door.\n';
    const f = analyse(text, criteria).findings.find((x) => x.check === 'law-year-wrong')!;
    expect(f).toMatchObject({ severity: 'error', message: 'The Equality Act is dated 2010, not 2012.' });
    expect(text.slice(f.range.start, f.range.end)).toBe('Equality Act 2012');
    expect(f.docsUrl).toMatch(/docs\/checks\.md#law-year-wrong$/);
    expect(f.fix).toMatchObject({ newText: '2010', title: 'Change the year to 2010' });
    expect(text.slice(f.fix!.range.start, f.fix!.range.end)).toBe('2012');
  });

  it('explain what is wrong and what is right for a model expansion', () => {
    const text = '---\nelement: org-purpose-brand\n---\n\nWe use HEAT, which means Hear, Explain, Act and Thank.\n';
    const f = analyse(text, criteria).findings.find((x) => x.check === 'model-expansion-wrong')!;
    expect(f.message).toBe("HEAT stands for Hear, Empathise, Apologise, Take action (or Take ownership, Take responsibility); 'Explain', 'Act', 'Thank' do not match.");
  });

  it('check LATER and LISTEN by initials only, never against a fixed word list', () => {
    const run = (s: string) => checks(analyse(`---\nelement: plan-deliver\n---\n\n${s}\n`, criteria));
    expect(run('I used LATER (Listen, Apologise, Thank, Explain, Resolve).')).not.toContain('model-expansion-wrong');
    expect(run('I used LATER (Listen, Acknowledge, Take action, Empathise, Reassure).')).not.toContain('model-expansion-wrong');
    expect(run('I used LISTEN (Listen, Acknowledge, Solve, Thank).')).toContain('model-expansion-wrong');
  });

  it('treat block quotes as someone else’s words but still as evidence', () => {
    const text = '---\nelement: service-environment\n---\n\n# Feedback\n\n> Customer service is just selling, and the staff never come back to me. Their reputation is awful and I will not return.\n';
    const r = analyse(text, criteria);
    expect(checks(r)).not.toContain('service-as-sales');
    expect(r.coverage.find((c) => c.pointId === 'poor-service-impact')!.evidence.length).toBeGreaterThan(0);
    expect(at(text, r, 'service-as-sales')).toBeUndefined();
  });

  it('are sorted by position', () => {
    const text = '---\nelement: org-purpose-brand\n---\n\nThe Equality Act 2012 applies. Our brand is just the logo. The Consumer Rights Act 2016 too.\n';
    const starts = analyse(text, criteria).findings.map((f) => f.range.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });
});
