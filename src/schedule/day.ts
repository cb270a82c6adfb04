/**
 * The local study day. ts-fsrs counts elapsed days between UTC calendar dates,
 * so for a user in Tokyo its day would roll over at 09:00 local. We hand ts-fsrs
 * "scheduler time": real time shifted so that UTC midnight falls on the user's
 * rollover hour (04:00 local by default). Each instant is shifted by the UTC
 * offset in force at that instant, so DST changes land on the right day.
 */
export interface DayConfig {
  /** IANA zone, e.g. `Asia/Tokyo`. */
  readonly timeZone: string;
  /** Local hour (0–23) at which the next study day starts. */
  readonly rolloverHour: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at that instant (Tokyo: 540; New York: -300 or -240). */
export function utcOffsetMinutes(at: Date, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  // Offsets only ever change on a quarter hour: one Intl lookup per zone and quarter.
  const key = `${timeZone}|${Math.floor(at.getTime() / QUARTER_HOUR)}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  if (offsets.size > 4096) offsets.clear();
  const offset = lookUpOffset(at, timeZone);
  offsets.set(key, offset);
  return offset;
}

const QUARTER_HOUR = 15 * 60_000;
const offsets = new Map<string, number>();

function lookUpOffset(at: Date, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

function shiftMs(at: Date, cfg: DayConfig): number {
  return (utcOffsetMinutes(at, cfg.timeZone) - cfg.rolloverHour * 60) * MINUTE;
}

/** Real time → the time ts-fsrs should see. */
export function toSchedulerTime(real: Date, cfg: DayConfig): Date {
  return new Date(real.getTime() + shiftMs(real, cfg));
}

/** Scheduler time → real time (inverse of `toSchedulerTime`, exact outside DST gaps). */
export function fromSchedulerTime(virtual: Date, cfg: DayConfig): Date {
  const guess = new Date(virtual.getTime() - shiftMs(virtual, cfg));
  return new Date(virtual.getTime() - shiftMs(guess, cfg));
}

/** The study day `n` days after `day` (both `YYYY-MM-DD`; `n` may be negative). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Days from study day `from` to study day `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);
}

/** The study day an instant belongs to, as `YYYY-MM-DD`. */
export function studyDay(at: Date, cfg: DayConfig): string {
  return toSchedulerTime(at, cfg).toISOString().slice(0, 10);
}

/** The real instant at which the study day containing `at` ends. */
export function studyDayEnd(at: Date, cfg: DayConfig): Date {
  const v = toSchedulerTime(at, cfg).getTime();
  return fromSchedulerTime(new Date(Math.floor(v / DAY) * DAY + DAY), cfg);
}

/** The real instant at which the study day containing `at` started. */
export function studyDayStart(at: Date, cfg: DayConfig): Date {
  const v = toSchedulerTime(at, cfg).getTime();
  return fromSchedulerTime(new Date(Math.floor(v / DAY) * DAY), cfg);
}

/** The machine's own zone: the default for users who set none. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
