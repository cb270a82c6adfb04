// Small file helpers shared by the store's modules.
import {
  closeSync,
  fsyncSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/**
 * A problem with the data folder the user can fix (permissions, a full or
 * read-only disk, a folder where a file belongs): its message is one line that
 * names the file and says what to do, and is shown without a stack trace.
 */
export class DataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataError';
  }
}

const ADVICE: Readonly<Record<string, string>> = {
  EACCES:
    'permission denied; make it readable and writable for you (chmod u+rw), or use another data folder',
  EPERM: 'operation not permitted; check its owner and permissions, or use another data folder',
  EROFS: 'the file system is read-only; use a data folder on a writable disk',
  ENOSPC: 'the disk is full; free some space and start kioku again',
  EDQUOT: 'the disk quota is used up; free some space and start kioku again',
  EISDIR: 'is a folder where kioku expects a file; move it away and start kioku again',
  ENOTDIR: 'part of the path is a file where kioku expects a folder',
};

/**
 * The user-facing form of a file system error under `dir` (shown as
 * `display`), or the error itself when it is not one the user can act on.
 * `about`: the file an error without a path concerns.
 */
export function dataError(err: unknown, dir: string, display: string, about?: string): unknown {
  if (err instanceof DataError || !err || typeof err !== 'object') return err;
  const { code } = err as NodeJS.ErrnoException;
  // Errors on an open file descriptor carry no path: the caller says which file.
  const file = (err as NodeJS.ErrnoException).path ?? about;
  const advice = code ? ADVICE[code] : undefined;
  if (!advice) return err;
  const shown =
    typeof file === 'string' ? path.join(display, path.relative(dir, file) || '.') : display;
  return new DataError(`${shown}: ${advice}`);
}

/** Reads bytes `start`…`end` of an open file (fewer at its end). */
export function readRange(
  fd: number,
  start: number,
  end: number,
  encoding: BufferEncoding = 'utf8',
): string {
  const length = Math.max(0, end - start);
  const buf = Buffer.alloc(length);
  let read = 0;
  while (read < length) {
    const n = readSync(fd, buf, read, length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return buf.subarray(0, read).toString(encoding);
}

/** Makes a newly created file's directory entry durable too. */
export function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the file's own fsync still holds.
  }
}

/** A suffix for a damaged file set aside: sorts by time, valid in every file system. */
export function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.split('\n')[0]! : String(err);
}

/**
 * Writes a cache file whole or not at all (a temporary file, then a rename), and
 * never throws: a cache that cannot be written only costs the next run its work.
 */
export function writeCacheFile(target: string, text: string): void {
  const temp = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, target);
  } catch {
    rmSync(temp, { force: true });
  }
}
