import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectGolden } from './support/golden.js';
import { sarifValidator } from './support/sarif.js';
import { analyse, LineMap, type Finding } from '../server/src/core/index.js';
import { bundledCriteria } from '../server/src/node/criteria-files.js';
import { checkInputs } from '../server/src/cli/main.js';
import { counts, type FileReport } from '../server/src/cli/report.js';
import { formatSarif, pascalCase } from '../server/src/cli/formats/sarif.js';
import { formatJunit } from '../server/src/cli/formats/junit.js';
import { escapeData, escapeProperty, formatGithub } from '../server/src/cli/formats/github.js';

const cliDir = join(import.meta.dirname, 'cli');
const criteria = bundledCriteria().criteria;
// A fixed version keeps the SARIF golden file independent of releases.
const ctx = { criteria, color: false, version: '0.0.0-test' };

/**
 * A report of learner text analysed by the real engine, for cases the fixtures lack.
 * Only `brand-as-logo` findings are kept: a text this short also draws document-level
 * findings that would only blur what each test is about.
 */
function reportOf(path: string, text: string, findings: (found: Finding[]) => Finding[] = (f) => f): FileReport {
  const result = analyse(text, criteria);
  return { path, result: { ...result, findings: findings(result.findings.filter((f) => f.check === 'brand-as-logo')) }, lines: new LineMap(text) };
}

let cohort: FileReport[];
beforeAll(async () => {
  cohort = await checkInputs(['fixtures/cohort'], criteria, { cwd: cliDir });
});

describe('--format sarif', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 (golden)', () => {
    const out = formatSarif(cohort, ctx);
    expectGolden(out, 'check.sarif');
    const log = JSON.parse(out);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0].invocations).toEqual([{ executionSuccessful: true }]);
  });

  it('lists every check and the product checks as rules, sorted, with their teaching text', () => {
    const { driver } = JSON.parse(formatSarif(cohort, ctx)).runs[0].tool;
    expect(driver).toMatchObject({ name: 'Markpoint', semanticVersion: '0.0.0-test', informationUri: 'https://github.com/markpoint-dev/markpoint' });
    const ids = driver.rules.map((r: { id: string }) => r.id);
    const expected = [...criteria.checks.keys(), 'word-count', 'unknown-element', 'front-matter'].sort();
    expect(ids).toEqual(expected);
    const brand = driver.rules.find((r: { id: string }) => r.id === 'brand-as-logo');
    const def = criteria.checks.get('brand-as-logo')!;
    expect(brand).toMatchObject({
      name: 'BrandAsLogo',
      shortDescription: { text: def.title },
      fullDescription: { text: def.why },
      helpUri: 'https://github.com/markpoint-dev/markpoint/blob/main/docs/checks.md#brand-as-logo',
      defaultConfiguration: { level: 'warning' },
    });
    expect(brand.help.markdown).toContain(def.assessor);
    expect(brand.properties.tags).toContain('org-purpose-brand');
    expect(driver.rules.find((r: { id: string }) => r.id === 'law-year-wrong').defaultConfiguration.level).toBe('error');
    expect(driver.rules.find((r: { id: string }) => r.id === 'word-count').defaultConfiguration.level).toBe('note');
    expect(pascalCase('law-year-wrong')).toBe('LawYearWrong');
  });

  it('gives each finding its rule, level, 1-based region and a stable fingerprint', () => {
    const run = JSON.parse(formatSarif(cohort, ctx)).runs[0];
    const findings = cohort.flatMap((r) => r.result?.findings ?? []);
    expect(run.results).toHaveLength(findings.length);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    const year = run.results.find((r: { ruleId: string }) => r.ruleId === 'law-year-wrong');
    expect(year).toMatchObject({
      level: 'error',
      message: { text: 'The Equality Act is dated 2010, not 2012.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'fixtures/cohort/amy-brand.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 23, startColumn: 70, endLine: 23, endColumn: 87 },
          },
        },
      ],
    });
    // The document-level word count still has a region: the front matter.
    const words = run.results.find((r: { ruleId: string }) => r.ruleId === 'word-count');
    expect(words.level).toBe('note');
    expect(words.locations[0].physicalLocation.region).toEqual({ startLine: 1, startColumn: 1, endLine: 5, endColumn: 4 });
    const prints = run.results.map((r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints['markpointFinding/v1']);
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('keeps a fingerprint when lines are added above the finding, and tells repeats apart', () => {
    const text = '# Brand\n\nOur brand is just the logo.\n';
    const print = (t: string) => JSON.parse(formatSarif([reportOf('a.md', t)], ctx)).runs[0].results.map((r: { partialFingerprints: object }) => r.partialFingerprints);
    const before = print(text);
    expect(before).toHaveLength(1);
    expect(print(text.replace('# Brand\n', '# Brand\n\nA new opening paragraph about the shop.\n'))).toEqual(before);
    const twice = print(text + '\nOur brand is just the logo.\n');
    expect(twice).toHaveLength(2);
    expect(twice[0]).toEqual(before[0]);
    expect(twice[1]).not.toEqual(twice[0]);
  });

  it('counts columns in UTF-16 code units and writes paths as URIs with forward slashes', () => {
    const report = reportOf('work\\my notes\\brand.md', '# Brand 😀\n\n😀 Our brand is just the logo.\n');
    const run = JSON.parse(formatSarif([report], ctx)).runs[0];
    const loc = run.results.find((r: { ruleId: string }) => r.ruleId === 'brand-as-logo').locations[0].physicalLocation;
    expect(loc.region.startColumn).toBe(4); // the emoji is two code units
    expect(loc.artifactLocation).toEqual({ uri: 'work/my%20notes/brand.md', uriBaseId: '%SRCROOT%' });
    expect(validate(JSON.parse(formatSarif([report], ctx)))).toBe(true);
  });

  it('reports unreadable files as tool execution notifications', async () => {
    const reports = await checkInputs(['missing.md', 'fixtures/cohort/ben-environment.md'], criteria, { cwd: cliDir });
    const log = JSON.parse(formatSarif(reports, ctx));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [
        {
          level: 'error',
          message: { text: 'missing.md: no such file or directory' },
          locations: [{ physicalLocation: { artifactLocation: { uri: 'missing.md', uriBaseId: '%SRCROOT%' } } }],
        },
      ],
    });
  });
});

