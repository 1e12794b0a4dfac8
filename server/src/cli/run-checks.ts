import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { analyse, analysisOptions, LineMap, mergeSettings, type AnalysisOptions, type AnalysisResult, type Criteria } from '../core/index.js';
import { findConfigFile, isIgnored, loadConfigFile, settingsForFile, type ConfigProblem, type LoadedConfig } from '../node/config-file.js';
import { expandInputs, readInput } from './inputs.js';
import type { Progress } from './progress.js';
import type { FileReport } from './report.js';
import type { WorkerJob } from './worker.js';

export interface CheckOptions {
  element?: string;
  cwd: string;
  /** Read `.markpoint.json` files (default true). */
  config?: boolean;
  /** Use this config file for every input instead of the nearest one. */
  configFile?: string;
  /** Receives the problems of broken config files; their files are checked without them. */
  configProblems?: ConfigProblem[];
  /** Worker threads: 1 for serial, undefined for automatic. */
  jobs?: number;
  /** Called once the batch size is known; the returned progress is ticked per file. */
  progress?: (total: number) => Progress;
}

/** Below this many files, starting worker threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 8;

/**
 * Check a batch: expand the operands, read each file, resolve its settings (nearest
 * `.markpoint.json` and its overrides, then the command line), and analyse, in worker
 * threads for large batches. Reports come back in input order whatever finishes first.
 */
export async function checkInputs(operands: string[], criteria: Criteria, options: CheckOptions): Promise<FileReport[]> {
  const configs = new ConfigResolver(options);
  const inputs = (await expandInputs(operands, options.cwd)).filter((input) => {
    // Ignored files are left out of directory and glob expansion, as linters do.
    if (input.error || input.path === '-' || operands.includes(input.path)) return true;
    const config = configs.configFor(input.path);
    return !(config && isIgnored(config, resolve(options.cwd, input.path)));
  });
  const reports: FileReport[] = [];
  const jobs: Array<{ index: number; text: string; options: AnalysisOptions }> = [];
  const progress = options.progress?.(inputs.length);
  for (const input of inputs) {
    if (input.error) {
      reports.push({ path: input.path, error: input.error });
      progress?.tick();
      continue;
    }
    try {
      const text = await readInput(input, options.cwd);
      reports.push({ path: input.path, text, lines: new LineMap(text) });
      jobs.push({ index: reports.length - 1, text, options: configs.optionsFor(input.path) });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      reports.push({ path: input.path, error: code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot be read (${(error as Error).message})` });
      progress?.tick();
    }
  }
  const threads = Math.min(options.jobs ?? availableParallelism(), jobs.length);
  const script = threads > 1 && (options.jobs !== undefined || jobs.length >= PARALLEL_THRESHOLD) ? workerScript() : undefined;
  const settle = (index: number, outcome: { result?: AnalysisResult; error?: string }) => {
    if (outcome.result) reports[index].result = outcome.result;
    else {
      reports[index].error = outcome.error;
      delete reports[index].lines;
      delete reports[index].text;
    }
    progress?.tick();
  };
  if (script) await analyseInWorkers(script, threads, jobs, settle);
  else
    for (const job of jobs) {
      try {
        settle(job.index, { result: analyse(job.text, criteria, job.options) });
      } catch (error) {
        settle(job.index, { error: `could not be analysed: ${(error as Error).message}` });
      }
    }
  progress?.done();
  return reports;
}

/** Finds each file's config once per folder and turns it into analysis options. */
class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | undefined>();
  private readonly seen = new Set<string>();
  private readonly explicit?: LoadedConfig;

  constructor(private readonly options: CheckOptions) {
    if (options.configFile) this.explicit = this.load(resolve(options.cwd, options.configFile));
  }

  configFor(path: string): LoadedConfig | undefined {
    if (this.options.config === false) return undefined;
    if (this.options.configFile) return this.explicit;
    const dir = path === '-' ? resolve(this.options.cwd) : dirname(resolve(this.options.cwd, path));
    if (!this.byDir.has(dir)) {
      const file = findConfigFile(dir);
      this.byDir.set(dir, file ? this.load(file) : undefined);
    }
    return this.byDir.get(dir);
  }

  optionsFor(path: string): AnalysisOptions {
    const config = this.configFor(path);
    const layers = config ? settingsForFile(config, path === '-' ? resolve(this.options.cwd, 'stdin.md') : resolve(this.options.cwd, path)) : [];
    return analysisOptions(mergeSettings(...layers, this.options.element ? { element: this.options.element } : undefined));
  }

  private load(file: string): LoadedConfig {
    const config = loadConfigFile(file);
    for (const p of config.problems) {
      const key = `${p.file}:${p.line}:${p.column}`;
      if (!this.seen.has(key)) this.options.configProblems?.push(p);
      this.seen.add(key);
    }
    return config;
  }
}

/** The bundled worker script, next to the CLI bundle or in the package's dist/. */
function workerScript(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here, i = 0; i < 5; i++, dir = dirname(dir)) {
    for (const candidate of [join(dir, 'cli-worker.js'), join(dir, 'dist', 'cli-worker.js')]) if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function analyseInWorkers(
  script: string,
  threads: number,
  jobs: Array<{ index: number; text: string; options: AnalysisOptions }>,
  settle: (index: number, outcome: { result?: AnalysisResult; error?: string }) => void,
): Promise<void> {
  const queue = jobs.map((job, id) => ({ ...job, id }));
  const byId = new Map(queue.map((job) => [job.id, job]));
  let next = 0;
  await Promise.all(
    Array.from({ length: threads }, () => {
      const worker = new Worker(script);
      return new Promise<void>((resolveDone, reject) => {
        const send = () => {
          const job = queue[next++];
          if (!job) {
            void worker.terminate().then(() => resolveDone());
            return;
          }
          const message: WorkerJob = { id: job.id, text: job.text, options: job.options };
          worker.postMessage(message);
        };
        worker.on('message', (reply: { id: number; result?: AnalysisResult; error?: string }) => {
          settle(byId.get(reply.id)!.index, reply);
          send();
        });
        worker.on('error', reject);
        send();
      });
    }),
  );
}
