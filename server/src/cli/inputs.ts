import { readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** One input to check: a path as the user should see it, or `-` for standard input. */
export interface Input {
  path: string;
  /** Why the input could not be used, if so (the file is still reported). */
  error?: string;
}

const IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Expand the command line's operands: files as given, directories recursively to their
 * `*.md` files, globs to what they match, `-` to standard input. Order is stable: each
 * operand's files sorted, operands in the order given, duplicates dropped.
 */
export async function expandInputs(operands: string[], cwd = process.cwd()): Promise<Input[]> {
  const out: Input[] = [];
  const seen = new Set<string>();
  const push = (input: Input) => {
    const key = input.path === '-' ? '-' : resolve(cwd, input.path);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(input);
  };
  for (const operand of operands) {
    if (operand === '-') {
      push({ path: '-' });
      continue;
    }
    if (isDynamicPattern(operand)) {
      const found = await glob(operand, { cwd, ignore: IGNORED, onlyFiles: true, dot: false });
      if (found.length === 0) push({ path: operand, error: 'no files match this pattern' });
      for (const f of found.sort()) push({ path: display(cwd, resolve(cwd, f)) });
      continue;
    }
    const full = resolve(cwd, operand);
    let info;
    try {
      info = await stat(full);
    } catch {
      push({ path: operand, error: 'no such file or directory' });
      continue;
    }
    if (info.isDirectory()) {
      const found = await glob('**/*.md', { cwd: full, ignore: IGNORED, onlyFiles: true });
      for (const f of found.sort()) push({ path: display(cwd, resolve(full, f)) });
    } else push({ path: operand });
  }
  return out;
}

export async function readInput(input: Input, cwd = process.cwd()): Promise<string> {
  if (input.path === '-') return readStdin();
  return readFile(resolve(cwd, input.path), 'utf8');
}

function display(cwd: string, full: string): string {
  const rel = relative(cwd, full);
  return (rel.startsWith('..') ? full : rel).replace(/\\/g, '/');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
