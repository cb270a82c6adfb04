import { depthOf, foldersAbove, leafName } from '../deck/tree.js';
import { planReadiness } from '../plan/readiness.js';
import { daysBetween, studyDay } from '../schedule/day.js';
import type { Study } from '../session/study.js';
import { neutralize } from '../text/sanitize.js';
import { textWidth } from '../text/width.js';
import type { Messages } from './i18n.js';
import { type Command, hintLine } from './keys.js';
import type { Line, Segment, Style } from './markdown/types.js';

export interface DeckRow {
  /** Deck or folder name; '' for the total row. */
  readonly name: string;
  readonly label: string;
  readonly depth: number;
  readonly folder: boolean;
  readonly counts: { new: number; learning: number; review: number };
  readonly problem: boolean;
}

/**
 * The deck tree: a row per folder and per deck (folders first in name order,
 * as a file tree), each with the counts a review of it would start with, and a
 * total row. Pure apart from asking the study for queues.
 */
/**
 * The row selected at start: the top-level folder named like the interface
 * language (the bundled decks keep `en/` and `ja/`), else the first row.
 */
export function languageRow(rows: readonly DeckRow[], language: string): number {
  return Math.max(
    0,
    rows.findIndex((r) => r.depth === 0 && r.folder && r.name === language),
  );
}

