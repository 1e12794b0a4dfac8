import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCriteria, type CriteriaFile, type CriteriaLoadResult } from '../core/index.js';

/**
 * Node adapter: finds and reads the criteria files that ship with Markpoint (the
 * `criteria/` folder at the package root) and hands them to the pure loader.
 */
export function bundledCriteriaDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'criteria');
    if (existsSync(join(candidate, 'concepts.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('Markpoint cannot find its criteria folder; reinstall the package.');
}

export function readCriteriaFiles(dir: string, base = dirname(dir)): CriteriaFile[] {
  const files: CriteriaFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'schema') walk(full);
      } else if (name.endsWith('.json')) {
        files.push({ path: relative(base, full).replace(/\\/g, '/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  walk(resolve(dir));
  return files;
}

let cached: CriteriaLoadResult | undefined;

/** The criteria shipped with Markpoint, loaded once per process. */
export function bundledCriteria(): CriteriaLoadResult {
  cached ??= loadCriteria(readCriteriaFiles(bundledCriteriaDir()));
  return cached;
}
