import os from 'node:os';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  tty?: boolean;
  columns?: number;
  now?: Date;
}

/**
 * Starts the command line in this process, as the bin would from a shell in
 * `cwd`: output is collected, never a terminal unless `tty` says so, and the
 * environment is only what the test gives (no KIOKU_* or locale from the
 * machine). `stop()` is Ctrl-C for commands that run until interrupted.
 */
export function startKioku(cwd: string, args: readonly string[], options: CliOptions = {}) {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const controller = new AbortController();
  const columns = tty ? (options.columns ?? 80) : undefined;
  const done = run(
    args,
    {
      stdout: {
        write: (s) => {
          stdout += s;
        },
        isTTY: tty,
        columns,
      },
      stderr: {
        write: (s) => {
          stderr += s;
        },
        isTTY: tty,
        columns,
      },
      stdin: { isTTY: tty },
      cwd,
      home: os.tmpdir(),
      signal: controller.signal,
      now: () => options.now ?? new Date(),
    },
    { TZ: 'UTC', ...options.env },
  ).then((status): CliResult => ({ status, stdout, stderr }));
  return {
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: () => controller.abort(),
    /** Resolves once stdout contains `text` (polling, no fixed sleep). */
    async waitFor(text: string | RegExp, timeoutMs = 10_000): Promise<string> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (typeof text === 'string' ? stdout.includes(text) : text.test(stdout)) return stdout;
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for ${text}; stdout:\n${stdout}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

/** Runs a command to its end in this process (see `startKioku`). */
export function kiokuIn(
  cwd: string,
  args: readonly string[],
  options: CliOptions = {},
): Promise<CliResult> {
  return startKioku(cwd, args, options).done;
}
