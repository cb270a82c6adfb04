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

/**
 * What the lock asks the system about a process. Injected by tests; the
 * default reads Linux's /proc, and answers null (unknown) elsewhere.
 */
export interface ProcessInfo {
  /** Whether a process with this pid exists (whoever owns it). */
  exists(pid: number): boolean;
  /** Its command line (NUL-separated), or null when it cannot be read. */
  command(pid: number): string | null;
  /**
   * When it started, as an opaque string equal for one process and different
   * for a later process reusing its pid; null when unknown.
   */
  startTime(pid: number): string | null;
}

/** Seams for tests that need a precise interleaving of two processes, or another system. */
export interface LockHooks {
  /** Runs after a stale lock was read and before it is taken over. */
  readonly beforeTakeover?: () => void;
  readonly processes?: ProcessInfo;
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

function readProc(file: string): string | null {
  try {
    return readFileSync(file, 'latin1');
  } catch {
    return null;
  }
}

/**
 * A process's start on Linux: the boot's id and field 22 of /proc/<pid>/stat
 * (clock ticks from boot to its start). The command name (field 2) is in
 * parentheses and may hold spaces or parentheses itself: fields are counted
 * from the last `)`.
 */
export function procStartTime(stat: string | null, bootId: string | null): string | null {
  if (stat === null) return null;
  const close = stat.lastIndexOf(')');
  if (close < 0) return null;
  const ticks = stat
    .slice(close + 2)
    .split(' ')
    .at(22 - 3);
  if (!ticks || !/^\d+$/.test(ticks)) return null;
  return `${bootId?.trim() ?? ''}:${ticks}`;
}

export const systemProcesses: ProcessInfo = {
  exists,
  command: (pid) => readProc(`/proc/${pid}/cmdline`),
  startTime: (pid) =>
    procStartTime(readProc(`/proc/${pid}/stat`), readProc('/proc/sys/kernel/random/boot_id')),
};

/** Who a lock or guard file says holds it: pid 0 when the file is torn or empty. */
export interface Holder {
  readonly pid: number;
  /** The holder's start time (see `ProcessInfo.startTime`), when it recorded one. */
  readonly start: string | null;
}

function holderOf(text: string | null): Holder {
  if (text === null) return { pid: 0, start: null };
  try {
    const json = JSON.parse(text);
    const start = typeof json.processStart === 'string' ? json.processStart : null;
    return { pid: Number(json.pid) || 0, start };
  } catch {
    return { pid: 0, start: null };
  }
}

/**
 * Whether a kioku process may still hold the lock. After a crash (and a
 * reboot) the pid can belong to anything, another node program included. A
 * lock that recorded its holder's start time is held only by a process that
 * started then; an older lock, or a system without /proc, falls back to the
 * command line: a process that runs neither node nor kioku is not the holder.
 * Unknown: assume it is.
 */
export function holderAlive(holder: Holder, processes: ProcessInfo): boolean {
  if (!processes.exists(holder.pid)) return false;
  const now = holder.start === null ? null : processes.startTime(holder.pid);
  if (holder.start !== null && now !== null) return now === holder.start;
  const cmdline = processes.command(holder.pid);
  if (cmdline === null) return true;
  return cmdline === '' || /kioku|node/i.test(cmdline);
}

/**
 * Creates `target` holding this process's pid, or returns false if it exists.
 * The pid goes to a private file first, then link() puts it in place: the file
 * appears atomically *with* its content, so nobody ever reads an empty lock and
 * takes it for a stale one.
 */
function create(target: string, processes: ProcessInfo): boolean {
  const mine = `${target}.${process.pid}`;
  const processStart = processes.startTime(process.pid);
  writeFileSync(
    mine,
    JSON.stringify({
      pid: process.pid,
      started: new Date().toISOString(),
      ...(processStart !== null ? { processStart } : {}),
    }),
  );
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
  const processes = hooks.processes ?? systemProcesses;
  const deadline = Date.now() + 2_000;
  while (Date.now() < deadline) {
    if (create(lockPath, processes)) {
      removeLeftovers(path.dirname(lockPath), processes);
      return held(lockPath);
    }
    const stale = read(lockPath);
    if (stale === null) continue;
    // A torn or empty lock file (pid 0): its writer died before finishing; stale.
    const holder = holderOf(stale);
    if (holder.pid > 0 && holder.pid !== process.pid && holderAlive(holder, processes))
      throw new DataLockedError(displayDir, holder.pid);
    hooks.beforeTakeover?.();
    if (!create(guard, processes)) {
      // Another process is taking over; see who holds the lock once it is done. A
      // guard whose writer is gone (a crash mid-takeover) is removed at once.
      const text = read(guard);
      const owner = holderOf(text);
      try {
        const old = Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS;
        if (
          text !== null &&
          (old || owner.pid === 0 || !holderAlive(owner, processes)) &&
          read(guard) === text
        ) {
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
function removeLeftovers(dir: string, processes: ProcessInfo): void {
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
    if (pid !== process.pid && !processes.exists(pid)) remove(path.join(dir, name));
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
