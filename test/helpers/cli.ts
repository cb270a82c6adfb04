import os from 'node:os';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the command line in this process, as the bin would from a shell in `cwd`:
 * output is collected, never a terminal unless `tty` says so. The environment is
 * only what the test gives (no KIOKU_* or locale leaking in from the machine).
 */
export async function kiokuIn(
  cwd: string,
  args: readonly string[],
  options: { env?: Record<string, string>; tty?: boolean; columns?: number; now?: Date } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const status = await run(
    args,
    {
      stdout: {
        write: (s) => {
          stdout += s;
        },
        isTTY: tty,
        columns: tty ? (options.columns ?? 80) : undefined,
      },
      stderr: {
        write: (s) => {
          stderr += s;
        },
        isTTY: tty,
        columns: tty ? (options.columns ?? 80) : undefined,
      },
      stdin: { isTTY: tty },
      cwd,
      home: os.tmpdir(),
      now: () => options.now ?? new Date(),
    },
    { TZ: 'UTC', ...options.env },
  );
  return { status, stdout, stderr };
}
