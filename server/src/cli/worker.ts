import { parentPort } from 'node:worker_threads';
import { analyse, type AnalysisOptions } from '../core/index.js';
import { bundledCriteria } from '../node/criteria-files.js';

/**
 * A worker thread of `markpoint check`: analyses the texts it is sent and posts the
 * results back. Results are plain data, so they cross threads by structured clone.
 */
export interface WorkerJob {
  id: number;
  text: string;
  options: AnalysisOptions;
}

const { criteria } = bundledCriteria();
parentPort?.on('message', (job: WorkerJob) => {
  try {
    parentPort!.postMessage({ id: job.id, result: analyse(job.text, criteria, job.options) });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: `could not be analysed: ${(error as Error).message}` });
  }
});