describe('--format junit', () => {
  // htmlEntities makes the parser decode character references such as &#10; as XML requires.
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });

  it('is well-formed JUnit XML whose counts match the reports (golden)', () => {
    const out = formatJunit(cohort, ctx);
    expectGolden(out, 'check.junit.xml');
    expect(XMLValidator.validate(out)).toBe(true);
    const doc = parser.parse(out).testsuites;
    const findings = counts(cohort);
    const nFindings = findings.errors + findings.warnings + findings.information + findings.hints;
    const coverage = cohort.flatMap((r) => r.result?.coverage ?? []);
    const uncovered = coverage.filter((c) => c.status !== 'covered').length;
    expect(doc).toMatchObject({ name: 'markpoint', tests: String(coverage.length + nFindings), failures: String(uncovered + nFindings), errors: '0' });
    expect(doc.testsuite.map((s: { name: string }) => s.name)).toEqual(cohort.map((r) => r.path));
    for (const [i, suite] of doc.testsuite.entries()) {
      expect(suite.testcase).toHaveLength(Number(suite.tests));
      expect(suite.testcase.filter((t: { failure?: unknown }) => t.failure)).toHaveLength(Number(suite.failures));
      expect(suite.testcase.every((t: { classname: string }) => t.classname === cohort[i].path)).toBe(true);
    }
    const amy = doc.testsuite[0].testcase;
    expect(amy.find((t: { name: string }) => t.name === 'law-year-wrong at line 23:70').failure).toMatchObject({
      type: 'error',
      message: 'The Equality Act is dated 2010, not 2012.',
    });
    const policies = amy.find((t: { name: string }) => t.name.startsWith('marking point policies-applied:'));
    expect(policies.failure).toMatchObject({ type: 'partial', message: 'Partly covered: not yet evidenced: data protection, health and safety' });
    const ben = doc.testsuite[1].testcase;
    expect(ben.find((t: { name: string }) => t.name.startsWith('marking point referral-methods:')).failure.type).toBe('missing');
    expect(ben.find((t: { name: string }) => t.name.startsWith('marking point repeat-business:')).failure).toBeUndefined();
  });

  it('gives an unreadable file a test suite with one error', async () => {
    const reports = await checkInputs(['missing.md', 'fixtures/cohort/ben-environment.md'], criteria, { cwd: cliDir });
    const doc = parser.parse(formatJunit(reports, ctx)).testsuites;
    expect(doc.errors).toBe('1');
    expect(doc.testsuite[0]).toMatchObject({ name: 'missing.md', tests: '1', errors: '1' });
    expect(doc.testsuite[0].testcase[0].error).toMatchObject({ message: 'no such file or directory' });
  });

  it('escapes learner text: markup, ampersands and quotes round-trip, control characters are dropped', () => {
    const evil = `Our brand is <script>alert("a & b")</script> 'really'\u0007 just\tthe\nlogo\r\u0000.`;
    const path = `learners/<b>&"o'neil".md`;
    const report = reportOf(path, '# Brand\n\nOur brand is just the logo.\n', (found) => found.map((f) => ({ ...f, message: evil })));
    const out = formatJunit([report, { path: `${path}\u001b`, error: evil }], ctx);
    expect(XMLValidator.validate(out)).toBe(true);
    expect(out).not.toContain('<script>');
    const clean = evil.replace(/[\u0000\u0007]/g, '');
    const doc = parser.parse(out).testsuites;
    expect(doc.testsuite[0].name).toBe(path);
    const failure = doc.testsuite[0].testcase.find((t: { name: string }) => t.name.startsWith('brand-as-logo')).failure;
    expect(failure.message).toBe(clean);
    expect(failure['#text']).toContain(clean.trim());
    expect(doc.testsuite[1].name).toBe(path);
    expect(doc.testsuite[1].testcase[0].error.message).toBe(clean);
  });
});

