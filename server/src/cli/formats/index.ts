import type { FileReport, FormatContext } from '../report.js';
import { formatJson } from './json.js';
import { formatStylish } from './stylish.js';

/**
 * Output formats of `markpoint check`. Each turns the same reports into text; `github`
 * also gives a job summary for $GITHUB_STEP_SUMMARY.
 */
export interface FormatOutput {
  text: string;
  /** Markdown for GitHub's job summary, when the format has one. */
  summary?: string;
}

export type Formatter = (reports: FileReport[], ctx: FormatContext & { version: string }) => FormatOutput;

export const FORMATS: Record<string, Formatter> = {
  stylish: (reports, ctx) => ({ text: formatStylish(reports, ctx) }),
  json: (reports) => ({ text: formatJson(reports) }),
};
