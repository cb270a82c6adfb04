import { linkSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export class DataLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`${dir} is in use by kioku (pid ${pid}); close it there first`);
    this.name = 'DataLockedError';
  }
}

export interface Lock {
  release(): void;
}

/** Seams for tests that need a precise interleaving of two processes. */
export interface LockHooks {
  /** Runs after a stale lock was read and before it is taken over. */
  readonly beforeTakeover?: () => void;
}

function exists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a kioku process may hold the lock under this pid. After a crash and
 * a reboot the pid can belong to anything (a shell, a daemon): where /proc
 * shows the command line, a process that runs neither node nor kioku is not
 * the holder. Unknown (no /proc): assume it is.
 */
function alive(pid: number): boolean {
  if (!exists(pid)) return false;
  let cmdline: string;
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return true;
  }
  return cmdline === '' || /kioku|node/i.test(cmdline);
}

/** The pid in a lock or guard file's JSON, or 0 when it is torn or empty. */
function pidOf(text: string | null): number {
  if (text === null) return 0;
  try {
    return Number(JSON.parse(text).pid) || 0;
  } catch {
    return 0;
  }
}

/**
 * Creates `target` holding this process's pid, or returns false if it exists.
 * The pid goes to a private file first, then link() puts it in place: the file
 * appears atomically *with* its content, so nobody ever reads an empty lock and
 * takes it for a stale one.
 */
function create(target: string): boolean {
  const mine = `${target}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
  try {
    linkSync(mine, target);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return false;
  } finally {
    unlinkSync(mine);
  }
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function remove(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A takeover takes microseconds; a guard older than this was left by a crash. */
const GUARD_STALE_MS = 5_000;

/**
 * Takes `<dir>/kioku.lock`; two processes can never both hold it. A lock left by
 * a process that no longer exists (SIGKILL, power loss) is taken over.
 *
 * Taking over is where two processes starting at once could both win: each reads
 * the dead pid, one removes the stale lock and creates its own, then the other
 * removes that fresh lock believing it stale. So a takeover happens only under a
 * second lock (`kioku.lock.takeover`), and only if the lock is still the very file
 * read as stale.
 */
export function acquireLock(lockPath: string, displayDir: string, hooks: LockHooks = {}): Lock {
  const guard = `${lockPath}.takeover`;
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    if (create(lockPath)) {
      removeLeftovers(path.dirname(lockPath));
      return held(lockPath);
    }
    const stale = read(lockPath);
    if (stale === null) continue;
    // A torn or empty lock file (pid 0): its writer died before finishing; stale.
    const pid = pidOf(stale);
    if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataLockedError(displayDir, pid);
    hooks.beforeTakeover?.();
    if (!create(guard)) {
      // Another process is taking over; see who holds the lock once it is done. A
      // guard whose writer is gone (a crash mid-takeover) is removed at once.
      const text = read(guard);
      const owner = pidOf(text);
      try {
        const old = Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS;
        if (text !== null && (old || owner === 0 || !alive(owner)) && read(guard) === text) {
          remove(guard);
          continue;
        }
      } catch {
        // The guard went away meanwhile.
      }
      pause(5);
      continue;
    }
    try {
      if (read(lockPath) === stale) remove(lockPath);
    } finally {
      remove(guard);
    }
  }
  throw new Error(`could not lock ${displayDir}: ${lockPath} keeps changing`);
}

// Files a process writes under its own pid and removes when done: a kill, a
// full disk or a permission error in between leaves them behind.
const LEFTOVER = /^(?:kioku\.lock(?:\.takeover)?\.(\d+)|.+\.(\d+)\.tmp)$/;
/** The state file's temporary copy (written, then renamed): only the lock holder writes it. */
const STATE_TEMP = '.state.json.tmp';

/** Removes leftovers of processes that are gone; called with the lock held. */
function removeLeftovers(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name === STATE_TEMP) remove(path.join(dir, name));
    const m = LEFTOVER.exec(name);
    if (!m) continue;
    const pid = Number(m[1] ?? m[2]);
    if (pid !== process.pid && !exists(pid)) remove(path.join(dir, name));
  }
}

function held(lockPath: string): Lock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    remove(lockPath);
  };
  // A process that exits without closing the store (a signal, an uncaught error) still unlocks.
  process.once('exit', release);
  return { release };
}
