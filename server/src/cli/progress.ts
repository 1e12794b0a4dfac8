/**
 * A progress bar on stderr for long batches, as `npm` and ESLint's formatters do: only
 * when stderr is a terminal and the batch is long enough to wait for; silent otherwise
 * (CI logs, pipes), so it never mixes with machine-readable output.
 */
export interface Progress {
  tick(): void;
  done(): void;
}

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export const PROGRESS_THRESHOLD = 20;

export function createProgress(total: number, stream: ProgressStream, label = 'Checking'): Progress {
  if (!stream.isTTY || total < PROGRESS_THRESHOLD) return { tick() {}, done() {} };
  let count = 0;
  let last = 0;
  const render = () => {
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - 30));
    const filled = Math.round((count / total) * width);
    stream.write(`\r${label} ${String(count).padStart(String(total).length)}/${total} [${'='.repeat(filled)}${' '.repeat(width - filled)}]`);
  };
  render();
  return {
    tick() {
      count++;
      const now = Date.now();
      if (count === total || now - last > 50) {
        last = now;
        render();
      }
    },
    done() {
      stream.write('\r\u001b[2K');
    },
  };
}
