/**
 * Data-driven fixture tests, in the style of markdownlint: every Markdown file in
 * `test/fixtures/` carries its own expectations as HTML comments, which the engine
 * ignores because comments are not prose.
 *
 *   <!-- expect: check-id -->           a finding of that check must START on this line
 *   <!-- clean: check-id -->            no finding of that check may start on this line
 *   <!-- expect-document: check-id -->  a finding of that check must exist in the file
 *   <!-- clean-document: check-id -->   no finding of that check anywhere in the file
 *
 * Several check IDs may be given in one marker, separated by commas. The element
 * comes from the fixture's own front matter (`element: ...`).
 *
 * Every catalogue check (a file in `criteria/checks/*.json`) must have a fixture file
 * named `<check-id>.md` and, across that file and its `<check-id>-*.md` siblings, at
 * least one expect marker and one clean marker, so a new check cannot ship untested.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse, PRODUCT_CHECKS, type AnalysisResult } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

type MarkerKind = 'expect' | 'clean' | 'expect-document' | 'clean-document';

interface Marker {
  kind: MarkerKind;
  check: string;
  /** 1-based line of the marker. */
  line: number;
}

interface Fixture {
  name: string;
  text: string;
  lines: string[];
  element: string | undefined;
  markers: Marker[];
}

const FIXTURES_DIR = fileURLToPath(new URL('./fixtures/', import.meta.url));
const CHECKS_DIR = fileURLToPath(new URL('../criteria/checks/', import.meta.url));

const MARKER = /<!--\s*(expect-document|clean-document|expect|clean)\s*:\s*([\s\S]*?)\s*-->/g;

/** Catalogue check IDs: the files in criteria/checks/*.json. */
const CATALOGUE_IDS: string[] = readdirSync(CHECKS_DIR)
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.slice(0, -'.json'.length))
  .sort();

const KNOWN_IDS = new Set<string>([...CATALOGUE_IDS, ...Object.values(PRODUCT_CHECKS)]);

function parseFixture(name: string): Fixture {
  const text = readFileSync(FIXTURES_DIR + name, 'utf8');
  const lines = text.split(/\r?\n/);
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  const element = frontMatter ? /^element:\s*(\S+)\s*$/m.exec(frontMatter[1])?.[1] : undefined;
  const markers: Marker[] = [];
  lines.forEach((lineText, i) => {
    for (const m of lineText.matchAll(MARKER)) {
      for (const check of m[2].split(/[\s,]+/).filter(Boolean)) {
        markers.push({ kind: m[1] as MarkerKind, check, line: i + 1 });
      }
    }
  });
  return { name, text, lines, element, markers };
}

/** Start offset of every line, for offset → 1-based line conversion. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

const fixtureNames = readdirSync(FIXTURES_DIR)
  .filter((name) => name.endsWith('.md'))
  .sort();
const fixtures = fixtureNames.map(parseFixture);

const { criteria, problems } = bundledCriteria();

interface Analysed {
  result: AnalysisResult;
  /** Findings with the 1-based line each starts on. */
  located: Array<{ check: string; line: number; message: string }>;
}

const analysed = new Map<string, Analysed>();

function analysedFixture(fixture: Fixture): Analysed {
  let entry = analysed.get(fixture.name);
  if (!entry) {
    const result = analyse(fixture.text, criteria, fixture.element ? { element: fixture.element } : {});
    const starts = lineStarts(fixture.text);
    const located = result.findings.map((f) => ({ check: f.check, line: lineOf(starts, f.range.start), message: f.message }));
    entry = { result, located };
    analysed.set(fixture.name, entry);
  }
  return entry;
}

function describeFindings(located: Analysed['located'], check: string): string {
  const same = located.filter((f) => f.check === check);
  return same.length ? same.map((f) => `line ${f.line}`).join(', ') : 'none';
}

describe('fixture set', () => {
  it('loads the bundled criteria without problems', () => {
    expect(problems).toEqual([]);
  });

  it('has fixture files', () => {
    expect(fixtures.length).toBeGreaterThan(0);
  });

  for (const id of CATALOGUE_IDS) {
    it(`check ${id} has ${id}.md with at least one expect and one clean marker`, () => {
      expect(fixtureNames, `missing test/fixtures/${id}.md`).toContain(`${id}.md`);
      const group = fixtures.filter((f) => f.name === `${id}.md` || f.name.startsWith(`${id}-`));
      const markers = group.flatMap((f) => f.markers).filter((m) => m.check === id);
      const expects = markers.filter((m) => m.kind === 'expect' || m.kind === 'expect-document');
      const cleans = markers.filter((m) => m.kind === 'clean' || m.kind === 'clean-document');
      expect(expects.length, `no expect marker for ${id} in ${group.map((f) => f.name).join(', ')}`).toBeGreaterThan(0);
      expect(cleans.length, `no clean marker for ${id} in ${group.map((f) => f.name).join(', ')}`).toBeGreaterThan(0);
    });
  }
});

for (const fixture of fixtures) {
  describe(fixture.name, () => {
    it(`${fixture.name} has front matter naming a known element, and it is used`, () => {
      expect(fixture.element, 'front matter `element:` is missing').toBeDefined();
      expect([...criteria.packs.keys()]).toContain(fixture.element);
      const { result } = analysedFixture(fixture);
      expect(result.element).toBe(fixture.element);
      expect(result.elementSource).toBe('front-matter');
      expect(result.findings.filter((f) => f.check === PRODUCT_CHECKS.frontMatter || f.check === PRODUCT_CHECKS.unknownElement)).toEqual([]);
    });

    it(`${fixture.name} has markers, each naming a known check`, () => {
      expect(fixture.markers.length).toBeGreaterThan(0);
      const unknown = fixture.markers.filter((m) => !KNOWN_IDS.has(m.check)).map((m) => `line ${m.line}: ${m.check}`);
      expect(unknown).toEqual([]);
    });

    for (const marker of fixture.markers) {
      const lineText = (fixture.lines[marker.line - 1] ?? '').replace(MARKER, '').trim();
      switch (marker.kind) {
        case 'expect':
          it(`${fixture.name}:${marker.line} expects ${marker.check}`, () => {
            const { located } = analysedFixture(fixture);
            const hit = located.some((f) => f.check === marker.check && f.line === marker.line);
            expect(hit, `expected a ${marker.check} finding starting on line ${marker.line}: "${lineText}" (${marker.check} findings start on: ${describeFindings(located, marker.check)})`).toBe(true);
          });
          break;
        case 'clean':
          it(`${fixture.name}:${marker.line} clean of ${marker.check}`, () => {
            const { located } = analysedFixture(fixture);
            const hits = located.filter((f) => f.check === marker.check && f.line === marker.line);
            expect(hits.map((f) => f.message), `expected no ${marker.check} finding on line ${marker.line}: "${lineText}"`).toEqual([]);
          });
          break;
        case 'expect-document':
          it(`${fixture.name} expects document finding ${marker.check}`, () => {
            const { located } = analysedFixture(fixture);
            expect(located.some((f) => f.check === marker.check), `expected a ${marker.check} finding somewhere in ${fixture.name}`).toBe(true);
          });
          break;
        case 'clean-document':
          it(`${fixture.name} has no ${marker.check} finding anywhere`, () => {
            const { located } = analysedFixture(fixture);
            const hits = located.filter((f) => f.check === marker.check).map((f) => `line ${f.line}: ${f.message}`);
            expect(hits, `expected no ${marker.check} finding in ${fixture.name}`).toEqual([]);
          });
          break;
      }
    }
  });
}
