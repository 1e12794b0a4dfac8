/**
 * Public types of the analysis core. Offsets are UTF-16 code-unit offsets into the
 * original text of the document; adapters convert them to editor or CLI positions.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type CoverageStatus = 'covered' | 'partial' | 'missing';
export type ElementSource = 'front-matter' | 'option' | 'inferred';

export interface OffsetRange {
  start: number;
  end: number;
}

/** An exact, safe edit that a quick fix may apply (e.g. a wrong law year). */
export interface TextEdit {
  range: OffsetRange;
  newText: string;
}

export interface Finding {
  /** Check ID from the catalogue (e.g. `brand-as-logo`) or a product ID (`word-count`). */
  check: string;
  severity: Severity;
  /** What was found and why an assessor cares, in British English. */
  message: string;
  range: OffsetRange;
  /** Link to the check's documentation. */
  docsUrl: string;
  /** The exact safe edit, when there is one (law years). Never the learner's answer. */
  fix?: TextEdit & { title: string };
}

export interface Evidence {
  range: OffsetRange;
  /** The facet of the marking point this passage evidences. */
  facet: string;
}

export interface CoverageEntry {
  /** Full ID: `<element>/<marking point>`. */
  id: string;
  pointId: string;
  status: CoverageStatus;
  evidence: Evidence[];
  /** Facets of the point that were not evidenced (for "what is missing" hints). */
  missingFacets: string[];
  /** Findings that held a covered point back to partial. */
  weakenedBy: string[];
  /**
   * The heading of the section the point is read in (`primarySection`): the one that
   * holds the findings holding it back, else most of its evidence. Absent when no
   * headed section holds either.
   */
  section?: OffsetRange;
}

export interface SectionCoverage {
  heading: OffsetRange;
  title: string;
  pointIds: string[];
}

export interface AnalysisResult {
  element: string;
  elementSource: ElementSource;
  /** For an inferred element: the inference's confidence (0–1), and the runner-up when it was close. */
  elementInference?: { confidence: number; runnerUp?: string };
  wordCount: number;
  /** The parsed front matter (empty when there is none or it is not valid YAML). */
  frontMatter: Record<string, unknown>;
  findings: Finding[];
  coverage: CoverageEntry[];
  /** Which marking points each headed section evidences (for heading hovers). */
  sections: SectionCoverage[];
}

export interface AnalysisOptions {
  /** Element chosen by a flag or setting; front matter still wins. */
  element?: string;
  /** Per-check severity overrides; `off` disables the check. */
  severities?: Record<string, Severity | 'off'>;
  /** Use the learned layer (default). `false` gives the rules alone, for measuring what it adds. */
  learned?: boolean;
}
