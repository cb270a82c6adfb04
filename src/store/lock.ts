import { linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';

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

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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
    if (create(lockPath)) return held(lockPath);
    const stale = read(lockPath);
    if (stale === null) continue;
    let pid = 0;
    try {
      pid = Number(JSON.parse(stale).pid) || 0;
    } catch {
      // Torn or empty lock file: its writer died before finishing; stale.
    }
    if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataLockedError(displayDir, pid);
    hooks.beforeTakeover?.();
    if (!create(guard)) {
      // Another process is taking over; see who holds the lock once it is done.
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) remove(guard);
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
