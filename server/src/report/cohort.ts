import type { AnalysisResult, CoverageStatus, Criteria, MarkingPoint, Pack } from '../core/index.js';
import type { FileReport } from './file-report.js';

/**
 * What the tutors' cohort report formats share: who each learner is, which elements
 * and marking points the cohort answers, and in which order learners are shown. Pure:
 * each report carries its own text, for quoting evidence.
 */

export interface CohortLearner {
  /** Position in the report order; anchors and row IDs use it, so it is unique. */
  index: number;
  report: FileReport;
  /** From front matter `learner:` when present, else the file name without its extension. */
  name: string;
  text?: string;
  /** `word_limit` from the front matter, when it is a positive number. */
  wordLimit?: number;
}

export interface AnalysedLearner extends CohortLearner {
  result: AnalysisResult;
}

export interface CohortPoint {
  /** Full ID, `<element>/<point>`. */
  id: string;
  pointId: string;
  summary: string;
  examiner: string;
  point?: MarkingPoint;
}

export interface CohortElement {
  element: string;
  title: string;
  pack?: Pack;
  points: CohortPoint[];
  learners: AnalysedLearner[];
}

export interface Cohort {
  /** Analysed learners, grouped by element (in criteria order), then by name. */
  learners: AnalysedLearner[];
  /** Files that could not be read or analysed. */
  failed: CohortLearner[];
  elements: CohortElement[];
}

export function buildCohort(reports: FileReport[], criteria: Criteria): Cohort {
  const analysed: Array<Omit<AnalysedLearner, 'index'>> = [];
  const failed: Array<Omit<CohortLearner, 'index'>> = [];
  for (const report of reports) {
    const text = report.text;
    // The engine has parsed the front matter already (as YAML); odd values are ignored.
    const fm = report.result?.frontMatter ?? {};
    const learner = typeof fm.learner === 'string' || typeof fm.learner === 'number' ? String(fm.learner) : undefined;
    const name = cleanName(learner) ?? nameFromPath(report.path);
    const limit = Number(fm.word_limit);
    const wordLimit = Number.isFinite(limit) && limit > 0 ? limit : undefined;
    const base = { report, name, ...(text !== undefined ? { text } : {}), ...(wordLimit !== undefined ? { wordLimit } : {}) };
    if (report.result && !report.error) analysed.push({ ...base, result: report.result });
    else failed.push(base);
  }

  const packOrder = [...criteria.packs.keys()];
  const rank = (element: string) => {
    const i = packOrder.indexOf(element);
    return i === -1 ? packOrder.length : i;
  };
  const byName = (a: { name: string; report: FileReport }, b: { name: string; report: FileReport }) =>
    a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base', numeric: true }) || (a.report.path < b.report.path ? -1 : a.report.path > b.report.path ? 1 : 0);
  analysed.sort((a, b) => rank(a.result.element) - rank(b.result.element) || a.result.element.localeCompare(b.result.element) || byName(a, b));

  const learners: AnalysedLearner[] = analysed.map((l, index) => ({ ...l, index }));
  const elements: CohortElement[] = [];
  for (const learner of learners) {
    let group = elements.find((e) => e.element === learner.result.element);
    if (!group) {
      const pack = criteria.packs.get(learner.result.element);
      const points: CohortPoint[] = (pack?.markingPoints ?? []).map((p) => ({ id: `${learner.result.element}/${p.id}`, pointId: p.id, summary: p.summary, examiner: p.examiner, point: p }));
      group = { element: learner.result.element, title: pack?.title ?? learner.result.element, ...(pack ? { pack } : {}), points, learners: [] };
      elements.push(group);
    }
    // A point the result reports but the pack does not list still gets its column.
    for (const c of learner.result.coverage)
      if (!group.points.some((p) => p.id === c.id)) group.points.push({ id: c.id, pointId: c.pointId, summary: '', examiner: '' });
    group.learners.push(learner);
  }
  failed.sort(byName);
  return { learners, failed: failed.map((l, i) => ({ ...l, index: learners.length + i })), elements };
}

/** The learner's status for a column, or undefined when the point is not of their element. */
export function statusOf(learner: AnalysedLearner, point: CohortPoint): CoverageStatus | undefined {
  return learner.result.coverage.find((c) => c.id === point.id)?.status;
}

function cleanName(value: string | undefined): string | undefined {
  const name = value?.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!name) return undefined;
  return name.length > 120 ? `${name.slice(0, 119)}…` : name;
}

/** `cohort/amy-brand.md` → `amy-brand`; standard input is `-`. */
export function nameFromPath(path: string): string {
  if (path === '-') return 'standard input';
  const base = path.split(/[\\/]/).filter(Boolean).pop() ?? path;
  return base.replace(/\.(md|markdown|mdown|mkd|txt)$/i, '') || base;
}

/** Collapse whitespace and shorten to about `max` characters at a word boundary, with an ellipsis. */
export function shorten(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never split a surrogate pair
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
