import { PRODUCT_CHECK_DEFINITIONS } from './analyse.js';
import type { Criteria } from './criteria.js';
import type { CoverageStatus } from './types.js';

/**
 * How a check and a coverage status are named to people, in one place for every output
 * (the terminal, the editor's hovers, the cohort report).
 */

/**
 * A check's title: its check file's, or the product check's (`word-count`, …); the ID
 * itself for a check that neither knows.
 */
export function checkTitle(criteria: Pick<Criteria, 'checks'>, id: string): string {
  return criteria.checks.get(id)?.title ?? PRODUCT_CHECK_DEFINITIONS.find((p) => p.id === id)?.title ?? id;
}

/** The symbol of each coverage status. It goes with the status's word, so colour is never the only signal. */
export const STATUS_SYMBOL: Readonly<Record<CoverageStatus, string>> = {
  covered: '✔',
  partial: '◐',
  missing: '✘',
};

/** `✔ covered`, `◐ partial`, `✘ missing`. */
export function statusLabel(status: CoverageStatus): string {
  return `${STATUS_SYMBOL[status]} ${status}`;
}
