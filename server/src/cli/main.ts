import { parseArgs } from 'node:util';
import { dirname, relative, resolve } from 'node:path';
import { analyse, analysisOptions, formatProblem, LineMap, mergeSettings, type Criteria, type Severity } from '../core/index.js';
import { findConfigFile, loadConfigFile, type ConfigProblem } from '../node/config-file.js';
import { bundledCriteria } from '../node/criteria-files.js';
import { formatJson } from './formats/json.js';
import { formatStylish } from './formats/stylish.js';
import { expandInputs, readInput } from './inputs.js';
import { atOrAbove, type FileReport } from './report.js';

/** Exit codes, as ESLint uses them. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const FORMATS = ['stylish', 'json'] as const;
const FAIL_ON = ['error', 'warning', 'information'] as const;

const HELP = `Usage: markpoint check [options] [PATHS|GLOBS…]

Checks Markdown assignments against the marking points and common misconceptions of
their element. Directories are searched for *.md files; '-' reads standard input.

Options:
  --element ID        element to check against when the front matter does not say
                      (${'${elements}'})
  --no-config         ignore .markpoint.json files
  --format NAME       stylish (default) or json
  --fail-on LEVEL     exit 1 when a finding is at or above LEVEL:
                      error (default), warning or information
  -h, --help          show this help
  -v, --version       show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 a usage error or an input that could not be read.`;

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  color: boolean;
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
  if (command !== 'check') {
    io.stderr(`markpoint: unknown command '${command}'. Run 'markpoint --help' for usage.\n`);
    return EXIT.usage;
  }
  if (loaded.problems.length) {
    io.stderr(`markpoint: the criteria are broken:\n${loaded.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}\n`);
    return EXIT.usage;
  }

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        element: { type: 'string' },
        format: { type: 'string', default: 'stylish' },
        'fail-on': { type: 'string', default: 'error' },
        'no-config': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`markpoint: ${(error as Error).message}. Run 'markpoint check --help' for usage.\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(help + '\n');
    return EXIT.ok;
  }
  const usage = (message: string) => {
    io.stderr(`markpoint: ${message}\n`);
    return EXIT.usage;
  };
  if (!FORMATS.includes(values.format as (typeof FORMATS)[number])) return usage(`unknown format '${values.format}'; use ${FORMATS.join(' or ')}`);
  if (!FAIL_ON.includes(values['fail-on'] as (typeof FAIL_ON)[number])) return usage(`unknown --fail-on level '${values['fail-on']}'; use ${FAIL_ON.join(', ')}`);
  if (values.element !== undefined && !loaded.criteria.packs.has(values.element)) return usage(`unknown element '${values.element}'; use one of ${elements}`);
  if (positionals.length === 0) return usage("no files given. Name files, directories or globs, or '-' for standard input");

  const configProblems: ConfigProblem[] = [];
  const reports = await checkInputs(positionals, loaded.criteria, { element: values.element, cwd: io.cwd, config: !values['no-config'], configProblems });
  for (const p of configProblems) io.stderr(`markpoint: ${relative(io.cwd, p.file) || p.file}:${p.line}:${p.column}: ${p.message} (the file's settings were not used)\n`);
  for (const r of reports) if (r.error) io.stderr(`markpoint: ${r.path}: ${r.error}\n`);

  const output = values.format === 'json' ? formatJson(reports) : formatStylish(reports, { criteria: loaded.criteria, color: io.color });
  io.stdout(output);

  if (reports.some((r) => r.error) || configProblems.length) return EXIT.usage;
  const threshold = values['fail-on'] as Severity;
  return reports.some((r) => r.result && atOrAbove(r.result.findings, threshold)) ? EXIT.findings : EXIT.ok;
}

export interface CheckOptions {
  element?: string;
  cwd: string;
  /** Read `.markpoint.json` files (default true). */
  config?: boolean;
  /** Receives the problems of broken config files; their files are checked without them. */
  configProblems?: ConfigProblem[];
}

export async function checkInputs(operands: string[], criteria: Criteria, options: CheckOptions): Promise<FileReport[]> {
  const inputs = await expandInputs(operands, options.cwd);
  const reports: FileReport[] = [];
  const seenProblems = new Set<string>();
  /** Settings for a file: its nearest .markpoint.json, then the command line. */
  const settingsFor = (path: string) => {
    const file = options.config === false ? undefined : findConfigFile(path === '-' ? options.cwd : dirname(resolve(options.cwd, path)));
    const config = file ? loadConfigFile(file) : undefined;
    for (const p of config?.problems ?? []) {
      const key = `${p.file}:${p.line}:${p.column}`;
      if (!seenProblems.has(key)) options.configProblems?.push(p);
      seenProblems.add(key);
    }
    return mergeSettings(config?.settings, options.element ? { element: options.element } : undefined);
  };
  for (const input of inputs) {
    if (input.error) {
      reports.push({ path: input.path, error: input.error });
      continue;
    }
    let text: string;
    try {
      text = await readInput(input, options.cwd);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      reports.push({ path: input.path, error: code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be read (${(error as Error).message})` });
      continue;
    }
    try {
      reports.push({ path: input.path, result: analyse(text, criteria, analysisOptions(settingsFor(input.path))), lines: new LineMap(text) });
    } catch (error) {
      reports.push({ path: input.path, error: `could not be analysed: ${(error as Error).message}` });
    }
  }
  return reports;
}

declare const MARKPOINT_VERSION: string | undefined;
const VERSION = typeof MARKPOINT_VERSION === 'string' ? MARKPOINT_VERSION : 'development';
