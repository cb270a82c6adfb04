// The review log as several files: one per device under `log/`, each appended
// to only by its device, plus the single `reviews.jsonl` of earlier versions,
// read as one more file. The cards are the fold of their union (see
// sync/merge.ts). The state file remembers, per file, how many bytes it applied
// and their last bytes: a file that only grew is read from there on; any other
// change (shorter, rewritten, removed, an older event or an undo arriving)
// replays all of them.
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import type { CardRecord } from '../model/record.js';
import { classifyLogName, deviceLogName, LOG_DIR } from '../sync/logNames.js';
import { FUTURE_LIMIT_MS, MergedFold, StreamFold } from '../sync/merge.js';
import {
  applyEvent,
  compareEvents,
  parseEventLine,
  type Replay,
  type ReviewEvent,
} from './events.js';
import { foldLogFile, LogCursor, type ScanStats, scanLog } from './logfile.js';

/** The one log of earlier versions (and of a data folder used without a device id). */
export const LEGACY_LOG = 'reviews.jsonl';

const TAIL_BYTES = 128;

export interface LogFileRef {
  /** Relative to the data folder, with `/`: the key in the mark. */
  readonly rel: string;
  readonly path: string;
}

/** How much of one file the cards have applied. */
export interface FileMark {
  readonly bytes: number;
  /** Its last bytes (latin1): if they changed, the file was rewritten. */
  readonly tail: string;
}

export interface SetMark {
  readonly files: Readonly<Record<string, FileMark>>;
  /** Time of the latest applied event; an older one arriving means a replay. */
  readonly lastAt: string;
  /** Ids of the applied events at `lastAt`: a repeat of one of them is skipped. */
  readonly lastIds: readonly string[];
}

export const EMPTY_MARK: SetMark = { files: {}, lastAt: '', lastIds: [] };

/** The file this device appends to. */
export function ownLog(dir: string, device: string | null): LogFileRef {
  const rel = device ? `${LOG_DIR}/${deviceLogName(device)}` : LEGACY_LOG;
  return { rel, path: path.join(dir, ...rel.split('/')) };
}

/**
 * The log files of a data folder, in a fixed order. Files in `log/` that are not
 * named like a device's log are skipped with a warning: most are copies a sync
 * tool made when two machines wrote one file.
 */
export function listLogFiles(dir: string, display: string, warnings: string[]): LogFileRef[] {
  const files: LogFileRef[] = [];
  if (existsSync(path.join(dir, LEGACY_LOG))) {
    files.push({ rel: LEGACY_LOG, path: path.join(dir, LEGACY_LOG) });
  }
  const logDir = path.join(dir, LOG_DIR);
  let names: string[] = [];
  try {
    names = readdirSync(logDir).sort();
  } catch {
    // No log/ yet: only the legacy file, if any.
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const kind = classifyLogName(name);
    const shown = path.join(display, LOG_DIR, name);
    if (kind.kind === 'device') {
      files.push({ rel: `${LOG_DIR}/${name}`, path: path.join(logDir, name) });
    } else if (kind.kind === 'conflict') {
      warnings.push(
        `${shown} looks like a conflict copy made by ${kind.tool} (two machines wrote one log: a copied device id?); it was not read. If it has answers the other copy lacks, append its lines to that file and delete it`,
      );
    } else if (name.endsWith('.jsonl')) {
      warnings.push(`${shown} is not named like a device's log (16 hex digits); it was not read`);
    }
  }
  return files;
}

interface Opened {
  readonly ref: LogFileRef;
  readonly fd: number;
  readonly size: number;
}

function openAll(files: readonly LogFileRef[]): Opened[] {
  const opened: Opened[] = [];
  try {
    for (const ref of files) {
      let fd: number;
      try {
        fd = openSync(ref.path, 'r');
      } catch (err) {
        // Removed since it was listed: nothing to read. Any other failure (a log
        // this user may not read) must stop the open: skipping the file would
        // fold a state without its history.
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw err;
      }
      opened.push({ ref, fd, size: fstatSync(fd).size });
    }
  } catch (err) {
    for (const o of opened) closeSync(o.fd);
    throw err;
  }
  return opened;
}

function closeAll(opened: readonly Opened[]): void {
  for (const o of opened) closeSync(o.fd);
}

