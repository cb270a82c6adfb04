import { readSync } from 'node:fs';
import type { CardRecord } from '../model/record.js';
import {
  applyEvent,
  compareEvents,
  parseEventLine,
  type Replay,
  type ReviewEvent,
} from './events.js';

const CHUNK = 1 << 22; // 4 MiB: large reads, small memory

export interface ScanStats {
  /** 1-based numbers of lines that could not be read (kept in the file, skipped). */
  readonly skipped: number[];
  /** The file ends in a partial line that could not be read: a write cut short by a crash. */
  readonly torn: boolean;
}

/**
 * Streams the log's lines from `start` to `end` without holding the file in
 * memory (a year of reviews is hundreds of megabytes). Calls `onEvent` with each
 * readable event and its byte range.
 */
export function scanLog(
  fd: number,
  start: number,
  end: number,
  onEvent: (event: ReviewEvent, offset: number, length: number) => void,
  firstLine = 1,
): ScanStats {
  const skipped: number[] = [];
  const buf = Buffer.alloc(Math.min(CHUNK, Math.max(1, end - start)));
  let carry = Buffer.alloc(0);
  let carryOffset = start;
  let position = start;
  let lineNo = firstLine;
  let torn = false;

  const handle = (line: Buffer, offset: number, last: boolean) => {
    let text = line.toString('utf8');
    // A byte-order mark (an editor saved the log as "UTF-8 with BOM") is not part of the line.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() !== '') {
      const event = parseEventLine(text);
      if (event) onEvent(event, offset, line.length);
      else if (last) torn = true;
      else skipped.push(lineNo);
    }
    lineNo++;
  };

  while (position < end) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, end - position), position);
    if (n === 0) break;
    position += n;
    const chunk =
      carry.length > 0 ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    let lineStart = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, lineStart)) {
      handle(chunk.subarray(lineStart, i), carryOffset + lineStart, false);
      lineStart = i + 1;
    }
    // Copy the partial line: the read buffer is reused.
    carry = Buffer.from(chunk.subarray(lineStart));
    carryOffset += lineStart;
  }
  if (carry.length > 0) handle(carry, carryOffset, true);
  if (torn) skipped.push(lineNo - 1);
  return { skipped, torn };
}

/**
 * The events of a log, one at a time, as a merge pulls them: the file is read
 * once, in large chunks, and each line parsed once. Unreadable lines are
 * skipped and counted as `scanLog` does.
 */
export class LogCursor implements ScanStats {
  readonly skipped: number[] = [];
  torn = false;
  private readonly buf: Buffer;
  private chunk: Buffer = Buffer.alloc(0);
  private pos = 0;
  private position: number;
  private lineNo = 1;

  constructor(
    private readonly fd: number,
    start: number,
    private readonly end: number,
  ) {
    this.position = start;
    this.buf = Buffer.alloc(Math.min(CURSOR_CHUNK, Math.max(1, end - start)));
  }

  next(): ReviewEvent | null {
    for (;;) {
      const nl = this.chunk.indexOf(10, this.pos);
      if (nl !== -1) {
        const event = this.line(this.chunk.subarray(this.pos, nl), false);
        this.pos = nl + 1;
        if (event) return event;
        continue;
      }
      if (this.position >= this.end) {
        if (this.pos >= this.chunk.length) return null;
        const event = this.line(this.chunk.subarray(this.pos), true);
        this.pos = this.chunk.length;
        return event;
      }
      // Copy the partial line out first: the read buffer is reused.
      const rest = Buffer.from(this.chunk.subarray(this.pos));
      const n = readSync(
        this.fd,
        this.buf,
        0,
        Math.min(this.buf.length, this.end - this.position),
        this.position,
      );
      if (n === 0) {
        this.position = this.end;
        this.chunk = rest;
      } else {
        this.position += n;
        this.chunk =
          rest.length > 0
            ? Buffer.concat([rest, this.buf.subarray(0, n)])
            : this.buf.subarray(0, n);
      }
      this.pos = 0;
    }
  }