/** The deck list's names in order: folders and decks as a file tree, without the total row. */
export function deckNames(study: Pick<Study, 'decks'>): {
  names: string[];
  folders: Set<string>;
  all: string[];
} {
  const names = study.decks.decks.map((d) => d.name);
  const folders = new Set<string>();
  for (const name of names) for (const folder of foldersAbove(name)) folders.add(folder);
  const all = [...new Set([...folders, ...names])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { names, folders, all };
}

export function deckRows(study: Study, now: Date, problemFiles: ReadonlySet<string>): DeckRow[] {
  return homeCounts(study, now, problemFiles).rows;
}

/** The deck list's figures, with when and from what they were computed. */
interface HomeCounts {
  readonly rows: DeckRow[];
  readonly studiedToday: number;
  readonly validUntil: number;
  readonly computedAt: number;
  readonly revision: number;
  readonly problemFiles: ReadonlySet<string>;
}

const countsMemo = new WeakMap<Study, HomeCounts>();

/**
 * The rows and today's count, computed once per change rather than once per
 * frame: a key that only moves the selection is drawn from the cache. They
 * hold while the study makes no write, the problem files are the same,
 * and the clock is before `validUntil` (see `treeCounts`), which is never
 * later than the end of the study day `studiedToday` counts from.
 */
function homeCounts(study: Study, now: Date, problemFiles: ReadonlySet<string>): HomeCounts {
  const t = now.getTime();
  const known = countsMemo.get(study);
  if (
    known &&
    known.revision === study.revision &&
    sameSet(known.problemFiles, problemFiles) &&
    t >= known.computedAt &&
    t < known.validUntil
  )
    return known;
  const { rows, validUntil } = deckRowsUntil(study, now, problemFiles);
  const fresh: HomeCounts = {
    rows,
    studiedToday: study.studiedToday(now),
    validUntil,
    computedAt: t,
    revision: study.revision,
    problemFiles: new Set(problemFiles),
  };
  countsMemo.set(study, fresh);
  return fresh;
}

function sameSet<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/**
 * What the deck list's first frame shows, and the instant until which it holds
 * without an answer or an edit (see `treeCounts`): what the start-up index keeps.
 */
export function homeSnapshot(
  study: Study,
  now: Date,
  problemFiles: ReadonlySet<string>,
  /** false: the exam prediction is left pending rather than simulated (a first frame). */
  simulate = true,
): { rows: DeckRow[]; studiedToday: number; exam: HomeView['exam']; validUntil: number } {
  const { rows, studiedToday, validUntil } = homeCounts(study, now, problemFiles);
  return {
    rows,
    studiedToday,
    exam: simulate ? examStatus(study, now) : examStatusQuick(study, now),
    validUntil,
  };
}

/** What the deck list draws: its rows and today's count (cached, see `homeCounts`). */
export function homeFigures(
  study: Study,
  now: Date,
  problemFiles: ReadonlySet<string>,
): { rows: readonly DeckRow[]; studiedToday: number } {
  return homeCounts(study, now, problemFiles);
}

function deckRowsUntil(
  study: Study,
  now: Date,
  problemFiles: ReadonlySet<string>,
): { rows: DeckRow[]; validUntil: number } {
  const { names, folders, all } = deckNames(study);
  const decks = new Set(names);
  // A folder is flagged when a deck anywhere below it has a problem.
  const problemDecks = new Set<string>();
  const problemFolders = new Set<string>();
  for (const d of study.decks.decks) {
    if (!problemFiles.has(d.file)) continue;
    problemDecks.add(d.name);
    for (const folder of foldersAbove(d.name)) problemFolders.add(folder);
  }
  // Every row's counts in one pass: a queue per row would look at every card once per row.
  const { counts, validUntil } = study.rowCounts(now, [...all, '']);
  const rows: DeckRow[] = all.map((name) => {
    const folder = folders.has(name) && !decks.has(name);
    return {
      name,
      label: leafName(name),
      depth: depthOf(name),
      folder,
      counts: counts.get(name)!,
      problem: folder ? problemFolders.has(name) : problemDecks.has(name),
    };
  });
  rows.push({
    name: '',
    label: '',
    depth: 0,
    folder: true,
    counts: counts.get('')!,
    problem: false,
  });
  return { rows, validUntil };
}

const readinessMemo = new WeakMap<Study, { key: string; value: HomeView['exam'] }>();

/**
 * The header's exam figures under the saved plan, or null. A simulation, so it
 * is kept until the day, the cards studied or the session's actions change.
 */
export function examStatus(study: Study, now: Date): HomeView['exam'] {
  if (!study.settings.plan) return null;
  const key = readinessKey(study, now);
  const known = readinessMemo.get(study);
  if (known?.key === key) return known.value;
  const r = planReadiness({
    settings: study.settings,
    decks: study.decks,
    records: study.records,
    day: study.day,
    now,
  });
  const value = r ? { daysLeft: r.daysLeft, recall: r.recall?.overall ?? null } : null;
  readinessMemo.set(study, { key, value });
  return value;
}

function readinessKey(study: Study, now: Date): string {
  // Any write (an answer, an undo, a card from another device) may change the figures.
  return `${studyDay(now, study.day)}|${study.revision}|${JSON.stringify(study.settings.plan)}`;
}

/**
 * The header's exam figures without simulating: the days left, and the
 * prediction if it is already known for this state, else marked pending (the
 * deck list's first frame, drawn before the simulation runs).
 */
export function examStatusQuick(study: Study, now: Date): HomeView['exam'] {
  const plan = study.settings.plan;
  if (!plan) return null;
  const known = readinessMemo.get(study);
  if (known?.key === readinessKey(study, now)) return known.value;
  const daysLeft = daysBetween(studyDay(now, study.day), plan.exam);
  if (daysLeft < 0) return null;
  return daysLeft === 0 ? { daysLeft, recall: null } : { daysLeft, recall: null, pending: true };
}

export interface HomeView {
  readonly rows: readonly DeckRow[];
  readonly selected: number;
  readonly width: number;
  /** Terminal rows: the list scrolls within what is left after the header and footer. */
  readonly height: number;
  readonly studiedToday: number;
  /** The exam plan's days left and predicted exam-day recall (0–1), when a plan is saved. */
  readonly exam?: {
    readonly daysLeft: number;
    readonly recall: number | null;
    /** The prediction is being worked out: the header says so instead of a figure. */
    readonly pending?: boolean;
  } | null;
  readonly problems: readonly string[];
  readonly status?: string;
  readonly decksDir: string;
  readonly stats: boolean;
  /** Without colour the selection is shown in reverse video. */
  readonly color: boolean;
  readonly t: Messages;
}

/** Rows the list gets: the terminal less the header, column titles, problems, status and hint. */
export function listHeight(view: Pick<HomeView, 'height' | 'problems'>): number {
  return Math.max(3, view.height - 5 - (view.problems.length > 0 ? 1 : 0));
}

/** First row shown: the selection stays in the middle of a scrolled list. */
export function listTop(view: Pick<HomeView, 'rows' | 'selected' | 'height' | 'problems'>): number {
  const height = listHeight(view);
  return Math.max(0, Math.min(view.selected - Math.floor(height / 2), view.rows.length - height));
}

/**
 * The deck list as lines. Pure: the Ink screen prints them, and so does the
 * first paint, before Ink has even loaded.
 */
export function homeLines(view: HomeView): Line[] {
  const { t, rows, width } = view;
  const seg = (text: string, style: Style = 'text', extra: Partial<Segment> = {}): Segment => ({
    text,
    style,
    ...extra,
  });
  const lines: Line[] = [];
  const title = `kioku 記憶 · ${t.homeTitle}`;
  const studied = t.today(view.studiedToday);
  const plan = view.exam
    ? t.examHeader(
        view.exam.daysLeft,
        view.exam.pending
          ? 'pending'
          : view.exam.recall === null
            ? null
            : Math.round(view.exam.recall * 100),
      )
    : '';
  // The plan first: on a narrow terminal the day's count gives way.
  const today =
    plan && textWidth(title) + textWidth(`${plan} · ${studied}`) + 1 <= width
      ? `${plan} · ${studied}`
      : plan || studied;
  lines.push([
    seg(title, 'accent', { bold: true }),
    seg(' '.repeat(Math.max(1, width - textWidth(title) - textWidth(today)))),
    seg(today, 'muted'),
  ]);
  const numbers = 3 * 7;
  const nameWidth = Math.max(10, width - numbers - 2);
  lines.push([
    seg(
      `${pad(t.deck, nameWidth)}${pad(t.new, 7, true)}${pad(t.learning, 7, true)}${pad(t.due, 7, true)}`,
      'muted',
    ),
  ]);
  if (rows.length <= 1) {
    lines.push([seg(t.noDecks(neutralize(view.decksDir)))]);
  } else {
    const top = listTop(view);
    rows.slice(top, top + listHeight(view)).forEach((row, i) => {
      const selected = top + i === view.selected;
      const name =
        row.name === ''
          ? t.total
          : `${'  '.repeat(row.depth)}${row.folder ? '▾ ' : ''}${row.label}`;
      const flag = row.problem ? ` ⚠ ${t.problemsFlag}` : '';
      const label = truncate(neutralize(name), nameWidth - textWidth(flag) - 2);
      const mark: Partial<Segment> = {
        ...(row.folder ? { bold: true } : {}),
        ...(selected && !view.color ? { inverse: true } : {}),
      };
      const count = (n: number, style: Style) =>
        seg(String(n).padStart(7), n > 0 ? style : 'muted', mark);
      lines.push([
        seg(selected ? '▸ ' : '  ', selected ? 'accent' : 'text', mark),
        seg(label, selected ? 'accent' : 'text', mark),
        ...(flag ? [seg(flag, 'warning', mark)] : []),
        seg(
          ' '.repeat(Math.max(0, nameWidth - 2 - textWidth(label) - textWidth(flag))),
          'text',
          mark,
        ),
        count(row.counts.new, 'countNew'),
        count(row.counts.learning, 'countLearning'),
        count(row.counts.review, 'countReview'),
      ]);
    });
  }
  if (view.problems.length > 0) {
    lines.push([
      seg(
        truncate(
          `⚠ ${t.problems(view.problems.length, view.problems.map(neutralize).join(', '))}`,
          width,
        ),
        'warning',
      ),
    ]);
  }
  lines.push([seg(view.status ? truncate(neutralize(view.status), width) : ' ', 'good')]);
  const commands: Command[] = [
    'open',
    'reviewAll',
    'search',
    ...(view.stats ? (['stats'] as const) : []),
    'help',
    'quit',
  ];
  lines.push([seg(truncate(hintLine('home', commands, t.short), width), 'muted')]);
  return lines;
}

function pad(text: string, width: number, right = false): string {
  const gap = ' '.repeat(Math.max(0, width - textWidth(text)));
  return right ? gap + text : text + gap;
}

/** Cuts text to a display width, ending in … when cut (CJK counts 2 columns). */
export function truncate(text: string, width: number): string {
  // Every code point that can show takes a column or more, so the cut lies within
  // the first `limit` of them (zero-width marks aside): a longer text is never
  // measured whole. A megabyte cloze front took string-width 30 s, every frame.
  const limit = 4 * width + 16;
  if (text.length <= limit && textWidth(text) <= width) return text;
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n++ >= limit || textWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}