function readRange(fd: number, start: number, end: number): string {
  const buf = Buffer.alloc(Math.max(0, end - start));
  let read = 0;
  while (read < buf.length) {
    const n = readSync(fd, buf, read, buf.length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return buf.subarray(0, read).toString('latin1');
}

function fileMark(o: Opened): FileMark {
  return { bytes: o.size, tail: readRange(o.fd, Math.max(0, o.size - TAIL_BYTES), o.size) };
}

/** What a replay of the opened files leaves: the cards, and each file's mark. */
function setFold(
  opened: readonly Opened[],
  fold: Pick<StreamFold, 'cards' | 'lastAt' | 'lastIds' | 'applied' | 'duplicates'>,
): SetFold {
  const marks: Record<string, FileMark> = {};
  for (const o of opened) marks[o.ref.rel] = fileMark(o);
  return {
    cards: fold.cards,
    mark: { files: marks, lastAt: fold.lastAt, lastIds: fold.lastIds },
    events: fold.applied,
    duplicates: fold.duplicates,
  };
}

function grewFrom(o: Opened, mark: FileMark): boolean {
  if (o.size < mark.bytes) return false;
  const length = Buffer.byteLength(mark.tail, 'latin1');
  return readRange(o.fd, mark.bytes - length, mark.bytes) === mark.tail;
}

/** Per-file findings of a scan, turned into warnings. */
class Findings {
  private readonly future = new Map<string, { count: number; latest: string }>();
  constructor(
    private readonly display: string,
    private readonly limit: string,
  ) {}

  see(rel: string, event: ReviewEvent): void {
    if (event.at <= this.limit) return;
    const f = this.future.get(rel) ?? { count: 0, latest: '' };
    f.count++;
    if (event.at > f.latest) f.latest = event.at;
    this.future.set(rel, f);
  }

  report(rel: string, stats: ScanStats, warnings: string[]): void {
    const file = path.join(this.display, ...rel.split('/'));
    if (stats.torn) {
      warnings.push(
        `the last line of ${file} is incomplete (the program was stopped while writing it, or a sync tool copied it mid-write); it was skipped and left in the file`,
      );
    }
    const other = stats.skipped.length - (stats.torn ? 1 : 0);
    if (other > 0) {
      const lines = stats.skipped.slice(0, other);
      warnings.push(
        `${other} unreadable line(s) in ${file} skipped and kept in the file (line ${lines.slice(0, 5).join(', ')}${other > 5 ? ', …' : ''})`,
      );
    }
  }

  reportFuture(warnings: string[]): void {
    for (const [rel, f] of this.future) {
      const file = path.join(this.display, ...rel.split('/'));
      warnings.push(
        `${file}: ${f.count} event${f.count === 1 ? ' is' : 's are'} dated more than a day after this computer's clock (latest ${f.latest}); check the clock of the device that wrote ${f.count === 1 ? 'it' : 'them'}`,
      );
    }
  }
}

function futureLimit(now: Date): string {
  return new Date(now.getTime() + FUTURE_LIMIT_MS).toISOString();
}

export interface SetFold {
  readonly cards: Record<string, CardRecord>;
  readonly mark: SetMark;
  readonly events: number;
  readonly duplicates: number;
}

/**
 * Replays every file. One file is folded in one streaming pass; several are
 * merged in one pass too (each read once, each line parsed once: see
 * `mergeOpened`), and only when that cannot be exact, indexed and read twice
 * (`foldIndexed`). Memory stays small however large the logs are.
 */
export function foldLogSet(
  files: readonly LogFileRef[],
  replay: Replay | undefined,
  warnings: string[],
  display: string,
  now: Date,
): SetFold {
  const opened = openAll(files);
  try {
    return foldOpened(opened, replay, warnings, display, now);
  } finally {
    closeAll(opened);
  }
}

function foldOpened(
  opened: readonly Opened[],
  replay: Replay | undefined,
  warnings: string[],
  display: string,
  now: Date,
): SetFold {
  const findings = new Findings(display, futureLimit(now));
  if (opened.length === 1) {
    // One file (one device, or the log of earlier versions): one streaming pass,
    // as before there were device logs. Its undos name the events just before
    // them on their card, so putting back the record equals the retraction.
    const o = opened[0]!;
    const folded = foldLogFile(o.fd, o.size, replay);
    findings.report(o.ref.rel, folded, warnings);
    if (folded.lastAt > futureLimit(now)) {
      warnings.push(
        `${path.join(display, ...o.ref.rel.split('/'))}: events are dated more than a day after this computer's clock (latest ${folded.lastAt}); check the clock of the device that wrote them`,
      );
    }
    return {
      cards: folded.cards,
      mark: { files: { [o.ref.rel]: fileMark(o) }, lastAt: folded.lastAt, lastIds: folded.lastIds },
      events: folded.events,
      duplicates: 0,
    };
  }
  return (
    mergeOpened(opened, replay, warnings, display, now) ??
    foldIndexed(opened, replay, warnings, display, now)
  );
}

/**
 * The merge of several files in one pass: each file is already in replay order
 * (a device appends in time order), so the next event of the merge is the
 * earliest of the files' next events. Null, having reported nothing, when one
 * pass cannot be exact: a file out of order (an import of older history
 * appended to it, a clock set back) or an undo `StreamFold` cannot retract.
 */
function mergeOpened(
  opened: readonly Opened[],
  replay: Replay | undefined,
  warnings: string[],
  display: string,
  now: Date,
): SetFold | null {
  const findings = new Findings(display, futureLimit(now));
  const cursors = opened.map((o) => new LogCursor(o.fd, 0, o.size));
  const heads = cursors.map((c) => c.next());
  const fold = new StreamFold(replay);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const e = heads[i];
      if (e && (best === -1 || replayBefore(e, heads[best]!))) best = i;
    }
    if (best === -1) break;
    const event = heads[best]!;
    findings.see(opened[best]!.ref.rel, event);
    if (!fold.add(event)) return null;
    const next = cursors[best]!.next();
    if (next && replayBefore(next, event)) return null;
    heads[best] = next;
  }
  const notes: string[] = [];
  for (const [i, o] of opened.entries()) findings.report(o.ref.rel, cursors[i]!, notes);
  findings.reportFuture(notes);
  warnings.push(...notes);
  return setFold(opened, fold);
}

