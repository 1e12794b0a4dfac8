/**
 * Markpoint's own LSP messages, shared by the language server and its clients (the VS
 * Code extension's coverage panel). This folder is the one part of `server/src` that
 * the extension imports, so it imports nothing itself: its positions and ranges are
 * LSP's, written out here. Positions are 0-based, in UTF-16 code units.
 */

/** A position in a document, as LSP has it. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a document, as LSP has it: `end` is exclusive. */
export interface Range {
  start: Position;
  end: Position;
}

export const CoverageRequest = 'markpoint/coverage';
export const CoverageNotification = 'markpoint/didChangeCoverage';
/** A self-contained HTML coverage report of one document, for tutors. */
export const ExportReportRequest = 'markpoint/exportReport';

export interface ExportReportResult {
  html: string;
}

export interface CoverageParams {
  textDocument: { uri: string };
}

export interface CoverageEvidence {
  range: Range;
  /** Which part of the marking point the passage evidences. */
  facet: string;
  /** The passage itself, for tooltips and reports. */
  text: string;
}

export interface CoveragePoint {
  /** `<element>/<marking point>`. */
  id: string;
  pointId: string;
  status: 'covered' | 'partial' | 'missing';
  summary: string;
  examiner: string;
  evidence: CoverageEvidence[];
  missing: string[];
  heldBackBy: string[];
}

export interface CoverageReport {
  uri: string;
  version: number;
  element: string;
  elementTitle: string;
  elementSource: 'front-matter' | 'option' | 'inferred';
  /** For an inferred element: the runner-up when the inference was close. */
  elementRunnerUp?: string;
  wordCount: number;
  points: CoveragePoint[];
  counts: { covered: number; partial: number; missing: number; total: number };
  misconceptions: Array<{ code: string; message: string; severity: string; range: Range }>;
}

/** What each Markpoint diagnostic carries in `data`, for code actions. */
export interface DiagnosticData {
  check: string;
  fix?: { range: Range; newText: string; title: string };
  point?: string;
}