  private line(bytes: Buffer, last: boolean): ReviewEvent | null {
    let text = bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lineNo = this.lineNo++;
    if (text.trim() === '') return null;
    const event = parseEventLine(text);
    if (!event) {
      if (last) this.torn = true;
      this.skipped.push(lineNo);
    }
    return event;
  }
}

/** Several cursors read at once in a merge: smaller chunks than a lone scan. */
const CURSOR_CHUNK = 1 << 20;

export interface FoldResult extends ScanStats {
  readonly cards: Record<string, CardRecord>;
  readonly lastAt: string;
  /** Ids of the events at `lastAt`. */
  readonly lastIds: string[];
  readonly events: number;
}

/**
 * Replays the whole log into a card map, in event-time order, so two devices'
 * logs joined in either order give the same state. A log written by one device
 * is already in order and is folded in one streaming pass; a merged log is
 * indexed (time and byte range: 20 bytes an event) and replayed sorted.
 */
export function foldLogFile(fd: number, size: number, replay?: Replay): FoldResult {
  const cards: Record<string, CardRecord> = {};
  let previous: ReviewEvent | null = null;
  let inOrder = true;
  let count = 0;
  let lastIds: string[] = [];
  const stats = scanLog(fd, 0, size, (event) => {
    if (!inOrder) return;
    if (previous && compareEvents(event, previous) < 0) {
      inOrder = false;
      return;
    }
    // An exact repeat of an event (a log concatenated onto itself) counts once.
    if (previous && event.id === previous.id) return;
    applyEvent(cards, event, replay);
    if (previous && previous.at === event.at) lastIds.push(event.id);
    else lastIds = [event.id];
    previous = event;
    count++;
  });
  if (inOrder) {
    const lastAt = (previous as ReviewEvent | null)?.at ?? '';
    return { cards, lastAt, lastIds, events: count, ...stats };
  }
  return foldSorted(fd, size, replay);
}

function foldSorted(fd: number, size: number, replay?: Replay): FoldResult {
  let at = new Float64Array(1024);
  let offsets = new Float64Array(1024);
  let lengths = new Uint32Array(1024);
  let n = 0;
  const stats = scanLog(fd, 0, size, (event, offset, length) => {
    if (n === at.length) {
      at = grow(at);
      offsets = grow(offsets);
      lengths = grow(lengths);
    }
    at[n] = Date.parse(event.at);
    offsets[n] = offset;
    lengths[n] = length;
    n++;
  });
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => at[a]! - at[b]! || offsets[a]! - offsets[b]!);

  const read = (i: number): ReviewEvent | null => {
    const buf = Buffer.alloc(lengths[i]!);
    readSync(fd, buf, 0, buf.length, offsets[i]!);
    return parseEventLine(buf.toString('utf8'));
  };
  const cards: Record<string, CardRecord> = {};
  let lastId = '';
  let lastAt = '';
  let lastIds: string[] = [];
  let events = 0;
  for (let k = 0; k < n; ) {
    // Events of the same millisecond are ordered by id, exactly as compareEvents does.
    let end = k + 1;
    while (end < n && at[order[end]!] === at[order[k]!]) end++;
    const group: ReviewEvent[] = [];
    for (let j = k; j < end; j++) {
      const event = read(order[j]!);
      if (event) group.push(event);
    }
    if (group.length > 1) group.sort(compareEvents);
    lastIds = [];
    for (const event of group) {
      if (event.id === lastId) continue;
      lastId = event.id;
      applyEvent(cards, event, replay);
      lastAt = event.at;
      lastIds.push(event.id);
      events++;
    }
    k = end;
  }
  return { cards, lastAt, lastIds, events, ...stats };
}

function grow<T extends Float64Array | Uint32Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}
