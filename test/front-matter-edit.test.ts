import { describe, expect, it } from 'vitest';
import { setElementChange } from '../client/src/front-matter.js';

const apply = (text: string, element: string) => {
  const c = setElementChange(text, element);
  return text.slice(0, c.start) + c.text + text.slice(c.end);
};

describe('Choose Element: the front matter edit', () => {
  it('creates front matter when there is none', () => {
    expect(apply('# My assignment\n\nText.\n', 'plan-deliver')).toBe('---\nelement: plan-deliver\n---\n\n# My assignment\n\nText.\n');
  });

  it('adds the key to existing front matter, keeping the rest', () => {
    expect(apply('---\nlearner: Amy\n---\n\n# A\n', 'org-factors-role')).toBe('---\nelement: org-factors-role\nlearner: Amy\n---\n\n# A\n');
  });

  it('replaces the value of an existing element key', () => {
    expect(apply('---\nlearner: Amy\nelement: plan-deliver # set by the tutor\nword_limit: 900\n---\n# A\n', 'service-environment')).toBe(
      '---\nlearner: Amy\nelement: service-environment\nword_limit: 900\n---\n# A\n',
    );
  });

  it('keeps Windows line endings', () => {
    expect(apply('---\r\nlearner: Amy\r\n---\r\n# A\r\n', 'plan-deliver')).toBe('---\r\nelement: plan-deliver\r\nlearner: Amy\r\n---\r\n# A\r\n');
    expect(apply('# A\r\n', 'plan-deliver')).toBe('---\r\nelement: plan-deliver\r\n---\r\n\r\n# A\r\n');
  });

  it('handles empty front matter and an empty file', () => {
    expect(apply('---\n---\n# A\n', 'plan-deliver')).toBe('---\nelement: plan-deliver\n---\n# A\n');
    expect(apply('', 'plan-deliver')).toBe('---\nelement: plan-deliver\n---\n\n');
  });

  it('does not mistake a thematic break later in the text for front matter', () => {
    expect(apply('# A\n\n---\n\nelement: not front matter\n', 'plan-deliver')).toMatch(/^---\nelement: plan-deliver\n---\n\n# A/);
  });
});