describe('--format github', () => {
  it('writes one workflow command per finding and a job summary (golden)', () => {
    const { annotations, summary } = formatGithub(cohort, ctx);
    expectGolden(`${annotations}--- $GITHUB_STEP_SUMMARY ---\n${summary}`, 'check.github.txt');
    const lines = annotations.trimEnd().split('\n');
    expect(lines).toHaveLength(cohort.flatMap((r) => r.result?.findings ?? []).length);
    expect(lines).toContain('::error file=fixtures/cohort/amy-brand.md,line=23,col=70,endLine=23,endColumn=87,title=law-year-wrong::The Equality Act is dated 2010, not 2012.');
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('::notice '))).toHaveLength(1);
    expect(summary).toContain('| fixtures/cohort/amy-brand.md | org-purpose-brand | 2 | 2 | 0 | 1 | 2 | 1 |');
    expect(summary).toContain('| fixtures/cohort/ben-environment.md | service-environment | 5 | 2 | 1 | 0 | 0 | 0 |');
    expect(summary).not.toContain('not shown');
  });

  it('escapes messages and properties as the Actions runner expects', () => {
    expect(escapeData('50% of\r\nlines: a, b')).toBe('50%25 of%0D%0Alines: a, b');
    expect(escapeProperty('dir,with:odd%\nname.md')).toBe('dir%2Cwith%3Aodd%25%0Aname.md');
    const report = reportOf('a,b:c.md', '# Brand\n\nOur brand is just the logo.\n', (found) => found.map((f) => ({ ...f, message: '100% sure:\nyes, really' })));
    const { annotations } = formatGithub([report], ctx);
    expect(annotations).toBe('::warning file=a%2Cb%3Ac.md,line=3,col=1,endLine=3,endColumn=27,title=brand-as-logo::100%25 sure:%0Ayes, really\n');
  });

  it('says how many findings GitHub did not show, only past the limit', () => {
    // The cohort has 1 error, 2 warnings and 1 information.
    expect(formatGithub(cohort, { ...ctx, limit: 2 }).summary).not.toContain('not shown');
    expect(formatGithub(cohort, { ...ctx, limit: 1 }).summary).toContain('**1 finding was not shown as annotations**, because GitHub shows at most 1 of each level');
    const many = reportOf('many.md', '# Brand\n\nOur brand is just the logo.\n', (found) => Array.from({ length: 12 }, () => found[0]));
    expect(formatGithub([many], ctx).summary).toContain('**2 findings were not shown as annotations**, because GitHub shows at most 10 of each level');
    const ten = reportOf('ten.md', '# Brand\n\nOur brand is just the logo.\n', (found) => Array.from({ length: 10 }, () => found[0]));
    expect(formatGithub([ten], ctx).summary).not.toContain('not shown');
  });

  it('reports an unreadable file as an error annotation and a summary row', async () => {
    const reports = await checkInputs(['missing.md'], criteria, { cwd: cliDir });
    const { annotations, summary } = formatGithub(reports, ctx);
    expect(annotations).toBe('::error file=missing.md,title=markpoint::missing.md could not be checked: no such file or directory\n');
    expect(summary).toContain('| missing.md | could not be checked: no such file or directory |');
  });

  it('keeps learner file names from breaking the summary table', () => {
    const report = reportOf('a|b <i>.md', '# Brand\n\nOur brand is just the logo.\n');
    expect(formatGithub([report], ctx).summary).toContain('| a\\|b \\<i\\>.md |');
  });
});
