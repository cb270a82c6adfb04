import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const KIOKU = path.resolve(import.meta.dirname, '../../dist/kioku.js');

let counter = 0;

/**
 * The environment of a user's terminal, whatever runs the tests: CI runners set CI,
 * which changes how terminal libraries write. A test that wants it passes it in `env`.
 */
const TERMINAL_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'CONTINUOUS_INTEGRATION'),
);

/**
 * A real terminal for end-to-end tests: a private tmux server per session, keys
 * sent with send-keys, the screen read with capture-pane. Waits poll the screen
 * rather than sleeping, so tests are as fast as the program.
 */
export class Terminal {
  private readonly socket: string;
  private readonly target = 'e2e';
  /** Everything the program writes, copied by tmux: its size changes when the screen may have. */
  private readonly output: string;
  /** The output's size at the last capture, and captures still due after a change. */
  private seenSize = -1;
  private settle = 0;
  private lastCapture = 0;
  private lastScreen = '';

  constructor(
    command: string,
    options: { cwd: string; env?: Record<string, string>; width?: number; height?: number },
  ) {
    this.socket = `kioku-e2e-${process.pid}-${++counter}`;
    const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.target,
      '-x',
      String(options.width ?? 100),
      '-y',
      String(options.height ?? 30),
      '-c',
      options.cwd,
      ...env,
      `${command}; echo "[exit $?]"; sleep 600`,
    );
    this.output = path.join(os.tmpdir(), `${this.socket}.out`);
    this.tmux('pipe-pane', '-t', this.target, `cat >> '${this.output}'`);
  }

  private outputSize(): number {
    try {
      return statSync(this.output).size;
    } catch {
      return -1;
    }
  }

  /**
   * The screen, captured again only when the program wrote something since the
   * last capture (a capture is a tmux process: polling it every few ms kept a
   * core busy per test). tmux may copy the output before it draws it, so two
   * more captures follow a change, and one a second regardless.
   */
  latestScreen(): string {
    const size = this.outputSize();
    const now = Date.now();
    if (size !== this.seenSize) {
      this.seenSize = size;
      this.settle = 2;
    } else if (this.settle === 0 && now - this.lastCapture < 1000) {
      return this.lastScreen;
    } else if (this.settle > 0) {
      this.settle--;
    }
    this.lastCapture = now;
    this.lastScreen = this.screen();
    return this.lastScreen;
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], {
      encoding: 'utf8',
      env: TERMINAL_ENV,
    });
  }

  /** The screen as text; with `escapes`, with its colours and attributes as SGR codes. */
  screen(options: { escapes?: boolean } = {}): string {
    return this.tmux('capture-pane', '-p', ...(options.escapes ? ['-e'] : []), '-t', this.target);
  }

  /** Keys in tmux send-keys syntax: 'Space', 'Enter', 'q', 'C-c'. */
  send(...keys: string[]): void {
    this.tmux('send-keys', '-t', this.target, ...keys);
  }

  /** Sends text literally (no key-name lookup). */
  type(text: string): void {
    this.tmux('send-keys', '-t', this.target, '-l', text);
  }

  async waitFor(expected: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < deadline) {
      screen = this.latestScreen();
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) {
        return screen;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${String(expected)}; screen was:\n${screen}`);
  }

  /** The program's pid: the child of the pane's shell (read from /proc, no pgrep needed). */
  pid(): number {
    const panePid = this.tmux('display-message', '-p', '-t', this.target, '#{pane_pid}').trim();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
        if (ppid === panePid) return Number(entry);
      } catch {
        // The process ended while we looked.
      }
    }
    throw new Error(`no child of pane process ${panePid}`);
  }

  close(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
    rmSync(this.output, { force: true });
  }
}