/**
 * Replay order across files: by time, then as `compareEvents` orders events of
 * one millisecond. Times as kioku writes them (`toISOString`) compare as text;
 * others (an offset, no milliseconds: written by hand) by their instant.
 */
function replayBefore(a: ReviewEvent, b: ReviewEvent): boolean {
  if (a.at.length !== 24 || b.at.length !== 24 || !a.at.endsWith('Z') || !b.at.endsWith('Z')) {
    const ta = Date.parse(a.at);
    const tb = Date.parse(b.at);
    if (ta !== tb) return ta < tb;
  }
  return compareEvents(a, b) < 0;
}

/**
 * The merge of several files in two passes, exact in every case: the first
 * indexes each event (time, file, byte range: ~24 bytes an event) and collects
 * the undone ids, the second reads the events back in replay order.
 */
function foldIndexed(
  opened: readonly Opened[],
  replay: Replay | undefined,
  warnings: string[],
  display: string,
  now: Date,
): SetFold {
  const findings = new Findings(display, futureLimit(now));
  let at = new Float64Array(1024);
  let offsets = new Float64Array(1024);
  let lengths = new Uint32Array(1024);
  let fileOf = new Uint16Array(1024);
  let n = 0;
  const undone = new Set<string>();
  opened.forEach((o, index) => {
    const stats = scanLog(o.fd, 0, o.size, (event, offset, length) => {
      if (n === at.length) {
        at = grow(at);
        offsets = grow(offsets);
        lengths = grow(lengths);
        fileOf = grow(fileOf);
      }
      at[n] = Date.parse(event.at);
      offsets[n] = offset;
      lengths[n] = length;
      fileOf[n] = index;
      n++;
      if (event.type === 'undo') undone.add(event.undone);
      findings.see(o.ref.rel, event);
    });
    findings.report(o.ref.rel, stats, warnings);
  });
  findings.reportFuture(warnings);

  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  // Files in a fixed order and lines in file order: the sort is stable, and events
  // of one millisecond are put in id order below, as compareEvents does.
  order.sort((a, b) => at[a]! - at[b]! || fileOf[a]! - fileOf[b]! || offsets[a]! - offsets[b]!);

  const fold = new MergedFold(undone, replay);
  const read = (i: number): ReviewEvent | null => {
    const o = opened[fileOf[i]!]!;
    const buf = Buffer.alloc(lengths[i]!);
    readSync(o.fd, buf, 0, buf.length, offsets[i]!);
    return parseEventLine(buf.toString('utf8'));
  };
  for (let k = 0; k < n; ) {
    let end = k + 1;
    while (end < n && at[order[end]!] === at[order[k]!]) end++;
    const group: ReviewEvent[] = [];
    for (let j = k; j < end; j++) {
      const event = read(order[j]!);
      if (event) group.push(event);
    }
    if (group.length > 1) group.sort(compareEvents);
    for (const event of group) fold.add(event);
    k = end;
  }
  return setFold(opened, fold);
}

