// The review log of a data folder as tests read it. kioku appends to
// `log/<device-id>.jsonl` (one file per device) and still reads an older
// `reviews.jsonl`, so a test names no file: it reads all of them, or asks for the
// one file this machine writes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The log files of a data folder: `reviews.jsonl` if any, then `log/*.jsonl` by name. */
export function logFiles(dataDir: string): string[] {
  const files: string[] = [];
  const legacy = path.join(dataDir, 'reviews.jsonl');
  try {
    readFileSync(legacy);
    files.push(legacy);
  } catch {
    // none
  }
  try {
    for (const name of readdirSync(path.join(dataDir, 'log')).sort()) {
      if (name.endsWith('.jsonl')) files.push(path.join(dataDir, 'log', name));
    }
  } catch {
    // no log/ yet
  }
  return files;
}

/** Every non-empty line of every log file, file by file (not in replay order). */
export function logLines(dataDir: string): string[] {
  return logFiles(dataDir).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== ''),
  );
}

/** Every line parsed (a test's log has no unreadable lines), typed as the test reads it. */
export function logEvents<T = { readonly [field: string]: unknown }>(dataDir: string): T[] {
  return logLines(dataDir).map((l) => JSON.parse(l) as T);
}

/** The one device log under `log/` (this machine's): fails when there is not exactly one. */
export function deviceLog(dataDir: string): string {
  const files = logFiles(dataDir).filter((f) => path.dirname(f) === path.join(dataDir, 'log'));
  if (files.length !== 1) {
    throw new Error(`expected one device log in ${dataDir}/log, found ${files.length}`);
  }
  return files[0]!;
}
