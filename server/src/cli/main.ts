import { appendFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { formatProblem, type Criteria, type Severity } from '../core/index.js';
import { bundledCriteria } from '../node/criteria-files.js';
import { VERSION } from '../node/version.js';

export { VERSION };
import type { ConfigProblem } from '../node/config-file.js';
import { cohortCsv } from '../report/csv.js';
import { cohortHtml } from '../report/html.js';
import { FORMATS } from './formats/index.js';
import { formatStylish } from './formats/stylish.js';
import { createProgress, type ProgressStream } from './progress.js';
import { atOrAbove, coveragePercent, type FileReport } from './report.js';
import { checkInputs, type CheckOptions } from './run-checks.js';

export { checkInputs } from './run-checks.js';

/** Exit codes, as ESLint uses them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const FAIL_ON = ['error', 'warning', 'information'] as const;

const REPORT_HELP = `Usage: markpoint report [options] PATHS|GLOBS… --out report.html [--csv cohort.csv]

Writes one self-contained HTML report for a cohort: a matrix of learners by marking
points, the most frequent misconceptions, and each learner's findings with the evidence
quoted. Learners are named from front matter (learner:) or the file name.

Options:
  --out FILE            the HTML report to write (required)
  --csv FILE            also write one row per learner and one column per marking point
  --title TEXT          the report's title
  --element ID          element for files whose front matter does not say
  --config FILE         use FILE instead of the nearest .markpoint.json
  --no-config           ignore .markpoint.json files
  --jobs N              check with N worker threads
  -h, --help            show this help

Exit codes: 0 written, 2 a usage error, a broken config file or an input that could
not be read (the report still lists it).`;

const HELP = `Usage: markpoint check [options] [PATHS|GLOBS…]
       markpoint report [options] PATHS|GLOBS… --out report.html [--csv cohort.csv]

Checks Markdown assignments against the marking points and common misconceptions of
their element. Directories are searched for *.md files; '-' reads standard input.

Options:
  --element ID          element to check against when the front matter does not say
                        (\${elements})
  --format NAME         ${Object.keys(FORMATS).join(', ')} (default stylish)
  --output FILE         write the report to FILE; the terminal keeps the stylish summary
  --fail-on LEVEL       exit 1 when a finding is at or above LEVEL:
                        error (default), warning or information
  --min-coverage N      exit 1 when a file evidences less than N% of its element's
                        marking points (covered counts fully, partial half)
  --config FILE         use FILE instead of the nearest .markpoint.json
  --no-config           ignore .markpoint.json files
  --jobs N              check with N worker threads (default: one per core for
                        large batches)
  -h, --help            show this help
  -v, --version         show the version

Exit codes: 0 nothing at or above --fail-on and coverage at least --min-coverage,
1 otherwise, 2 a usage error, a broken config file or an input that could not be read.`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
  /** Where progress goes (stderr); progress shows only when it is a terminal. */
  progress?: ProgressStream;
  env?: Record<string, string | undefined>;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  const loaded = bundledCriteria();
  const elements = [...loaded.criteria.packs.keys()].join(', ');
  const help = HELP.replace('${elements}', elements);
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(help + '\n');
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === '-v' || command === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  if (command !== 'check' && command !== 'report') {
    io.stderr(`markpoint: unknown command '${command}'. Run 'markpoint --help' for usage.\n`);
    return EXIT.usage;
  }
  if (loaded.problems.length) {
    io.stderr(`markpoint: the criteria are broken:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return EXIT.usage;
  }
  return command === 'report' ? reportCommand(rest, io, loaded.criteria, elements) : checkCommand(rest, io, loaded.criteria, help, elements);
}

async function reportCommand(args: string[], io: CliIO, criteria: Criteria, elements: string): Promise<number> {
  const parsed = parseCommand('report', args, { out: { type: 'string' }, csv: { type: 'string' }, title: { type: 'string' } }, io, REPORT_HELP);
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const usage = usageError(io);
  if (!values.out) return usage('report needs --out FILE for the HTML report');
  const batch = batchOptions(values, positionals, io, criteria, elements, 'Name the submissions: files, directories or globs');
  if (typeof batch === 'string') return usage(batch);
  const { reports, configProblems } = await runBatch(positionals, criteria, batch, io, 'Analysing');
  const generatedAt = new Date().toISOString();
  writeFileSync(resolve(io.cwd, String(values.out)), cohortHtml(reports, { criteria, generatedAt, title: values.title as string | undefined }));
  io.stdout(`Report for ${reports.length} learner${reports.length === 1 ? '' : 's'} written to ${values.out}\n`);
  if (values.csv) {
    writeFileSync(resolve(io.cwd, String(values.csv)), cohortCsv(reports, { criteria }));
    io.stdout(`Spreadsheet written to ${values.csv}\n`);
  }
  return reports.some((r) => r.error) || configProblems.length ? EXIT.usage : EXIT.ok;
}

async function checkCommand(args: string[], io: CliIO, criteria: Criteria, help: string, elements: string): Promise<number> {
  const parsed = parseCommand(
    'check',
    args,
    { format: { type: 'string', default: 'stylish' }, output: { type: 'string' }, 'fail-on': { type: 'string', default: 'error' }, 'min-coverage': { type: 'string' } },
    io,
    help,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const usage = usageError(io);
  const format = FORMATS[String(values.format)];
  if (!format) return usage(`unknown format '${values.format}'; use ${Object.keys(FORMATS).join(', ')}`);
  if (!FAIL_ON.includes(values['fail-on'] as (typeof FAIL_ON)[number])) return usage(`unknown --fail-on level '${values['fail-on']}'; use ${FAIL_ON.join(', ')}`);
  const minCoverage = values['min-coverage'] === undefined ? undefined : Number(values['min-coverage']);
  if (minCoverage !== undefined && !(Number.isFinite(minCoverage) && minCoverage >= 0 && minCoverage <= 100)) return usage(`--min-coverage takes a percentage from 0 to 100, not '${values['min-coverage']}'`);
  const batch = batchOptions(values, positionals, io, criteria, elements, "Name files, directories or globs, or '-' for standard input");
  if (typeof batch === 'string') return usage(batch);
  const { reports, configProblems } = await runBatch(positionals, criteria, batch, io, 'Checking');

  const belowCoverage = minCoverage === undefined ? [] : reports.filter((r) => r.result && coveragePercent(r.result) < minCoverage);
  const ctx = { criteria, color: io.color, version: VERSION, minCoverage };
  const output = format(reports, ctx);
  if (values.output) {
    writeFileSync(resolve(io.cwd, String(values.output)), output.text);
    io.stdout(formatStylish(reports, ctx));
    io.stdout(`Report written to ${values.output}\n`);
  } else io.stdout(output.text);
  const summaryFile = io.env?.GITHUB_STEP_SUMMARY;
  if (output.summary && summaryFile) appendFileSync(summaryFile, output.summary);

  if (reports.some((r) => r.error) || configProblems.length) return EXIT.usage;
  const threshold = values['fail-on'] as Severity;
  const failing = reports.some((r) => r.result && atOrAbove(r.result.findings, threshold));
  return failing || belowCoverage.length ? EXIT.findings : EXIT.ok;
}

/** Options both commands take: which element, which config, how many threads. */
const BATCH_OPTIONS = {
  element: { type: 'string' },
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  jobs: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsOptionsConfig;

type Values = Record<string, string | boolean | undefined>;

/** Parse a command's arguments; a number is the exit code to stop with (help, usage error). */
function parseCommand(command: string, args: string[], own: ParseArgsOptionsConfig, io: CliIO, help: string): { values: Values; positionals: string[] } | number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { ...BATCH_OPTIONS, ...own } });
  } catch (error) {
    io.stderr(`markpoint: ${(error as Error).message}. Run 'markpoint ${command} --help' for usage.\n`);
    return EXIT.usage;
  }
  const values = parsed.values as Values;
  if (values.help) {
    io.stdout(help + '\n');
    return EXIT.ok;
  }
  return { values, positionals: parsed.positionals };
}

function usageError(io: CliIO): (message: string) => number {
  return (message) => {
    io.stderr(`markpoint: ${message}\n`);
    return EXIT.usage;
  };
}

/** Validate the shared options into batch options; a string is the usage error. */
function batchOptions(values: Values, positionals: string[], io: CliIO, criteria: Criteria, elements: string, whatToName: string): CheckOptions | string {
  const element = values.element as string | undefined;
  if (element !== undefined && !criteria.packs.has(element)) return `unknown element '${element}'; use one of ${elements}`;
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) return `--jobs takes a whole number from 1 to 64, not '${values.jobs}'`;
  if (positionals.length === 0) return `no files given. ${whatToName}`;
  return { element, cwd: io.cwd, config: !values['no-config'], configFile: values.config as string | undefined, jobs };
}

/** Check a batch, with progress on a terminal, and report broken configs and unreadable files on stderr. */
async function runBatch(positionals: string[], criteria: Criteria, options: CheckOptions, io: CliIO, label: string) {
  const configProblems: ConfigProblem[] = [];
  const stream = io.progress ?? { isTTY: false, write: () => undefined };
  const reports = await checkInputs(positionals, criteria, { ...options, configProblems, progress: (total) => createProgress(total, stream, label) });
  for (const p of configProblems) io.stderr(`markpoint: ${relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.message} (the file's settings were not used)\n`);
  for (const r of reports) if (r.error) io.stderr(`markpoint: ${r.path}: ${r.error}\n`);
  return { reports, configProblems };
}

/** For tests and the report command: the reports of a batch. */
export type { FileReport };

