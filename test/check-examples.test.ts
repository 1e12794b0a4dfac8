/**
 * Every check in `criteria/checks/*.json` documents itself with
 * `examples: { flagged: string[], clean: string[] }`. The examples do not depend on a
 * pack, so each is analysed under an element whose pack lists the check: flagged
 * examples must produce a finding of that check, clean ones must not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';

interface CheckFile {
  id: string;
  examples?: { flagged?: string[]; clean?: string[] };
}

interface PackFile {
  element: string;
  checks: Array<string | { id: string }>;
}

const CHECKS_DIR = fileURLToPath(new URL('../criteria/checks/', import.meta.url));
const PACKS_DIR = fileURLToPath(new URL('../criteria/packs/', import.meta.url));

function readJsonDir<T>(dir: string): Array<{ file: string; data: T }> {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => ({ file, data: JSON.parse(readFileSync(dir + file, 'utf8')) as T }));
}

const checks = readJsonDir<CheckFile>(CHECKS_DIR);
const packs = readJsonDir<PackFile>(PACKS_DIR);
const { criteria } = bundledCriteria();

function packListing(checkId: string): PackFile | undefined {
  return packs.map((p) => p.data).find((pack) => pack.checks.some((entry) => (typeof entry === 'string' ? entry : entry.id) === checkId));
}

function label(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 70 ? `${flat.slice(0, 67)}...` : flat);
}

for (const { file, data: check } of checks) {
  describe(`check ${check.id}`, () => {
    const pack = packListing(check.id);

    it(`${file} is named after its id and has flagged and clean examples`, () => {
      expect(file).toBe(`${check.id}.json`);
      expect(check.examples?.flagged?.length ?? 0).toBeGreaterThan(0);
      expect(check.examples?.clean?.length ?? 0).toBeGreaterThan(0);
    });

    it(`${check.id} is listed by at least one pack`, () => {
      expect(pack, `no pack in criteria/packs lists ${check.id}`).toBeDefined();
    });

    if (!pack) return;
    const element = pack.element;

    (check.examples?.flagged ?? []).forEach((example, i) => {
      it(`${check.id} flags example ${i + 1} under ${element}: ${label(example)}`, () => {
        const result = analyse(example, criteria, { element });
        expect(result.element).toBe(element);
        const found = result.findings.map((f) => f.check);
        expect(found, `expected ${check.id} for ${JSON.stringify(example)}`).toContain(check.id);
      });
    });

    (check.examples?.clean ?? []).forEach((example, i) => {
      it(`${check.id} leaves clean example ${i + 1} alone under ${element}: ${label(example)}`, () => {
        const result = analyse(example, criteria, { element });
        expect(result.element).toBe(element);
        const found = result.findings.filter((f) => f.check === check.id).map((f) => `${f.range.start}-${f.range.end}: ${f.message}`);
        expect(found, `expected no ${check.id} for ${JSON.stringify(example)}`).toEqual([]);
      });
    });
  });
}
