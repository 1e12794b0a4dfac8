/**
 * An assignment of org-purpose-brand with three findings (a brand reduced to its logo,
 * an unnamed escalation, a wrong law year), a key concept (HEAT) and a heading that
 * evidences nothing, for the language server's tests.
 */
export const ASSIGNMENT = [
  '---',
  'element: org-purpose-brand',
  '---',
  '',
  '# Purpose and brand at Harbour Books',
  '',
  '## Brand',
  '',
  'I work as a bookseller at Harbour Books. Our brand is basically the blue anchor logo.',
  '',
  '## Policies',
  '',
  'If a customer complains and I cannot sort it, I just pass it on. The Equality Act 2012 means we keep a ramp by the door, for example when Mrs Hart visits on Fridays. We use the HEAT model with every complaint.',
  '',
].join('\n');
