// Small file helpers shared by the store's modules.
import { closeSync, fsyncSync, openSync, readSync } from 'node:fs';

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
