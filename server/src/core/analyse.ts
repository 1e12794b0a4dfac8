import { AnalysisContext } from './context.js';
import { coverageOf } from './coverage.js';
import type { CheckDefinition, Criteria } from './criteria.js';
import { detectors } from './detectors/index.js';
import { buildDocument, type DocumentModel } from './document.js';
import { chooseElement } from './element.js';
import { learnedHits } from './learned/judge.js';
import { applySuppressions } from './suppression.js';
import type { AnalysisOptions, AnalysisResult, Finding, Severity } from './types.js';

/** Where each check's documentation lives; `#<check-id>` is appended. */
export const DOCS_URL = 'https://github.com/markpoint-dev/markpoint/blob/main/docs/checks.md';

export function docsUrlOf(checkId: string): string {
  return `${DOCS_URL}#${checkId}`;
}

/** Where an element's marking points are documented. */
export function elementDocsUrlOf(element: string): string {
  return `${DOCS_URL.replace(/checks\.md$/, 'elements.md')}#${element}`;
}

/** IDs the product defines beside the catalogue's checks. */
export const PRODUCT_CHECKS = {
  wordCount: 'word-count',
  unknownElement: 'unknown-element',
  frontMatter: 'front-matter',
} as const;

/**
 * The product's own findings have no check file, so their text lives here, in one
 * place for the docs generator (docs/checks.md, "Product checks") and the SARIF rules.
 */
export const PRODUCT_CHECK_DEFINITIONS: Array<Pick<CheckDefinition, 'id' | 'title' | 'why' | 'assessor' | 'severity' | 'scope'>> = [
  {
    id: PRODUCT_CHECKS.wordCount,
    title: 'Prose outside the word limit',
    scope: 'document',
    severity: 'information',
    why: 'The prose is more than 10% over or under the word_limit in the front matter. A short answer often lacks the detail the marking points ask for, and an assessor may not read past the limit. The count leaves out front matter, code, HTML comments and the reference list.',
    assessor: 'Work within about 10% of the word limit.',
  },
  {
    id: PRODUCT_CHECKS.unknownElement,
    title: 'Unknown element',
    scope: 'document',
    severity: 'error',
    why: 'The front matter or the element option names an element that does not exist, so the file was checked against the element inferred from its text instead.',
    assessor: 'The answer is marked against the marking points of the element it was set for: name that element by its ID.',
  },
  {
    id: PRODUCT_CHECKS.frontMatter,
    title: 'Front matter is not valid YAML',
    scope: 'document',
    severity: 'error',
    why: 'The front matter is not valid YAML, so its element, word limit and settings were ignored.',
    assessor: 'Front matter that names the element and word limit, so the work is checked against the right marking points.',
  },
];

/**
 * Analyse one Markdown assignment: parse once, resolve the element, run the element's
 * checks, apply suppressions, and measure coverage of its marking points.
 */
export function analyse(text: string, criteria: Criteria, options: AnalysisOptions = {}): AnalysisResult {
  const doc = buildDocument(text);
  return analyseDocument(doc, criteria, options);
}

export function analyseDocument(doc: DocumentModel, criteria: Criteria, options: AnalysisOptions = {}): AnalysisResult {
  const ctx = new AnalysisContext(doc, criteria);
  const choice = chooseElement(ctx, criteria.packs, options.element, options.learned !== false);
  const pack = criteria.packs.get(choice.element);
  const findings: Finding[] = [];
  const severities = options.severities ?? {};
  const frontMatterRange = doc.frontMatter ? { start: doc.frontMatter.start, end: doc.frontMatter.end } : { start: 0, end: 0 };

  if (doc.frontMatter?.error) {
    findings.push(productFinding(PRODUCT_CHECKS.frontMatter, 'error', `The front matter is not valid YAML (${doc.frontMatter.error}), so its element and settings were ignored.`, frontMatterRange));
  }
  if (choice.unknown) {
    const known = [...criteria.packs.keys()].join(', ');
    findings.push(
      productFinding(
        PRODUCT_CHECKS.unknownElement,
        'error',
        `'${choice.unknown.id}' (from the ${choice.unknown.from === 'front-matter' ? 'front matter' : 'element option'}) is not an element. Known elements: ${known}. Checked against '${choice.element}' instead.`,
        choice.unknown.from === 'front-matter' ? frontMatterRange : { start: 0, end: 0 },
      ),
    );
  }

  if (pack) {
    for (const entry of pack.checks) {
      const id = typeof entry === 'string' ? entry : entry.id;
      const check = criteria.checks.get(id);
      if (!check) continue;
      const severity = severities[id] ?? (typeof entry === 'string' ? undefined : entry.severity) ?? check.severity;
      if (severity === 'off') continue;
      const rules = detectors[check.detector.kind](ctx, check);
      const hits = options.learned === false ? rules : [...rules, ...learnedHits(ctx, check, rules)];
      for (const hit of hits) {
        findings.push({
          check: id,
          severity,
          message: fill(check.message, hit.values),
          range: hit.range,
          docsUrl: docsUrlOf(id),
          ...(hit.fix ? { fix: hit.fix } : {}),
        });
      }
    }
  }

  const limit = Number(doc.frontMatter?.data.word_limit);
  if (Number.isFinite(limit) && limit > 0 && severities[PRODUCT_CHECKS.wordCount] !== 'off') {
    const ratio = doc.wordCount / limit;
    if (ratio > 1.1 || ratio < 0.9) {
      const pct = Math.round(Math.abs(ratio - 1) * 100);
      const side = ratio > 1 ? 'over' : 'under';
      findings.push(
        productFinding(
          PRODUCT_CHECKS.wordCount,
          (severities[PRODUCT_CHECKS.wordCount] as Severity | undefined) ?? 'information',
          `The prose is ${doc.wordCount.toLocaleString('en-GB')} words, ${pct}% ${side} the word limit of ${limit.toLocaleString('en-GB')}. Assessors expect work within about 10% of the limit${side === 'over' ? ', and may not read past it' : ': a short answer often lacks the detail the marking points ask for'}. The count leaves out front matter, code, comments and the reference list.`,
          frontMatterRange,
        ),
      );
    }
  }

  const visible = applySuppressions(doc, findings).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.check.localeCompare(b.check));
  const coverage = pack ? coverageOf(ctx, pack, visible, criteria.checks, options.learned !== false) : { entries: [], sections: [] };
  return {
    element: choice.element,
    elementSource: choice.source,
    ...(choice.inference ? { elementInference: choice.inference } : {}),
    wordCount: doc.wordCount,
    frontMatter: doc.frontMatter?.data ?? {},
    findings: visible,
    coverage: coverage.entries,
    sections: coverage.sections,
  };
}

function productFinding(check: string, severity: Severity, message: string, range: { start: number; end: number }): Finding {
  return { check, severity, message, range, docsUrl: docsUrlOf(check) };
}

/** Fill `{name}` placeholders of a message template; unknown names are left out. */
export function fill(template: string, values: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '').replace(/\s+/g, ' ').trim();
}


