import os from 'node:os';

/**
 * What a command may touch of the process, passed in so that commands run in a
 * test as they run from a shell: output streams, whether they are terminals, the
 * working and home directories. Only the bin (main.ts) builds it from `process`.
 */

export interface OutStream {
  write(text: string): void;
  readonly isTTY: boolean;
  /** The terminal's width, when a terminal. */
  readonly columns?: number | undefined;
}

export interface CliIo {
  readonly stdout: OutStream;
  readonly stderr: OutStream;
  readonly stdin: { readonly isTTY: boolean };
  readonly cwd: string;
  readonly home: string;
  /** Ends a command that runs until interrupted (`check --watch`); the bin has Ctrl-C. */
  readonly signal?: AbortSignal;
  /** The clock: fixed in tests. */
  readonly now: () => Date;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** The process's own streams and directories. */
export function processIo(): CliIo {
  const stream = (s: NodeJS.WriteStream): OutStream => ({
    write: (text) => {
      s.write(text);
    },
    get isTTY() {
      return s.isTTY === true;
    },
    get columns() {
      return s.isTTY ? s.columns : undefined;
    },
  });
  return {
    stdout: stream(process.stdout),
    stderr: stream(process.stderr),
    stdin: { isTTY: process.stdin.isTTY === true },
    cwd: process.cwd(),
    home: os.homedir(),
    now: () => new Date(),
  };
}
