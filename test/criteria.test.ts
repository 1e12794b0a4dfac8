import { describe, expect, it } from 'vitest';
import { loadCriteria, formatProblem, type CriteriaFile } from '../server/src/core/index.js';
import { bundledCriteriaDir, readCriteriaFiles } from '../server/src/node/criteria-files.js';

const shipped = readCriteriaFiles(bundledCriteriaDir());

/** The shipped files with one file replaced (or added). */
function withFile(path: string, edit: (text: string) => string): CriteriaFile[] {
  const found = shipped.some((f) => f.path === path);
  const files = shipped.map((f) => (f.path === path ? { path, text: edit(f.text) } : f));
  return found ? files : [...files, { path, text: edit('') }];
}

describe('the shipped criteria', () => {
  const { criteria, problems } = loadCriteria(shipped);

  it('load without problems', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  it('define the five elements of the catalogue', () => {
    expect([...criteria.packs.keys()].sort()).toEqual(['org-factors-role', 'org-purpose-brand', 'plan-deliver', 'service-environment', 'service-principles']);
  });

  it('define all 26 marking points with the catalogue IDs', () => {
    const ids = [...criteria.packs.values()].flatMap((p) => p.markingPoints.map((m) => `${p.element}/${m.id}`));
    expect(ids).toHaveLength(26);
    expect(ids).toContain('service-environment/complaint-referral-procedure');
    expect(ids).toContain('org-purpose-brand/mission-values-customers');
  });

  it('define all 19 checks with the catalogue scopes and severities', () => {
    const table: Record<string, [string, string]> = {
      'brand-as-logo': ['sentence', 'warning'],
      'purpose-as-profit': ['sentence', 'warning'],
      'service-as-sales': ['sentence', 'warning'],
      'back-office-overlooked': ['sentence', 'warning'],
      'data-protection-role-limited': ['sentence', 'warning'],
      'escalation-unnamed-role': ['sentence', 'warning'],
      'authority-exceeded': ['sentence', 'warning'],
      'factor-misclassified': ['sentence', 'warning'],
      'standards-procedures-confused': ['sentence', 'warning'],
      'career-path-linear': ['sentence', 'information'],
      'objective-not-measurable': ['sentence', 'warning'],
      'legislation-not-applied': ['paragraph', 'warning'],
      'law-year-wrong': ['sentence', 'error'],
      'law-superseded': ['sentence', 'information'],
      'model-expansion-wrong': ['sentence', 'warning'],
      'internal-customers-ignored': ['document', 'information'],
      'external-factors-only': ['document', 'information'],
      'non-verbal-overlooked': ['document', 'information'],
      'no-workplace-context': ['document', 'information'],
    };
    expect(Object.fromEntries([...criteria.checks.values()].map((c) => [c.id, [c.scope, c.severity]]))).toEqual(table);
  });

  it('keep the examiner wording of each marking point as written in the element documents', () => {
    const pack = criteria.packs.get('plan-deliver')!;
    expect(pack.markingPoints[1].examiner).toBe(
      'Evidence must include a detailed service delivery plan that specifies resources, timelines, roles, and contingencies, with justification for chosen approaches.',
    );
  });
});

describe('a broken criteria file', () => {
  it('reports invalid JSON with its file, line and column, and still loads the rest', () => {
    const { criteria, problems } = loadCriteria(withFile('criteria/checks/brand-as-logo.json', (t) => t.replace('"scope": "sentence",', '"scope": "sentence",,')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'criteria/checks/brand-as-logo.json', line: 5 });
    expect(problems[0].message).toMatch(/invalid JSON/);
    expect(criteria.checks.has('brand-as-logo')).toBe(false);
    expect(criteria.checks.has('purpose-as-profit')).toBe(true);
  });

  it('reports a schema violation with the JSON path and the allowed values', () => {
    const { problems } = loadCriteria(withFile('criteria/checks/law-year-wrong.json', (t) => t.replace('"severity": "error"', '"severity": "fatal"')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'criteria/checks/law-year-wrong.json', pointer: '/severity', line: 6 });
    expect(problems[0].message).toContain('"error", "warning", "information", "hint"');
    expect(formatProblem(problems[0])).toMatch(/^criteria\/checks\/law-year-wrong\.json:6:\d+: .* \(at \/severity\)$/);
  });

  it('reports an unknown property and a missing required one', () => {
    const { problems } = loadCriteria(
      withFile('criteria/packs/plan-deliver.json', (t) => {
        const pack = JSON.parse(t);
        pack.markingPoints[0].colour = 'red';
        delete pack.markingPoints[1].summary;
        return JSON.stringify(pack, null, 2);
      }),
    );
    const messages = problems.map((p) => `${p.pointer} ${p.message}`);
    expect(messages).toContain("/markingPoints/0 unknown property 'colour'");
    expect(messages).toContain("/markingPoints/1 missing required property 'summary'");
  });

  it('reports a reference to an unknown concept at its exact place', () => {
    const { problems } = loadCriteria(withFile('criteria/checks/brand-as-logo.json', (t) => t.replace('"concept": "visual-identity"', '"concept": "visual-identiy"')));
    expect(problems).toHaveLength(1);
    expect(problems[0].pointer).toBe('/detector/patterns/0/slots/2/concept');
    expect(problems[0].message).toBe("unknown concept 'visual-identiy'");
  });

  it('reports a pack that lists an unknown check or weakens by one', () => {
    const { criteria, problems } = loadCriteria(
      withFile('criteria/packs/org-purpose-brand.json', (t) => {
        const pack = JSON.parse(t);
        pack.checks.push('brand-as-logos');
        return JSON.stringify(pack, null, 2);
      }),
    );
    expect(problems.map((p) => [p.pointer, p.message])).toEqual([[`/checks/${18}`, "unknown check 'brand-as-logos'"]]);
    expect(criteria.packs.has('org-purpose-brand')).toBe(false);
    expect(criteria.packs.has('plan-deliver')).toBe(true);
  });

  it('rejects a check whose ID does not match its file name', () => {
    const { problems } = loadCriteria(withFile('criteria/checks/brand-as-logo.json', (t) => t.replace('"id": "brand-as-logo"', '"id": "brand-logo"')));
    expect(problems[0]).toMatchObject({ pointer: '/id', message: "the check ID 'brand-logo' must match the file name 'brand-as-logo.json'" });
  });

  it('rejects concept include cycles and phrases that start with a wildcard', () => {
    const { problems } = loadCriteria(
      withFile('criteria/concepts.json', (t) => {
        const doc = JSON.parse(t);
        doc.concepts.a = { include: ['b'] };
        doc.concepts.b = { include: ['a'] };
        doc.concepts.c = { phrases: ['* logo'] };
        return JSON.stringify(doc, null, 2);
      }),
    );
    const messages = problems.map((p) => p.message);
    expect(messages).toContain("concept 'a' includes itself");
    expect(messages).toContain("phrase '* logo' must start with a word");
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', 'null', '[]', '{"concepts": 3}', '\u0000\u0001', '{"id": {}}']) {
      expect(() => loadCriteria([{ path: 'criteria/checks/x.json', text }, { path: 'criteria/concepts.json', text }])).not.toThrow();
    }
  });
});
