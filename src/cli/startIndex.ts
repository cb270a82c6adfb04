import { readlinkSync } from 'node:fs';
import type { DeckFile } from '../deck/load.js';
import { localTimeZone, studyDayStart } from '../schedule/day.js';
import type { Study } from '../session/study.js';
import {
  dataKey,
  readStartIndex,
  removeStartIndex,
  type StartIndex,
  type StartKey,
  startIndexFor,
  writeStartIndex,
} from '../store/startIndex.js';
import type { Store } from '../store/store.js';

/** The start-up index's key but for the data folder's part (see `StartKey`). */
export type DecksKey = Omit<StartKey, 'data'>;

export function decksKey(
  program: string,
  listed: { readonly root: string; readonly files: readonly DeckFile[] },
  decksShown: string,
  timeZone: string = machineZoneKey(),
): DecksKey {
  return {
    program,
    decksRoot: listed.root,
    decksShown,
    files: listed.files.map((f) => [f.path, f.size, f.mtimeMs] as const),
    timeZone,
  };
}

/**
 * What names the machine's time zone, for the key: $TZ, else where
 * /etc/localtime points. Asking Intl costs more than the rest of `kioku due`
 * (it loads the time zone data), so it is only the fallback.
 */
export function machineZoneKey(): string {
  if (process.env.TZ !== undefined) return `TZ=${process.env.TZ}`;
  try {
    return `localtime=${readlinkSync('/etc/localtime')}`;
  } catch {
    return `zone=${localTimeZone()}`;
  }
}

/** The index in `dataDir` if it was made from exactly these decks and data and holds at `now`. */
export function usableStartIndex(dataDir: string, key: DecksKey, now: Date): StartIndex | null {
  return startIndexFor(readStartIndex(dataDir), { ...key, data: dataKey(dataDir) }, now);
}

/**
 * Writes the start-up index from a study over the decks `key` lists, unless the
 * log on disk has lines the store's cards do not (another device's, pulled in
 * meanwhile): then the index is removed instead, never written stale.
 */
export async function saveStartIndex(options: {
  readonly dataDir: string;
  readonly key: DecksKey;
  readonly study: Study;
  readonly store: Pick<Store, 'logMark'>;
  readonly problems: readonly string[];
  readonly now: Date;
}): Promise<void> {
  const { dataDir, study, now } = options;
  const data = dataKey(dataDir);
  const mark = options.store.logMark;
  const read = (rel: string) => mark[rel] ?? { bytes: 0, tail: '' };
  const stale =
    data.logs.some((f) => f.size !== read(f.rel).bytes || f.tail !== read(f.rel).tail) ||
    Object.entries(mark).some(([rel, m]) => m.bytes > 0 && !data.logs.some((f) => f.rel === rel));
  if (stale) {
    removeStartIndex(dataDir);
    return;
  }
  // Loaded here, not at the top: it brings string-width, which `due` and `check` never need.
  const { homeSnapshot } = await import('../ui/homeView.js');
  const snapshot = homeSnapshot(study, now, new Set(options.problems));
  writeStartIndex(dataDir, {
    key: { ...options.key, data },
    validFrom: studyDayStart(now, study.day).getTime(),
    validUntil: snapshot.validUntil,
    studiedToday: snapshot.studiedToday,
    exam: snapshot.exam ?? null,
    problems: [...options.problems],
    decks: study.decks.decks.map((d) => d.name),
    rows: snapshot.rows,
  });
}
