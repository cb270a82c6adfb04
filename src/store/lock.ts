import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

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
 * Takes `<dir>/kioku.lock` by an atomic link(), so two processes can never
 * both hold it. A lock left by a process that no longer exists (SIGKILL, power loss) is
 * taken over.
 */
export function acquireLock(lockPath: string, displayDir: string): Lock {
  for (let attempt = 0; attempt < 3; attempt++) {
    // Write the pid to a private file, then link it into place: link() creates
    // the lock atomically *with* its content, so no other process can ever read
    // an empty lock file and take it for a stale one.
    const mine = `${lockPath}.${process.pid}`;
    writeFileSync(mine, JSON.stringify({ pid: process.pid, started: new Date().toISOString() }));
    try {
      linkSync(mine, lockPath);
      unlinkSync(mine);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener('exit', release);
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      // A process that exits without closing the store (a signal, an uncaught error) still unlocks.
      process.once('exit', release);
      return { release };
    } catch (err) {
      unlinkSync(mine);
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let pid = 0;
    try {
      pid = Number(JSON.parse(readFileSync(lockPath, 'utf8')).pid) || 0;
    } catch {
      // Torn or empty lock file: its writer died before finishing; stale.
    }
    if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataLockedError(displayDir, pid);
    try {
      unlinkSync(lockPath);
    } catch {
      // Another process removed it first; try again.
    }
  }
  throw new Error(`could not lock ${displayDir}: ${lockPath} keeps reappearing`);
}
