import type { FileReport, FormatContext } from '../report.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
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
  sarif: (reports, ctx) => ({ text: formatSarif(reports, ctx) }),
  junit: (reports, ctx) => ({ text: formatJunit(reports, ctx) }),
  github: (reports, ctx) => {
    const { annotations, summary } = formatGithub(reports, ctx);
    return { text: annotations, summary };
  },
};
