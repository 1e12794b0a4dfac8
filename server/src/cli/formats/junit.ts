import { cliRange, type FileReport, type FormatContext } from '../report.js';

/**
 * `--format junit`: JUnit XML, which CI systems (Jenkins, GitLab, Azure Pipelines and
 * GitHub test-report actions) show as test results. Each file is a test suite; each
 * marking point is a test that passes when it is covered, and each finding is a test
 * that fails, so a teacher's dashboard counts both what is missing and what is wrong.
 * A file that could not be checked is one test with an error, not a silent gap.
 */
export function formatJunit(reports: FileReport[], ctx: FormatContext): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  for (const report of reports) {
    const path = report.path;
    if (report.error || !report.result || !report.lines) {
      const message = report.error ?? 'could not be checked';
      tests++;
      errors++;
      suites.push(
        `  <testsuite name="${attr(path)}" tests="1" failures="0" errors="1" skipped="0">`,
        `    <testcase classname="${attr(path)}" name="read ${attr(path)}">`,
        `      <error type="unreadable" message="${attr(message)}">${text(`${path}: ${message}`)}</error>`,
        '    </testcase>',
        '  </testsuite>',
      );
      continue;
    }
    const { result, lines } = report;
    const pack = ctx.criteria.packs.get(result.element);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const cov of result.coverage) {
      const point = pack?.markingPoints.find((p) => p.id === cov.pointId);
      const name = `marking point ${cov.pointId}: ${point?.summary ?? cov.id}`;
      if (cov.status === 'covered') {
        cases.push(`    <testcase classname="${attr(path)}" name="${attr(name)}"/>`);
        continue;
      }
      suiteFailures++;
      const reasons = [
        cov.missingFacets.length ? `not yet evidenced: ${cov.missingFacets.join(', ')}` : '',
        cov.weakenedBy.length ? `held back by: ${cov.weakenedBy.join(', ')}` : '',
      ].filter(Boolean);
      const message = `${cov.status === 'partial' ? 'Partly covered' : 'Not covered'}${reasons.length ? `: ${reasons.join('; ')}` : ''}`;
      // The body gives the examiner's own wording, which is what the learner has to meet.
      const body = [message, point ? `The examiner looks for: ${point.examiner}` : '', `Marking point: ${cov.id}`].filter(Boolean).join('\n');
      cases.push(
        `    <testcase classname="${attr(path)}" name="${attr(name)}">`,
        `      <failure type="${cov.status}" message="${attr(message)}">${text(body)}</failure>`,
        '    </testcase>',
      );
    }
    for (const finding of result.findings) {
      const { start, end } = cliRange(lines, finding.range);
      suiteFailures++;
      const body = [`${path}:${start.line}:${start.column}-${end.line}:${end.column} ${finding.severity} ${finding.check}`, finding.message, `See ${finding.docsUrl}`].join('\n');
      cases.push(
        `    <testcase classname="${attr(path)}" name="${attr(`${finding.check} at line ${start.line}:${start.column}`)}">`,
        `      <failure type="${finding.severity}" message="${attr(finding.message)}">${text(body)}</failure>`,
        '    </testcase>',
      );
    }
    const count = result.coverage.length + result.findings.length;
    tests += count;
    failures += suiteFailures;
    suites.push(
      `  <testsuite name="${attr(path)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="0">`,
      '    <properties>',
      `      <property name="element" value="${attr(result.element)}"/>`,
      `      <property name="elementSource" value="${attr(result.elementSource)}"/>`,
      `      <property name="wordCount" value="${result.wordCount}"/>`,
      '    </properties>',
      ...cases,
      '  </testsuite>',
    );
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="markpoint" tests="${tests}" failures="${failures}" errors="${errors}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * Characters XML 1.0 cannot hold at all, even as references: C0 controls other than
 * tab, newline and carriage return, lone surrogates, and U+FFFE/U+FFFF. Learner text and
 * file names can contain them, and one would make the whole report unparseable.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escape element content. A raw carriage return would be read back as a newline, so it is a reference. */
export function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/**
 * Escape an attribute value. Parsers turn a raw tab, newline or carriage return in an
 * attribute into a space, so those are written as character references to survive.
 */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');
}
