import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { analyse, formatProblem, loadCriteria, type CriteriaFile } from '../server/src/core/index.js';
import { REQUIRED_CONCEPTS } from '../server/src/core/criteria.js';
import { NUMBER_CONCEPT } from '../server/src/core/lexicon.js';
import { bundledCriteriaDir, readCriteriaFiles } from '../server/src/node/criteria-files.js';
import { main } from '../server/src/cli/main.js';

/** The shipped files with `refutation` renamed in concepts.json, as a contributor might. */
function renamed(files: CriteriaFile[], from: string, to: string): CriteriaFile[] {
  return files.map((f) => (f.path.endsWith('/concepts.json') ? { ...f, text: f.text.replace(`"${from}": {`, `"${to}": {`) } : f));
}

// The CLI loads the shipped criteria through this module: give it the renamed set.
vi.mock('../server/src/node/criteria-files.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../server/src/node/criteria-files.js')>();
  const { loadCriteria: load } = await import('../server/src/core/index.js');
  const files = real.readCriteriaFiles(real.bundledCriteriaDir());
  const broken = load(files.map((f) => (f.path.endsWith('/concepts.json') ? { ...f, text: f.text.replace('"refutation": {', '"rebuttal": {') } : f)));
  return { ...real, bundledCriteria: () => broken };
});

const shipped = readCriteriaFiles(bundledCriteriaDir());
const conceptsFile = shipped.find((f) => f.path.endsWith('/concepts.json'))!;

describe('concepts the engine names in code', () => {
  it('are listed in REQUIRED_CONCEPTS, and the list names no others', () => {
    const core = join(import.meta.dirname, '..', 'server', 'src', 'core');
    const named = new Set<string>();
    for (const name of readdirSync(core, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.ts'))) {
      const text = readFileSync(join(core, name), 'utf8');
      for (const m of text.matchAll(/\bctx\.(?:has\([^,()]+,|concept\()\s*'([^']+)'|\.handle\(\s*'([^']+)'/g)) named.add(m[1] ?? m[2]);
    }
    named.delete(NUMBER_CONCEPT); // built into the lexicon, never in the concepts file
    expect([...named].sort()).toEqual(Object.keys(REQUIRED_CONCEPTS).sort());
  });

  it('are all defined by the shipped concepts file', () => {
    expect(loadCriteria(shipped).problems.map(formatProblem)).toEqual([]);
  });

  it.each(Object.keys(REQUIRED_CONCEPTS))("renaming '%s' is reported at the concepts file, with its position", (id) => {
    const { problems } = loadCriteria(renamed(shipped, id, `${id}-renamed`));
    const problem = problems.find((p) => p.message.includes(`'${id}'`) && p.pointer === '/concepts');
    expect(problem).toBeDefined();
    expect(problem!.message).toBe(`missing concept '${id}', which ${REQUIRED_CONCEPTS[id as keyof typeof REQUIRED_CONCEPTS]} needs`);
    // The line of `"concepts": {` in the shipped file.
    const line = conceptsFile.text.slice(0, conceptsFile.text.indexOf('"concepts"')).split('\n').length;
    expect(formatProblem(problem!)).toMatch(new RegExp(`^criteria/concepts\\.json:${line}:3: missing concept '${id}'`));
  });

  it('names refutation when it is renamed, as the invariant says', () => {
    const messages = loadCriteria(renamed(shipped, 'refutation', 'rebuttal')).problems.map((p) => p.message);
    expect(messages).toContain("missing concept 'refutation', which the refutation guard (guards.ts) needs");
  });

  it('are reported missing when no concepts file is given, and not again when it is broken', () => {
    const without = loadCriteria(shipped.filter((f) => f !== conceptsFile)).problems;
    expect(without.filter((p) => p.message.startsWith('missing concept')).map((p) => [p.file, p.pointer])).toEqual(
      Object.keys(REQUIRED_CONCEPTS).map(() => ['criteria/concepts.json', '/concepts']),
    );
    const broken = loadCriteria(shipped.map((f) => (f === conceptsFile ? { ...f, text: '{"concepts": 3}' } : f))).problems;
    expect(broken.some((p) => p.file === conceptsFile.path && p.pointer === '/concepts')).toBe(true);
    expect(broken.filter((p) => p.message.startsWith('missing concept'))).toEqual([]);
  });
});

describe('broken criteria', () => {
  it('make the command refuse to analyse, naming the concept and where', async () => {
    let stderr = '';
    const code = await main(['check', join(import.meta.dirname, '..', 'examples')], { stdout: () => undefined, stderr: (t) => (stderr += t), cwd: process.cwd(), color: false });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^markpoint: the criteria are broken:\n {2}criteria\/concepts\.json:\d+:\d+: missing concept 'refutation', which the refutation guard \(guards\.ts\) needs \(at \/concepts\)\n/);
  });

  it('fail an analysis that is attempted anyway with that concept, not a TypeError', () => {
    const { criteria } = loadCriteria(renamed(shipped, 'refutation', 'rebuttal'));
    let error: unknown;
    try {
      analyse('# Brand\n\nOur brand is just our logo.\n', criteria, { element: 'org-purpose-brand' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("Unknown concept 'refutation'");
  });
});
