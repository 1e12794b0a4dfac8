import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksDoc, elementsDoc } from '../scripts/gen-docs.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

describe('generated documentation', () => {
  const { criteria } = bundledCriteria();
  const docs = join(import.meta.dirname, '..', 'docs');

  it('docs/checks.md is current (run `npm run docs` after changing criteria)', () => {
    expect(readFileSync(join(docs, 'checks.md'), 'utf8')).toBe(checksDoc(criteria));
  });

  it('docs/elements.md is current (run `npm run docs` after changing criteria)', () => {
    expect(readFileSync(join(docs, 'elements.md'), 'utf8')).toBe(elementsDoc(criteria));
  });

  it('has an anchor for every check a finding links to', () => {
    const text = checksDoc(criteria);
    for (const id of criteria.checks.keys()) expect(text).toContain(`## \`${id}\``);
    for (const id of ['word-count', 'unknown-element', 'front-matter']) expect(text).toContain(`<a id="${id}"></a>`);
  });
});
