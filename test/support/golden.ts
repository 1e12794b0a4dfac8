import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const dir = join(import.meta.dirname, '..', 'cli', 'golden');

/** Compare with a golden file in test/cli/golden; `UPDATE_GOLDEN=1 npx vitest run` rewrites them. */
export function expectGolden(actual: string, name: string): void {
  const file = join(dir, name);
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