function grow<T extends Float64Array | Uint32Array | Uint16Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

export interface SetAtOpen {
  readonly cards: Record<string, CardRecord>;
  readonly mark: SetMark;
  /** The state differs from the state file (a tail applied, or replayed). */
  readonly changed: boolean;
  readonly replayed: boolean;
}

/**
 * Brings saved cards up to date with the files: applies what was appended to
 * them since, or replays everything when that is not enough to be exact.
 */
export function reconcileLogSet(
  files: readonly LogFileRef[],
  saved: { readonly mark: SetMark; readonly cards: Record<string, CardRecord> } | null,
  replay: Replay | undefined,
  warnings: string[],
  display: string,
  now: Date,
): SetAtOpen {
  const opened = openAll(files);
  try {
    if (saved) {
      const tail = readTails(opened, saved.mark, warnings, display, now);
      if (tail) {
        const cards = saved.cards;
        let lastAt = saved.mark.lastAt;
        const seen = new Set(saved.mark.lastIds);
        let lastIds = [...seen];
        for (const event of tail.sort(compareEvents)) {
          if (seen.has(event.id)) continue;
          seen.add(event.id);
          applyEvent(cards, event, replay);
          if (event.at > lastAt) {
            lastAt = event.at;
            lastIds = [event.id];
          } else lastIds.push(event.id);
        }
        const marks: Record<string, FileMark> = {};
        for (const o of opened) marks[o.ref.rel] = fileMark(o);
        return {
          cards,
          mark: { files: marks, lastAt, lastIds },
          changed: tail.length > 0 || !sameFiles(saved.mark, marks),
          replayed: false,
        };
      }
    }
    const folded = foldOpened(opened, replay, warnings, display, now);
    return { cards: folded.cards, mark: folded.mark, changed: true, replayed: true };
  } finally {
    closeAll(opened);
  }
}

function sameFiles(a: SetMark, files: Readonly<Record<string, FileMark>>): boolean {
  const keys = Object.keys(files);
  return (
    keys.length === Object.keys(a.files).length &&
    keys.every((k) => a.files[k]?.bytes === files[k]!.bytes)
  );
}

/**
 * The events appended since the mark, or null when the files changed in a way
 * only a full replay handles: one gone, shorter or rewritten; an event older
 * than the latest applied (another device's answers from before); an undo (a
 * retraction may reach behind events applied since its target).
 */
function readTails(
  opened: readonly Opened[],
  mark: SetMark,
  warnings: string[],
  display: string,
  now: Date,
): ReviewEvent[] | null {
  const present = new Set(opened.map((o) => o.ref.rel));
  for (const rel of Object.keys(mark.files)) if (!present.has(rel)) return null;
  const findings = new Findings(display, futureLimit(now));
  const tail: ReviewEvent[] = [];
  const notes: string[] = [];
  for (const o of opened) {
    const m = mark.files[o.ref.rel] ?? { bytes: 0, tail: '' };
    if (!grewFrom(o, m)) return null;
    if (o.size === m.bytes) continue;
    let stop = false;
    const stats = scanLog(o.fd, m.bytes, o.size, (event) => {
      if (event.at < mark.lastAt || event.type === 'undo') stop = true;
      findings.see(o.ref.rel, event);
      tail.push(event);
    });
    if (stop) return null;
    findings.report(o.ref.rel, stats, notes);
  }
  findings.reportFuture(notes);
  warnings.push(...notes);
  return tail;
}

/** Every readable event of every file, each once, in replay order (statistics, tests). */
export function readLogSet(files: readonly LogFileRef[]): ReviewEvent[] {
  const events: ReviewEvent[] = [];
  const opened = openAll(files);
  try {
    for (const o of opened) scanLog(o.fd, 0, o.size, (e) => events.push(e));
  } finally {
    closeAll(opened);
  }
  events.sort(compareEvents);
  const unique: ReviewEvent[] = [];
  for (const e of events) {
    const last = unique[unique.length - 1];
    if (last && last.id === e.id && last.at === e.at) continue;
    unique.push(e);
  }
  return unique;
}
