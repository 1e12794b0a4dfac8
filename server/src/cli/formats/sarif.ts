import { createHash } from 'node:crypto';
import { DOCS_URL, docsUrlOf, PRODUCT_CHECK_DEFINITIONS, PRODUCT_CHECKS, type Finding, type Severity } from '../../core/index.js';
import { cliRange, type FileReport, type FormatContext } from '../report.js';

/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * One run, whose driver lists a rule for every check (so a viewer can show the
 * teaching text of a rule even for alerts from older runs) and one result per finding.
 * Files that could not be checked are tool execution notifications rather than
 * results, because they say nothing about the learner's text.
 */

export type SarifLevel = 'error' | 'warning' | 'note';

/** The SARIF level of a severity. SARIF has no level below `note`, so hints share it. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** The repository's home page, derived from the docs URL so the two cannot disagree. */
export const INFORMATION_URI = DOCS_URL.replace(/\/blob\/.*$/, '');

export function formatSarif(reports: FileReport[], ctx: FormatContext & { version: string }): string {
  const { criteria } = ctx;
  // Which elements use each check, for the rule's tags.
  const elementsOf = new Map<string, string[]>();
  for (const pack of criteria.packs.values())
    for (const entry of pack.checks) {
      const id = typeof entry === 'string' ? entry : entry.id;
      elementsOf.set(id, [...(elementsOf.get(id) ?? []), pack.element]);
    }
  const definitions = [...criteria.checks.values(), ...PRODUCT_CHECK_DEFINITIONS.filter((p) => !criteria.checks.has(p.id))].sort((a, b) => a.id.localeCompare(b.id));
  const product = new Set<string>(Object.values(PRODUCT_CHECKS));
  const rules = definitions.map((def) => {
    const url = docsUrlOf(def.id);
    const tags = product.has(def.id) ? ['markpoint', 'product'] : ['markpoint', 'misconception', ...(elementsOf.get(def.id) ?? []).sort()];
    return {
      id: def.id,
      name: pascalCase(def.id),
      shortDescription: { text: def.title },
      fullDescription: { text: def.why },
      help: {
        text: `${def.why}\n\nWhat the assessor looks for: ${def.assessor}\n\nDocumentation: ${url}`,
        markdown: `${def.why}\n\n**What the assessor looks for:** ${def.assessor}\n\n[Read more about \`${def.id}\`](${url})`,
      },
      helpUri: url,
      defaultConfiguration: { level: sarifLevel(def.severity) },
      properties: { tags, scope: def.scope },
    };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));

  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const report of reports) {
    const artifactLocation = artifactOf(report.path);
    if (report.error || !report.result || !report.lines) {
      notifications.push({
        level: 'error',
        message: { text: `${report.path}: ${report.error ?? 'could not be checked'}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
      continue;
    }
    const { lines } = report;
    // The same text flagged twice by one check must still give two alerts, so each
    // repeat is numbered into its fingerprint.
    const seen = new Map<string, number>();
    for (const finding of report.result.findings) {
      const { start, end } = cliRange(lines, finding.range);
      const text = lines.text.slice(finding.range.start, finding.range.end);
      const key = `${finding.check}\u0000${text}`;
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      const index = ruleIndex.get(finding.check);
      results.push({
        ruleId: finding.check,
        // A check that is not in the criteria (a newer engine, say) still reports, without an index.
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: sarifLevel(finding.severity),
        message: { text: finding.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation,
              region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
            },
          },
        ],
        partialFingerprints: { 'markpointFinding/v1': fingerprint(forwardSlashes(report.path), finding, text, occurrence) },
      });
    }
  }

  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Markpoint', informationUri: INFORMATION_URI, semanticVersion: ctx.version, rules } },
        invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        // Finding columns are UTF-16 offsets, as editors count them; SARIF's default is code points.
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** `brand-as-logo` → `BrandAsLogo`, the form SARIF suggests for a rule's name. */
export function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Where a file is, as SARIF wants it: relative paths become URI references against
 * %SRCROOT% (the checkout, for GitHub), so alerts land on the repository's files;
 * absolute paths become file URIs, and standard input keeps its `-`.
 */
function artifactOf(path: string): { uri: string; uriBaseId?: string } {
  const p = forwardSlashes(path);
  if (p === '-') return { uri: '-' };
  // Built by hand rather than with pathToFileURL, so a Windows path gives the same URI on any platform.
  if (p.startsWith('/')) return { uri: `file://${encodePath(p)}` };
  if (/^[A-Za-z]:\//.test(p)) return { uri: `file:///${p.slice(0, 2)}${encodePath(p.slice(2))}` };
  return { uri: encodePath(p.replace(/^(\.\/)+/, '')), uriBaseId: '%SRCROOT%' };
}

function encodePath(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

function forwardSlashes(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * GitHub matches alerts across runs by fingerprint. Hashing the flagged text rather
 * than its line keeps an alert the same alert when the learner edits the lines above it.
 */
function fingerprint(path: string, finding: Finding, text: string, occurrence: number): string {
  return createHash('sha256').update(JSON.stringify([path, finding.check, text, occurrence])).digest('hex').slice(0, 32);
}
